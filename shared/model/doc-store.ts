import type * as Y from 'yjs';

/** What `useSyncExternalStore` needs; `destroy` detaches from the document. */
export interface DocStore<T> {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): T;
  destroy(): void;
}

/**
 * A cached read of a document: the snapshot keeps its identity until the document changes, so React re-renders only
 * after a real update.
 */
export function createDocStore<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): DocStore<T> {
  let cached: { value: T } | null = null;
  const listeners = new Set<() => void>();
  const onUpdate = (): void => {
    cached = null;
    for (const listener of [...listeners]) listener();
  };
  doc.on('update', onUpdate);
  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    getSnapshot() {
      if (!cached) cached = { value: read(doc) };
      return cached.value;
    },
    destroy() {
      doc.off('update', onUpdate);
      listeners.clear();
    },
  };
}
