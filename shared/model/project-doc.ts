import type * as Y from 'yjs';
import { AttributionSchema } from '../schema/common';
import { appendActivity, type ActivityAction, type ActivityChange, type ActivityRecordKind } from './activity';
import { PROJECT_KEYS } from './keys';
import type { FieldChange } from './layout';
import { localOrigin, type Author } from './origin';
import { fieldError, refuseZod, type ModelResult, PARSE } from './result';
import { flatSlot, singleSlot, writeSlot, type Slot } from './slots';
import { err, ok } from '../result';

export function projectMap(doc: Y.Doc, key: Exclude<keyof typeof PROJECT_KEYS, 'activity'>): Y.Map<unknown> {
  return doc.getMap<unknown>(PROJECT_KEYS[key]);
}

export const projectSlot = (doc: Y.Doc): Slot => singleSlot(projectMap(doc, 'project'));
export const milestoneSlot = (doc: Y.Doc, id: string): Slot => flatSlot(projectMap(doc, 'milestones'), id);
export const problemSlot = (doc: Y.Doc, id: string): Slot => flatSlot(projectMap(doc, 'problems'), id);
export const reportSlot = (doc: Y.Doc, month: string): Slot => flatSlot(projectMap(doc, 'reports'), month);

/** The id stored in the project document, if it has been initialised with a usable one. */
export function projectIdOf(doc: Y.Doc): string | null {
  const id = projectMap(doc, 'project').get('id');
  return typeof id === 'string' ? id : null;
}

/**
 * Attribution fields are bookkeeping: the activity entry itself says who and when. So are a 月报's earlier versions:
 * the entries of a correction already carry each changed field's old and new value.
 */
const UNLOGGED_FIELDS = new Set(['created', 'updated', 'filed', 'raised', 'revisions']);

/** Field changes as activity entries of one action on one record. */
export function fieldActivity(action: ActivityAction, kind: ActivityRecordKind, id: string, changes: readonly FieldChange[]): ActivityChange[] {
  return changes.filter((c) => !UNLOGGED_FIELDS.has(c.field)).map((c) => ({ action, record: { kind, id }, field: c.field, from: c.from, to: c.to }));
}

export interface MutationPlan<R extends object> {
  writes: Array<[Slot, ReadonlyMap<string, unknown>]>;
  activity: ActivityChange[];
  result: R;
}

/**
 * Runs one project-document mutation: checks the author, plans (validating everything before any write), then writes
 * the planned keys, bumps the project's `updated` and appends the activity entries in ONE transaction.
 */
export function mutateProject<R extends object>(
  doc: Y.Doc,
  author: Author,
  plan: () => ModelResult<{ plan: MutationPlan<R> }>,
  opts: { requireProject?: boolean } = {},
): ModelResult<R> {
  const attribution = AttributionSchema.safeParse({ by: author.memberId, at: author.at }, PARSE);
  if (!attribution.success) return refuseZod(attribution.error);
  if ((opts.requireProject ?? true) && projectIdOf(doc) === null) return err({ errors: [fieldError('err.model.notInitialized')] });
  const planned = plan();
  if (!planned.ok) return planned;
  const { writes, activity, result } = planned.plan;
  if (writes.some(([, w]) => w.size > 0)) {
    doc.transact(() => {
      for (const [slot, w] of writes) writeSlot(slot, w);
      projectMap(doc, 'project').set('updated', attribution.data);
      appendActivity(doc, author, activity);
    }, localOrigin(author));
  }
  return ok({ ...result });
}
