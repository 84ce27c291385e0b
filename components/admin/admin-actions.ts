import type { SubmitResult } from '../common/use-submit';
import type { FormValues } from '../../client/view-models/admin/form-fields';

/** What a list section of the console can do with its records; the page turns each into model writes. */
export interface CollectionActions {
  add(values: FormValues): Promise<SubmitResult>;
  /** The values an edit form starts from; null when the record is not on this computer (a project not yet synced). */
  load(id: string): Promise<FormValues | null>;
  /** `baseline`: what the form was filled with; only the fields that differ from it are written. */
  edit(id: string, values: FormValues, baseline: FormValues): Promise<SubmitResult>;
  archive(id: string): Promise<SubmitResult>;
  restore(id: string): Promise<SubmitResult>;
}
