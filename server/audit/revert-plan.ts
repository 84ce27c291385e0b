/**
 * Undo by scope (issue #13 "restorable"): everything one member changed in a project between two times, computed from
 * the stored history and applied as a new change (history is never rewritten). Each field the member touched in the
 * window goes back to its value just before their first change there, unless someone (anyone, the member included)
 * changed it after their last change in the window: then it is left alone and listed as a conflict. A milestone or
 * problem the member created in the window is archived; a 月报 they filed first cannot be taken back and is listed.
 */
import type * as Y from 'yjs';
import { jsonEqual } from '../../shared/model/plain-json';
import { projectMap, projectSlot } from '../../shared/model/project-doc';
import { MILESTONE_LAYOUT, PROBLEM_LAYOUT, PROJECT_LAYOUT, REPORT_LAYOUT } from '../../shared/model/project-layout';
import type { RecordLayout } from '../../shared/model/layout';
import { planUpdate } from '../../shared/model/records';
import { flatSlot, writeSlot, type Slot } from '../../shared/model/slots';
import { replayHistory, type HistoryChange, type HistoryRecordKind } from '../rest/history-replay';
import type { StoredUpdate } from '../storage/document-store';

export interface RevertScope {
  memberId: string;
  /** Epoch ms, inclusive, compared with the time the server stored each update. */
  from: number;
  to: number;
}

export interface RevertRecord {
  kind: HistoryRecordKind;
  id: string;
  title?: string;
}

/** One field going back: what it is now and what it becomes. */
export interface FieldRestore {
  record: RevertRecord;
  field: string;
  current: unknown;
  restore: unknown;
}

/** A field the member changed that someone changed again later: left alone. */
export interface RevertConflict {
  record: RevertRecord;
  field: string;
  /** The member's last value in the window. */
  theirs: unknown;
  later: { by: string; at: number; seq: number; value: unknown };
}

/** A record that cannot be taken back; `reason` says why when it is not a 月报 first filed in a revert's window. */
export interface KeptRecord extends RevertRecord {
  reason?: 'filedAfter' | 'correctedAfter' | 'createdAfter';
}

export interface RevertPlan {
  docName: string;
  restores: FieldRestore[];
  /** Milestones and problems the member created in the window: archived. */
  archives: RevertRecord[];
  conflicts: RevertConflict[];
  /** Records that cannot be taken back (a 月报 filed for the first time in the window, or filed after T). */
  kept: KeptRecord[];
}

/** Bookkeeping fields: never restored by themselves (the revert's own write sets `updated`). */
const BOOKKEEPING = new Set(['id', 'created', 'updated', 'month']);

interface Touch {
  record: RevertRecord;
  field: string;
  original: unknown;
  theirs: unknown;
  lastSeq: number;
  later: RevertConflict['later'] | null;
  /** The record did not exist before the member's first change to it. */
  created: boolean;
}

const keyOf = (change: Pick<HistoryChange, 'record' | 'field'>): string => `${change.record.kind}\u0000${change.record.id}\u0000${change.field}`;

/** The plan for one project document, from its whole stored history in seq order. */
export async function planRevert(docName: string, history: readonly StoredUpdate[], scope: RevertScope): Promise<RevertPlan> {
  const touched = new Map<string, Touch>();
  /** The current value of every field the member touched (kept up to date through the rest of the history). */
  const current = new Map<string, unknown>();
  await replayHistory(history, (_stored, entry) => {
    if (entry === null) return;
    const mine = entry.author === scope.memberId && entry.at >= scope.from && entry.at <= scope.to;
    const createdHere = new Set(
      entry.changes
        .filter((c) => (c.field === 'created' || c.field === 'id') && (c.from === null || c.from === undefined))
        .map((c) => `${c.record.kind}\u0000${c.record.id}`),
    );
    for (const change of entry.changes) {
      const key = keyOf(change);
      const record: RevertRecord = { kind: change.record.kind, id: change.record.id, ...(change.record.title ? { title: change.record.title } : {}) };
      if (mine) {
        const touch = touched.get(key);
        if (touch === undefined) {
          touched.set(key, {
            record,
            field: change.field,
            original: change.from,
            theirs: change.to,
            lastSeq: entry.seq,
            later: null,
            created: createdHere.has(`${change.record.kind}\u0000${change.record.id}`),
          });
        } else {
          touch.theirs = change.to;
          touch.lastSeq = entry.seq;
          touch.later = null;
          touch.record = record;
        }
      } else {
        const touch = touched.get(key);
        if (touch !== undefined && touch.later === null) touch.later = { by: entry.author, at: entry.at, seq: entry.seq, value: change.to };
      }
      if (touched.has(key)) current.set(key, change.to);
    }
  });

  const plan: RevertPlan = { docName, restores: [], archives: [], conflicts: [], kept: [] };
  const createdRecords = new Map<string, RevertRecord>();
  for (const [key, touch] of touched) {
    const recordKey = `${touch.record.kind}\u0000${touch.record.id}`;
    if (touch.created) {
      createdRecords.set(recordKey, touch.record);
      continue;
    }
    if (BOOKKEEPING.has(touch.field)) continue;
    if (touch.later !== null) {
      plan.conflicts.push({ record: touch.record, field: touch.field, theirs: touch.theirs, later: touch.later });
      continue;
    }
    const now = current.has(key) ? current.get(key) : touch.theirs;
    if (jsonEqual(now ?? null, touch.original ?? null)) continue; // already back where it was
    plan.restores.push({ record: touch.record, field: touch.field, current: now ?? null, restore: touch.original ?? null });
  }
  for (const record of createdRecords.values()) {
    if (record.kind === 'milestone' || record.kind === 'problem') plan.archives.push(record);
    else plan.kept.push(record);
  }
  return plan;
}

function slotOf(doc: Y.Doc, record: RevertRecord): { slot: Slot; layout: RecordLayout<object>; id: string | null } {
  switch (record.kind) {
    case 'project':
      return { slot: projectSlot(doc), layout: PROJECT_LAYOUT as RecordLayout<object>, id: null };
    case 'milestone':
      return { slot: flatSlot(projectMap(doc, 'milestones'), record.id), layout: MILESTONE_LAYOUT as RecordLayout<object>, id: record.id };
    case 'problem':
      return { slot: flatSlot(projectMap(doc, 'problems'), record.id), layout: PROBLEM_LAYOUT as RecordLayout<object>, id: record.id };
    case 'report':
      return { slot: flatSlot(projectMap(doc, 'reports'), record.id), layout: REPORT_LAYOUT as RecordLayout<object>, id: record.id };
  }
}

export interface RevertOutcome {
  /** Fields written back, and records archived. */
  restored: FieldRestore[];
  archived: RevertRecord[];
  /** Records whose restored whole would not be valid (e.g. a combination the rules refuse): nothing written to them. */
  refused: Array<{ record: RevertRecord; fields: string[]; reasons: string[] }>;
}

/**
 * Writes the plan into `doc` in one transaction, one record at a time through its layout (the record as it would be
 * is validated whole first; a record that would not be valid is left alone and reported). `updated` names `author`.
 */
export function applyRevert(doc: Y.Doc, plan: RevertPlan, author: { memberId: string; at: number }): RevertOutcome {
  const outcome: RevertOutcome = { restored: [], archived: [], refused: [] };
  const byRecord = new Map<string, { record: RevertRecord; patch: Record<string, unknown>; restores: FieldRestore[] }>();
  for (const restore of plan.restores) {
    const key = `${restore.record.kind}\u0000${restore.record.id}`;
    let group = byRecord.get(key);
    if (!group) {
      group = { record: restore.record, patch: {}, restores: [] };
      byRecord.set(key, group);
    }
    group.patch[restore.field] = restore.restore;
    group.restores.push(restore);
  }
  for (const record of plan.archives) {
    const key = `${record.kind}\u0000${record.id}`;
    const group = byRecord.get(key) ?? { record, patch: {}, restores: [] };
    group.patch.archived = true;
    byRecord.set(key, group);
  }
  doc.transact(() => {
    for (const { record, patch, restores } of byRecord.values()) {
      const { slot, layout, id } = slotOf(doc, record);
      // the project's `updated` names who changed it last (the other records carry no such field)
      const stamped = record.kind === 'project' ? { ...patch, updated: { by: author.memberId, at: author.at } } : patch;
      const planned = planUpdate(slot, layout, id, stamped);
      if (!planned.ok) {
        outcome.refused.push({ record, fields: Object.keys(patch), reasons: planned.errors.map((e) => `${e.path}: ${e.key}`) });
        continue;
      }
      writeSlot(slot, planned.plan.writes);
      outcome.restored.push(...restores);
      if (patch.archived === true && plan.archives.some((a) => a.kind === record.kind && a.id === record.id)) outcome.archived.push(record);
    }
  });
  return outcome;
}
