/**
 * Dexie tells every page and worker of the extension which of its tables changed: after each write it posts the
 * changed parts on a BroadcastChannel (dexie 4: channel 'x-storagemutated-1', data keyed `idb://<db>/<table>/<index>`).
 * That is how Dexie's live queries follow writes made elsewhere; this listens to the same broadcast so a page that
 * reads with plain IndexedDB (the popup) follows them without loading Dexie. It depends on Dexie internals:
 * tests/client/stored-rows-changes.test.ts writes with the installed Dexie and fails if they change.
 */
export const DEXIE_CHANGES_CHANNEL = 'x-storagemutated-1';

/** Calls `onChange` after each Dexie write to one of `tables` of the database `dbName`, from any context; returns a stop function. */
export function watchStoredRows(dbName: string, tables: readonly string[], onChange: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const prefixes = tables.map((table) => `idb://${dbName}/${table}/`);
  const channel = new BroadcastChannel(DEXIE_CHANGES_CHANNEL);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const parts = event.data;
    if (typeof parts !== 'object' || parts === null) return;
    if (Object.keys(parts).some((part) => prefixes.some((prefix) => part.startsWith(prefix)))) onChange();
  };
  return () => channel.close();
}
