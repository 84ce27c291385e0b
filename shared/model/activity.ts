import type * as Y from 'yjs';
import * as z from 'zod/mini';
import { toFieldErrors } from '../schema/field-errors';
import { IdSchema, TimestampSchema } from '../schema/common';
import { PROJECT_KEYS } from './keys';
import type { Author } from './origin';
import { checkPlain, describeRaw } from './plain-json';
import { fieldError, type RecordRead, PARSE } from './result';
import { err, ok } from '../result';

/** What a change did, as the activity stream shows it (天天有新进展). */
export const ACTIVITY_ACTIONS = [
  'project.create',
  'project.edit',
  'project.stage',
  'project.archive',
  'project.restore',
  'milestone.add',
  'milestone.edit',
  'milestone.tick',
  'milestone.untick',
  'milestone.archive',
  'milestone.restore',
  'problem.add',
  'problem.edit',
  'problem.status',
  'problem.escalate',
  'problem.resolve',
  'problem.reopen',
  'problem.archive',
  'problem.restore',
  'problem.progress',
  'problem.requestClose',
  'problem.confirmClose',
  'problem.returnClose',
  'problem.deescalate',
  'report.file',
] as const;
export const ActivityActionSchema = z.enum(ACTIVITY_ACTIONS);
export type ActivityAction = z.infer<typeof ActivityActionSchema>;

export const ActivityRecordKindSchema = z.enum(['project', 'milestone', 'problem', 'report']);
export type ActivityRecordKind = z.infer<typeof ActivityRecordKindSchema>;

/** One attributed change: who changed which field of which record, from what to what. */
export const ActivityEntrySchema = z.object({
  by: IdSchema,
  at: TimestampSchema,
  action: ActivityActionSchema,
  record: z.nullable(z.object({ kind: ActivityRecordKindSchema, id: z.string().check(z.minLength(1), z.maxLength(64)) })),
  field: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  from: z.optional(z.json()),
  to: z.optional(z.json()),
});
export type ActivityEntry = z.infer<typeof ActivityEntrySchema>;

export function activityArray(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray<unknown>(PROJECT_KEYS.activity);
}

export interface ActivityChange {
  action: ActivityAction;
  record: { kind: ActivityRecordKind; id: string } | null;
  field?: string;
  from?: unknown;
  to?: unknown;
}

/**
 * How many activity entries a project document keeps: the newest ones, in document order. The full attributed history
 * is the server's update log (GET …/projects/:pid/history); the document's stream is only what a replica shows without
 * the server — the drill-down's offline history, whose list shows the newest 100 lines, one line per entry. Twice
 * that leaves a full screen after a burst of many-field edits or several offline writers' trims meeting.
 */
export const ACTIVITY_WINDOW = 200;

/**
 * How many of the newest entries nobody may delete: the server refuses a deletion that leaves fewer than this many
 * entries after the deleted one (server/auth/write-rules.ts), so a hostile member cannot empty the screen the offline
 * history shows. It is below ACTIVITY_WINDOW on purpose: a writer trims by what its replica holds, and the server may
 * not hold all of it yet (a reconnecting client's edit can reach the server before the sync that brings what it
 * lacks; an instance of several may lag behind another); the gap absorbs that. ACTIVITY_WINDOW may grow in a later
 * version; this may not grow past what older clients keep.
 */
export const ACTIVITY_PROTECTED = 100;

/**
 * Appends entries inside the caller's transaction, then deletes the oldest beyond the window (ONE rule: keep the
 * newest ACTIVITY_WINDOW). Two offline writers trimming concurrently may delete the same entries (Yjs deletes an item
 * once) or different ones, each only outside the window it saw: after merging, the newest ACTIVITY_WINDOW entries of
 * everything either wrote are all kept, and the next append trims the rest. A document that grew before the window
 * existed is trimmed by its next write.
 */
export function appendActivity(doc: Y.Doc, author: Author, changes: readonly ActivityChange[]): void {
  if (changes.length === 0) return;
  const entries = changes.map((c) => {
    const entry: Record<string, unknown> = { by: author.memberId, at: author.at, action: c.action, record: c.record };
    if (c.field !== undefined) entry.field = c.field;
    if (c.from !== undefined) entry.from = c.from;
    if (c.to !== undefined) entry.to = c.to;
    return entry;
  });
  const activity = activityArray(doc);
  activity.push(entries);
  const beyond = activity.length - ACTIVITY_WINDOW;
  if (beyond > 0) activity.delete(0, beyond);
}

/** The activity stream in document order (the same on every replica); entries that do not validate come back invalid. */
export function readActivity(doc: Y.Doc): RecordRead<ActivityEntry>[] {
  return activityArray(doc)
    .toArray()
    .map((item, index): RecordRead<ActivityEntry> => {
      const id = String(index);
      try {
        const check = checkPlain(item);
        if (!check.ok) return err({ id, reasons: [fieldError(check.key)], raw: describeRaw(item) });
        const parsed = ActivityEntrySchema.safeParse(item, PARSE);
        return parsed.success ? ok({ value: parsed.data }) : err({ id, reasons: toFieldErrors(parsed.error), raw: item });
      } catch {
        return err({ id, reasons: [fieldError('err.model.unreadable')], raw: null });
      }
    });
}
