/**
 * Names of the IndexedDB databases y-indexeddb keeps documents in: one per document, scoped by the workspace key
 * (server address + workspace id), so two servers' `ws/w1` never share storage and leaving deletes exactly one
 * workspace's documents.
 */
const PREFIX = 'guatu-doc';

export function localDocumentName(scope: string, docName: string): string {
  return `${PREFIX}|${scope}|${docName}`;
}

function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    // Another page still has it open: the deletion goes ahead once that page lets go; do not hang the caller.
    request.onblocked = () => resolve();
  });
}

/**
 * Deletes every local document of the workspace `scope`. Needs `indexedDB.databases()` (Chromium; Firefox ≥ 126);
 * where it is missing the documents stay on disk, unreachable, which loses nothing.
 */
export async function deleteLocalDocuments(scope: string, factory: IDBFactory | undefined = globalThis.indexedDB): Promise<number> {
  if (!factory || typeof factory.databases !== 'function') return 0;
  const prefix = `${PREFIX}|${scope}|`;
  const names = (await factory.databases()).map((d) => d.name).filter((n): n is string => typeof n === 'string' && n.startsWith(prefix));
  await Promise.all(names.map((name) => deleteDatabase(factory, name)));
  return names.length;
}
