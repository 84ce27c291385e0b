import * as Y from 'yjs';

/**
 * Where each client's structs in an update begin (null for an update with a gap, a Skip, in it), and the largest
 * number of distinct keys it sets, not deleted, in one top-level map.
 */
export type UpdateShape = {
  first: Map<number, number> | null;
  mostLiveKeysInOneRoot: { root: string; keys: number } | null;
};

/**
 * Full structural decode without touching any document, so garbage throws here, not half-way through an apply.
 * Returns the first clock of each client's structs (null when there is a gap) and the keys it sets per top-level
 * map, or null for garbage.
 */
export function updateShape(update: Uint8Array): UpdateShape | null {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return null;
  }
  let first: Map<number, number> | null = new Map<number, number>();
  const keysByRoot = new Map<string, Set<string>>();
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) {
      first = null;
      continue;
    }
    if (first !== null) {
      const { client, clock } = struct.id;
      const known = first.get(client);
      if (known === undefined || clock < known) first.set(client, clock);
    }
    // a key of a top-level map (parent named by a string), set and not deleted in this very update
    if (!(struct instanceof Y.Item) || typeof struct.parent !== 'string' || struct.parentSub === null) continue;
    if (struct.content instanceof Y.ContentDeleted || Y.isDeleted(decoded.ds, struct.id)) continue;
    let keys = keysByRoot.get(struct.parent);
    if (!keys) {
      keys = new Set();
      keysByRoot.set(struct.parent, keys);
    }
    keys.add(struct.parentSub);
  }
  let most: UpdateShape['mostLiveKeysInOneRoot'] = null;
  for (const [root, keys] of keysByRoot) if (most === null || keys.size > most.keys) most = { root, keys: keys.size };
  return { first, mostLiveKeysInOneRoot: most };
}

/** Whether every client's structs in the update start at or after what the document had before. */
export function startsAtOrAfter(shape: UpdateShape, before: Map<number, number>): boolean {
  if (shape.first === null) return false;
  for (const [client, clock] of shape.first) if (clock < (before.get(client) ?? 0)) return false;
  return true;
}
