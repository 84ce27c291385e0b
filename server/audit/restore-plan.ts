/**
 * Restore a project to its state at a time T (issue #13 "restorable"), computed from the stored history by the same
 * replay as planRevert and applied the same way (applyRevert): a new attributed change, history never rewritten.
 * Each field of a record that existed at T goes back to its value at T; a milestone or problem created after T is
 * archived (one archived after T comes back through its `archived` field); a 月报 filed or corrected after T cannot be
 * taken back and is listed as kept, like a project registered after T.
 */
import { jsonEqual } from '../../shared/model/plain-json';
import { replayHistory, titled, type HistoryField, type HistoryRecordKind } from '../rest/history-replay';
import type { StoredUpdate } from '../storage/document-store';
import type { RevertPlan, RevertRecord } from './revert-plan';

/** Bookkeeping fields: never restored by themselves (the restore's own write sets `updated`). */
const BOOKKEEPING = new Set(['id', 'created', 'updated', 'month']);

/** Records a restore archives when they were created after T. */
const ARCHIVABLE = new Set<HistoryRecordKind>(['milestone', 'problem']);

type State = ReadonlyMap<string, HistoryField>;

const recordKeyOf = (record: { kind: string; id: string }): string => `${record.kind}\u0000${record.id}`;

/** The records of a state with their fields, in the state's order. */
function byRecord(state: State): Map<string, { record: HistoryField['record']; fields: Map<string, HistoryField> }> {
  const out = new Map<string, { record: HistoryField['record']; fields: Map<string, HistoryField> }>();
  for (const field of state.values()) {
    const key = recordKeyOf(field.record);
    let entry = out.get(key);
    if (!entry) {
      entry = { record: field.record, fields: new Map() };
      out.set(key, entry);
    }
    entry.fields.set(field.field, field);
  }
  return out;
}

function named(record: HistoryField['record'], now: State, atT: State): RevertRecord {
  const withTitle = titled(record, atT, now);
  return { kind: withTitle.kind, id: withTitle.id, ...(withTitle.title ? { title: withTitle.title } : {}) };
}

/**
 * The state at `at` (epoch ms) is the document after every stored update up to the first one the server accepted
 * later than `at` (the server's clock orders the log). The plan's `conflicts` stay empty: everything after T goes.
 */
export async function planRestoreAt(docName: string, history: readonly StoredUpdate[], at: number): Promise<RevertPlan> {
  let atT: State = new Map();
  let now: State = new Map();
  let passedT = false;
  await replayHistory(history, (stored, _entry, replayer) => {
    if (stored.at > at) passedT = true;
    if (!passedT) atT = replayer.state;
    now = replayer.state;
  });

  const plan: RevertPlan = { docName, restores: [], archives: [], conflicts: [], kept: [] };
  const then = byRecord(atT);
  for (const [key, current] of byRecord(now)) {
    const record = named(current.record, now, atT);
    const before = then.get(key);
    if (!before) {
      // created after T: archived when it can be, else kept (a 月报, a project registered later)
      if (ARCHIVABLE.has(record.kind)) {
        if (current.fields.get('archived')?.value !== true) plan.archives.push(record);
      } else plan.kept.push({ ...record, reason: record.kind === 'report' ? 'filedAfter' : 'createdAfter' });
      continue;
    }
    const fields = new Set([...before.fields.keys(), ...current.fields.keys()]);
    const changed = [...fields].filter(
      (field) => !BOOKKEEPING.has(field) && !jsonEqual(current.fields.get(field)?.value ?? null, before.fields.get(field)?.value ?? null),
    );
    if (changed.length === 0) continue;
    // a 月报 filed is a filing: corrected after T, it stays as filed (its corrections keep the versions)
    if (record.kind === 'report') {
      plan.kept.push({ ...record, reason: 'correctedAfter' });
      continue;
    }
    for (const field of changed)
      plan.restores.push({ record, field, current: current.fields.get(field)?.value ?? null, restore: before.fields.get(field)?.value ?? null });
  }
  return plan;
}
