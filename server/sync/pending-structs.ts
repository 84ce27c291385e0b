import type * as Y from 'yjs';

/** Yjs keeps structs whose dependencies are missing and re-sends them in every sync; the server holds none. */
export function dropPending(doc: Y.Doc): boolean {
  const had = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  return had;
}
