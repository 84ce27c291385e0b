/** Reading Yjs updates and transactions without touching a document's state: what the room decides with. */
import * as Y from 'yjs';
import { rootName } from './applied-change';

/** Top-level names a transaction changed. */
export function changedRoots(transaction: Y.Transaction): Set<string> {
  const roots = new Set<string>();
  for (const type of transaction.changed.keys()) roots.add(rootName(type));
  return roots;
}

/** Where each client's structs in an update begin; null for an update with a gap (a Skip) in it. */
export type UpdateShape = { first: Map<number, number> | null };

/**
 * Full structural decode without touching any document, so garbage throws here, not half-way through an apply.
 * Returns the first clock of each client's structs (null when there is a gap), or null for garbage.
 */
export function updateShape(update: Uint8Array): UpdateShape | null {
  let decoded: { structs: Array<Y.Item | Y.GC | Y.Skip> };
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return null;
  }
  const first = new Map<number, number>();
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) return { first: null };
    const { client, clock } = struct.id;
    const known = first.get(client);
    if (known === undefined || clock < known) first.set(client, clock);
  }
  return { first };
}

/** Whether every client's structs in the update start at or after what the document had before. */
export function startsAtOrAfter(shape: UpdateShape, before: Map<number, number>): boolean {
  if (shape.first === null) return false;
  for (const [client, clock] of shape.first) if (clock < (before.get(client) ?? 0)) return false;
  return true;
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
export function captureUpdate(doc: Y.Doc, change: (doc: Y.Doc) => void, origin: unknown): { ok: true; update: Uint8Array | null } | { ok: false; error: unknown } {
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
