import type { ActivityEntry } from '../../../shared/model/activity';
import type { RecordRead } from '../../../shared/model/result';
import type { Result } from '../../../shared/result';

/** One attributed change as the drill-down lists it: who, when, which field of which record, from what to what. */
export interface HistoryLine {
  by: string;
  at: number;
  /** The record changed, e.g. milestone m-3; null for a change to the project as a whole. */
  record: { kind: string; id: string } | null;
  field: string | null;
  /** What the activity stream calls the change (e.g. "milestone.tick"); null for the server's replayed history. */
  action: string | null;
  from?: unknown;
  to?: unknown;
  /** The time the writer's own device put in the value, when far from `at` (the server's receipt): both are shown. */
  claimedAt?: number;
}

export type HistoryResult = Result<{ source: 'server' | 'document'; lines: HistoryLine[] }, { reason: 'offline' | 'refused' | 'server' }>;

/** The document's own activity stream (attributed by the writer's replica), newest first: the offline fallback. */
export function historyFromActivity(activity: readonly RecordRead<ActivityEntry>[]): HistoryLine[] {
  const lines: HistoryLine[] = [];
  for (const read of activity) {
    if (!read.ok) continue;
    const e = read.value;
    lines.push({ by: e.by, at: e.at, record: e.record, field: e.field ?? null, action: e.action, from: e.from, to: e.to });
  }
  return lines.reverse();
}
