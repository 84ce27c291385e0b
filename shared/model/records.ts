import { planWrite, type PlannedWrite, type RecordLayout } from './layout';
import { fieldError, type ModelResult } from './result';
import { readSlot, recordExists, type Slot } from './slots';
import { err } from '../result';

type Planned<T> = ModelResult<{ plan: PlannedWrite<T> }>;

/** Plans the creation of a record that must not exist yet (ids are fresh; a clash means a caller bug or a replay). */
export function planCreate<T extends object>(slot: Slot, layout: RecordLayout<T>, recordId: string | null, value: Record<string, unknown>): Planned<T> {
  if (recordExists(slot, layout)) return err({ errors: [fieldError('err.model.alreadyExists', layout.idField ?? 'id')] });
  return planWrite(layout, recordId, new Map(), value);
}

/** Plans an update of an existing record: the patch over what is stored, validated whole. */
export function planUpdate<T extends object>(slot: Slot, layout: RecordLayout<T>, recordId: string | null, patch: Record<string, unknown>): Planned<T> {
  if (!recordExists(slot, layout)) return err({ errors: [fieldError('err.model.notFound', layout.idField ?? '')] });
  return planWrite(layout, recordId, readSlot(slot, layout), patch);
}
