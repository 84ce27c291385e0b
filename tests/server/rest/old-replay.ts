/**
 * The history replay as it was before the page cache (commit 558ad3b), kept verbatim as the oracle the cached pages
 * must equal: every request replays the whole stored log from seq 1. Since #9 §6 a stage move is credited from the
 * stage its writer saw (withOwnStageMoves, tested on its own in history-pages.test.ts), so the oracle applies it too.
 */
import * as Y from 'yjs';
import { jsonEqual } from '../../../shared/model/plain-json';
import { readProjectDoc, type ProjectRead } from '../../../shared/model/project-read';
import type { RecordRead } from '../../../shared/model/result';
import type { StoredUpdate } from '../../../server/storage/document-store';
import { mergeUpdatesInBatches } from '../../../server/storage/merge-updates';
import { withOwnStageMoves } from '../../../server/rest/history-replay';

type HistoryRecordKind = 'project' | 'milestone' | 'problem' | 'report';

interface HistoryChange {
  record: { kind: HistoryRecordKind; id: string; title?: string };
  field: string;
  from: unknown;
  to: unknown;
}

interface HistoryEntry {
  seq: number;
  author: string;
  at: number;
  changes: HistoryChange[];
}

interface HistoryPage {
  entries: HistoryEntry[];
  /** Pass as `after` for the next page; null when the history ends here. */
  nextAfter: number | null;
}

/** Bookkeeping fields: every edit bumps them, and the entry itself says who and when. */
const SKIPPED_FIELDS = new Set(['updated']);

interface FlatField {
  record: HistoryChange['record'];
  field: string;
  value: unknown;
}

function addRecord<T extends object>(out: Map<string, FlatField>, kind: HistoryRecordKind, read: RecordRead<T>, idOf: (value: T) => string): void {
  const id = read.ok ? idOf(read.value) : read.id;
  const fields: Record<string, unknown> = read.ok
    ? (read.value as Record<string, unknown>)
    : typeof read.raw === 'object' && read.raw !== null
      ? (read.raw as Record<string, unknown>)
      : {};
  for (const [field, value] of Object.entries(fields)) {
    if (SKIPPED_FIELDS.has(field) || value === undefined) continue;
    out.set(`${kind}\u0000${id}\u0000${field}`, { record: { kind, id }, field, value });
  }
}

/** Every field of a project document (its activity stream aside), keyed by record and field. */
function flatten(read: ProjectRead): Map<string, FlatField> {
  const out = new Map<string, FlatField>();
  addRecord(out, 'project', read.project, (p) => p.id);
  for (const m of read.milestones) addRecord(out, 'milestone', m, (v) => v.id);
  for (const p of read.problems) addRecord(out, 'problem', p, (v) => v.id);
  for (const r of read.reports) addRecord(out, 'report', r, (v) => v.month);
  return out;
}

/** The record with the title a person knows it by (#13): a milestone's title, a problem's description, after or before. */
function titled(record: HistoryChange['record'], before: Map<string, FlatField>, after: Map<string, FlatField>): HistoryChange['record'] {
  const field = record.kind === 'milestone' ? 'title' : record.kind === 'problem' ? 'description' : null;
  if (field === null) return record;
  const key = `${record.kind}\u0000${record.id}\u0000${field}`;
  const title = after.get(key)?.value ?? before.get(key)?.value;
  return typeof title === 'string' ? { ...record, title } : record;
}

function diff(before: Map<string, FlatField>, after: Map<string, FlatField>): HistoryChange[] {
  const changes: HistoryChange[] = [];
  for (const [key, now] of after) {
    const was = before.get(key);
    if (!was || !jsonEqual(was.value, now.value))
      changes.push({ record: titled(now.record, before, after), field: now.field, from: was?.value ?? null, to: now.value });
  }
  for (const [key, was] of before) {
    if (!after.has(key)) changes.push({ record: titled(was.record, before, after), field: was.field, from: was.value, to: null });
  }
  return changes;
}

/**
 * Entries for the updates after seq `after`, at most `limit` of them with visible changes (updates that changed
 * nothing a person reads, such as a resent edit, are passed over).
 */
export function replayHistory(updates: readonly StoredUpdate[], after: number, limit: number): HistoryPage {
  const doc = new Y.Doc({ gc: false });
  try {
    const earlier = updates.filter((u) => u.seq <= after).map((u) => u.update);
    const base = mergeUpdatesInBatches(earlier);
    if (base) Y.applyUpdate(doc, base);
    let previous = flatten(readProjectDoc(doc));
    const entries: HistoryEntry[] = [];
    const later = updates.filter((u) => u.seq > after);
    for (const [i, stored] of later.entries()) {
      Y.applyUpdate(doc, stored.update);
      const next = flatten(readProjectDoc(doc));
      const changes = withOwnStageMoves(doc, stored.update, diff(previous, next));
      previous = next;
      if (changes.length > 0) entries.push({ seq: stored.seq, author: stored.author, at: stored.at, changes });
      if (entries.length >= limit) return { entries, nextAfter: i < later.length - 1 ? stored.seq : null };
    }
    return { entries, nextAfter: null };
  } finally {
    doc.destroy();
  }
}
