/**
 * A project's attributed history, replayed from the stored updates: each update is applied in order to a scratch
 * document and the model's reads before and after are compared field by field. The author and time are the ones the
 * server stored when it accepted the update, never what a client wrote into the document.
 */
import * as Y from 'yjs';
import { jsonEqual } from '../../shared/model/plain-json';
import { readProjectDoc, type ProjectRead } from '../../shared/model/project-read';
import type { RecordRead } from '../../shared/model/result';
import type { StoredUpdate } from '../storage/document-store';
import { mergeUpdatesInBatches } from '../storage/merge-updates';

export type HistoryRecordKind = 'project' | 'milestone' | 'problem' | 'report';

export interface HistoryChange {
  record: { kind: HistoryRecordKind; id: string };
  field: string;
  from: unknown;
  to: unknown;
}

export interface HistoryEntry {
  seq: number;
  author: string;
  at: number;
  changes: HistoryChange[];
}

export interface HistoryPage {
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

function diff(before: Map<string, FlatField>, after: Map<string, FlatField>): HistoryChange[] {
  const changes: HistoryChange[] = [];
  for (const [key, now] of after) {
    const was = before.get(key);
    if (!was || !jsonEqual(was.value, now.value)) changes.push({ record: now.record, field: now.field, from: was?.value ?? null, to: now.value });
  }
  for (const [key, was] of before) {
    if (!after.has(key)) changes.push({ record: was.record, field: was.field, from: was.value, to: null });
  }
  return changes;
}

/**
 * Entries for the updates after seq `after`, at most `limit` of them with visible changes (updates that changed
 * nothing a person reads, such as a resent edit, are passed over).
 */
export function replayHistory(updates: readonly StoredUpdate[], after: number, limit: number): HistoryPage {
  const doc = new Y.Doc();
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
      const changes = diff(previous, next);
      previous = next;
      if (changes.length > 0) entries.push({ seq: stored.seq, author: stored.author, at: stored.at, changes });
      if (entries.length >= limit) return { entries, nextAfter: i < later.length - 1 ? stored.seq : null };
    }
    return { entries, nextAfter: null };
  } finally {
    doc.destroy();
  }
}
