import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { createDocStore } from '../shared/model/doc-store';
import type { DocHandle } from './doc-handle';
import type { SyncStatus, SyncStatusStore } from './sync-status';

// Hooks over open documents; the Dexie ones (live queries, the page's database) are in client/db-hooks.ts, so a page
// that reads no Dexie (the popup) does not load it.

/**
 * A typed read of an open document (through the model: `readWorkspace`, `readProjectDoc`, …) that re-renders only
 * when the document changes. `read` should be stable (a module-level function or memoised).
 */
export function useDocRead<T>(handle: DocHandle | null, read: (doc: Y.Doc) => T): T | undefined {
  const doc = handle?.doc ?? null;
  const store = useMemo(() => (doc ? createDocStore(doc, read) : null), [doc, read]);
  useEffect(() => () => store?.destroy(), [store]);
  return useSyncExternalStore(store?.subscribe ?? noSubscribe, store ? store.getSnapshot : noSnapshot);
}

const noSubscribe = (): (() => void) => () => {};
const noSnapshot = (): undefined => undefined;
const OFFLINE: SyncStatus = { state: 'offline', unsynced: 0 };

export function useSyncStatus(store: SyncStatusStore | null): SyncStatus {
  return useSyncExternalStore(store?.subscribe ?? noSubscribe, store ? store.getSnapshot : () => OFFLINE);
}
