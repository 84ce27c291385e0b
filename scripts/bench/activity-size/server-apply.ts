/**
 * What one more edit costs the server on a hot document: the room applies the update and reads what it changed
 * (appliedChange, in afterTransaction) for the write rules. Also timed: the event delta over the whole list that
 * appliedChange read array changes from before the activity window (Yjs builds it by walking every item of the list,
 * tombstones included), so the cost that grew with the stream is visible beside the one that replaced it.
 */
import * as Y from 'yjs';
import { appliedChange } from '../../../server/sync/applied-change';
import { median } from '../sync/stats';

export interface ServerApplyCost {
  /** Median per update: apply + appliedChange as the room does now. */
  applyMs: number;
  /** Median per update: the list delta appliedChange used to build. */
  listDeltaMs: number;
}

/** Loads all but the last `last` updates into a server-like document (gc on), then times the last `last` one by one. */
export function serverApplyCost(updates: readonly Uint8Array[], last: number): ServerApplyCost {
  const doc = new Y.Doc();
  for (const update of updates.slice(0, -last)) Y.applyUpdate(doc, update);
  let deltaMs = 0;
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    appliedChange(transaction);
    const t1 = performance.now();
    for (const [type, subs] of transaction.changed) if (subs.has(null)) void new Y.YEvent(type, transaction).changes;
    deltaMs = performance.now() - t1;
  });
  const apply: number[] = [];
  const delta: number[] = [];
  for (const update of updates.slice(-last)) {
    const t0 = performance.now();
    Y.applyUpdate(doc, update);
    // the delta is timed apart: it is not part of what the server does now
    apply.push(performance.now() - t0 - deltaMs);
    delta.push(deltaMs);
  }
  doc.destroy();
  return { applyMs: median(apply), listDeltaMs: median(delta) };
}
