/**
 * The workspace-wide activity (动态, issue #13): every user action on every project, as the project history replay
 * describes it, kept in an index table so a page of "who changed what" costs that page, not a replay of a year of
 * history. Derived data: it can be dropped and rebuilt from the stored updates (activity-indexer.ts fills it).
 * Backends: memory (tests), SQLite (the server's file), PostgreSQL; all pass tests/server/activity/contract.ts.
 */
import { z } from 'zod';
import type { HistoryChange, HistoryRecordKind } from '../rest/history-replay';

/** One user action (one stored update of a project document) as the activity lists it. */
export interface ActivityEntry {
  workspaceId: string;
  projectId: string;
  /** The update's seq in the project document's history. */
  seq: number;
  /** When the server accepted it (epoch ms). */
  at: number;
  /** Who made it, as the server stored it. */
  memberId: string;
  /** The member's unit when the entry was indexed (null: none, or not a member the workspace lists). */
  unitId: string | null;
  kind: HistoryRecordKind;
  /** `<kind>.<verb>` (shared/history/entry-kind.ts). */
  action: string;
  changes: HistoryChange[];
}

/** Every filter is optional; times are epoch ms, `from` inclusive and `to` exclusive. */
export interface ActivityFilter {
  memberId?: string;
  unitId?: string;
  projectId?: string;
  kind?: HistoryRecordKind;
  from?: number;
  to?: number;
}

/** Where a page stops: entries come newest first, ordered by (at, projectId, seq) descending. */
export interface ActivityCursor {
  at: number;
  projectId: string;
  seq: number;
}

export interface ActivityQuery {
  workspaceId: string;
  filter: ActivityFilter;
  /** Entries strictly after this one in the order; null for the first page. */
  cursor: ActivityCursor | null;
  limit: number;
}

export interface ActivityPage {
  entries: ActivityEntry[];
  /** Pass as `cursor` for the next page; null when no entry follows. */
  next: ActivityCursor | null;
}

export interface ActivityIndex {
  /** The seq up to which the document's history is indexed (0: nothing yet). */
  indexedSeq(docName: string): Promise<number>;
  /**
   * Stores one document's entries and moves its mark to `uptoSeq`, in one step. Idempotent: an entry already stored
   * (same workspace, project and seq) is kept as it is, and the mark never moves back.
   */
  record(docName: string, entries: readonly ActivityEntry[], uptoSeq: number): Promise<void>;
  query(query: ActivityQuery): Promise<ActivityPage>;
  close(): Promise<void>;
}

/** Positions in the order: negative when `a` comes before (is newer than) `b`. */
export function compareNewestFirst(a: ActivityCursor, b: ActivityCursor): number {
  if (a.at !== b.at) return b.at - a.at;
  if (a.projectId !== b.projectId) return a.projectId < b.projectId ? 1 : -1;
  return b.seq - a.seq;
}

export function cursorOf(entry: Pick<ActivityEntry, 'at' | 'projectId' | 'seq'>): ActivityCursor {
  return { at: entry.at, projectId: entry.projectId, seq: entry.seq };
}

/** A page of `limit` from rows fetched as `limit + 1`: the extra row only proves that more follow. */
export function pageOf(rows: ActivityEntry[], limit: number): ActivityPage {
  const entries = rows.slice(0, limit);
  const last = entries.at(-1);
  return { entries, next: rows.length > limit && last ? cursorOf(last) : null };
}

const CursorSchema = z.object({
  at: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  projectId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});

/** The cursor as the REST API hands it out: opaque, URL-safe. */
export function encodeCursor(cursor: ActivityCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.projectId, cursor.seq])).toString('base64url');
}

/** The cursor a client sent back, or null when it is not one this server made. */
export function decodeCursor(text: string): ActivityCursor | null {
  if (text.length > 200 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const parsed = CursorSchema.safeParse({ at: value[0], projectId: value[1], seq: value[2] });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const ChangeSchema = z.object({
  record: z.object({ kind: z.enum(['project', 'milestone', 'problem', 'report']), id: z.string(), title: z.string().optional() }),
  field: z.string(),
  from: z.unknown(),
  to: z.unknown(),
});

/** The changes as a backend stored them (JSON text); a row someone edited by hand reads as no changes. */
export function parseChanges(text: string): HistoryChange[] {
  try {
    const parsed = z.array(ChangeSchema).safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.map((c) => ({ record: c.record, field: c.field, from: c.from ?? null, to: c.to ?? null })) : [];
  } catch {
    return [];
  }
}

export const ACTIVITY_KIND_VALUES = ['project', 'milestone', 'problem', 'report'] as const;

export function isActivityKind(value: unknown): value is HistoryRecordKind {
  return typeof value === 'string' && (ACTIVITY_KIND_VALUES as readonly string[]).includes(value);
}
