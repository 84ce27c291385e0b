import type * as Y from 'yjs';
import type { SyncStatusStore } from './sync-status';

/** One open document. Every `open` of the same name shares the Y.Doc; `release` once per `open`. */
export interface DocHandle {
  name: string;
  doc: Y.Doc;
  /** Resolves once the IndexedDB contents are applied (at once without persistence; never rejects). */
  whenLocal: Promise<void>;
  status: SyncStatusStore;
  /**
   * Resolves true once this document is online (synced with the server) or refused, false when `timeoutMs` passes
   * first.
   */
  whenSettled(timeoutMs: number): Promise<boolean>;
  release(): void;
}

/** Resolves true when `done()` holds (checked now and on every change of `store`), false after `timeoutMs`. */
export function waitForStatus(store: SyncStatusStore, done: () => boolean, timeoutMs: number): Promise<boolean> {
  if (done()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const finish = (value: boolean): void => {
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    const unsubscribe = store.subscribe(() => {
      if (done()) finish(true);
    });
  });
}
