import type { DescribedChange } from '../../../shared/history/describe-entry';
import type { ActivityEntry } from '../../../shared/model/activity';
import type { RecordRead } from '../../../shared/model/result';
import type { Result } from '../../../shared/result';

/**
 * One user action as the drill-down lists it (one stored update, or one activity entry offline): who, when, and every
 * field it changed, so it reads as one sentence ("张三 报送 2026年11月 月报：本月 395.4 万元，累计 2085.1 万元").
 */
export interface HistoryLine {
  by: string;
  at: number;
  changes: DescribedChange[];
  /** What the activity stream calls the change (e.g. "milestone.tick"); null for the server's replayed history. */
  action: string | null;
  /** The time the writer's own device put in a value, when far from `at` (the server's receipt): both are shown. */
  claimedAt?: number;
}

export type HistoryResult = Result<{ source: 'server' | 'document'; lines: HistoryLine[] }, { reason: 'offline' | 'refused' | 'server' }>;

/** `<kind>/<id>` → the title a person knows a milestone or problem by (the activity stream does not carry it). */
export function recordTitles(read: {
  milestones: readonly RecordRead<{ id: string; title: string }>[];
  problems: readonly RecordRead<{ id: string; description: string }>[];
}): Map<string, string> {
  const titles = new Map<string, string>();
  for (const m of read.milestones) if (m.ok) titles.set(`milestone/${m.value.id}`, m.value.title);
  for (const p of read.problems) if (p.ok) titles.set(`problem/${p.value.id}`, p.value.description);
  return titles;
}

/** The document's own activity stream (attributed by the writer's replica), newest first: the offline fallback. */
export function historyFromActivity(activity: readonly RecordRead<ActivityEntry>[], titles: ReadonlyMap<string, string> = new Map()): HistoryLine[] {
  const lines: HistoryLine[] = [];
  for (const read of activity) {
    if (!read.ok) continue;
    const e = read.value;
    const title = e.record ? titles.get(`${e.record.kind}/${e.record.id}`) : undefined;
    const record = e.record && title !== undefined ? { ...e.record, title } : e.record;
    const changes: DescribedChange[] = e.field === undefined ? [] : [{ record, field: e.field, from: e.from, to: e.to }];
    lines.push({ by: e.by, at: e.at, changes, action: e.action });
  }
  return lines.reverse();
}
