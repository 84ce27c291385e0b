/**
 * The one place the server writes Yjs internals. Yjs keeps the structs of an update whose dependencies are missing
 * (`doc.store.pendingStructs`) and deletions of items it does not have yet (`doc.store.pendingDs`), and re-sends them
 * in every sync; the server holds none. tests/server/sync/pending-structs.test.ts fails if a Yjs upgrade renames or
 * changes these fields.
 */
import type * as Y from 'yjs';

/** Forgets what `doc` holds back for missing dependencies; returns whether it held anything. */
export function dropPending(doc: Y.Doc): boolean {
  const had = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  return had;
}
