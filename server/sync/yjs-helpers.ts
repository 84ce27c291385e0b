/** Reading Yjs updates and transactions without touching a document's state: what the room decides with. */
import * as Y from 'yjs';
import { rootName } from './applied-change';
import type { Result } from '../../shared/result';

/** Top-level names a transaction changed. */
export function changedRoots(transaction: Y.Transaction): Set<string> {
  const roots = new Set<string>();
  for (const type of transaction.changed.keys()) roots.add(rootName(type));
  return roots;
}

/** What Yjs checks before it emits 'update': a transaction that deleted something or added structs. */
export function changedSomething(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true;
  return false;
}

/** A state vector of no clients: the client has nothing of the document yet. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0;
}

export function isStateVector(stateVector: Uint8Array): boolean {
  try {
    Y.decodeStateVector(stateVector);
    return true;
  } catch {
    return false;
  }
}

/** Runs `change` in one transaction with `origin` and returns what it changed as one update (null when nothing). */
export function captureUpdate(doc: Y.Doc, change: (doc: Y.Doc) => void, origin: unknown): Result<{ update: Uint8Array | null }, { error: unknown }> {
  // Yjs encodes a transaction's update only while someone listens to 'update': listen just for this change
  let update: Uint8Array | null = null;
  const listener = (bytes: Uint8Array, from: unknown): void => {
    if (from === origin) update = update === null ? bytes : Y.mergeUpdates([update, bytes]);
  };
  doc.on('update', listener);
  try {
    doc.transact(() => change(doc), origin);
  } catch (error) {
    return { ok: false, error };
  } finally {
    doc.off('update', listener);
  }
  return { ok: true, update };
}
