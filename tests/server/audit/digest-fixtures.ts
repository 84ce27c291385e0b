/**
 * What the digest tests on SQLite (chain-digest.test.ts) and PostgreSQL (chain-digest-pg.test.ts) share: a history of
 * progress edits (the CLI runs in memory through tests/server/cli/in-memory-cli.ts).
 */
import * as Y from 'yjs';
import type { DocumentStore } from '../../../server/storage/document-store';

/** `count` more progress edits to `doc` by `author`, each its own stored update at the time `nextAt` gives. */
export async function appendProgress(store: DocumentStore, doc: string, count: number, author: string, nextAt: () => number): Promise<void> {
  const state = await store.load(doc);
  const ydoc = new Y.Doc();
  if (state) Y.applyUpdate(ydoc, state);
  for (let i = 0; i < count; i++) {
    const before = Y.encodeStateVector(ydoc);
    ydoc.getMap('project').set('progressNote', `${author} 第${i}次进展`);
    await store.append(doc, Y.encodeStateAsUpdate(ydoc, before), author, nextAt());
  }
}
