/**
 * Cold load of a project document with a long stored history: our server loading it from SQLite (the first client
 * connects → synced; `databasePath` may also be a postgres:// URL) against the floor of applying one merged update of the same state and encoding the sync reply.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { z } from 'zod';
import type { DocumentStore } from '../../../server/storage/document-store';
import { openSqliteStore } from '../../../server/storage/sqlite-store';
import { startLoadProcess, startServerProcess } from './processes';
import { ColdOpenResultSchema } from './schemas';

export const COLD_DOCS = {
  warmup: 'bench/cold-warmup',
  /** Every update stored, no snapshot: the server never compacted (the worst case). */
  uncompacted: 'bench/cold-uncompacted',
  /** The same updates, compacted every 500 as the server does: a snapshot at the last one. */
  compacted: 'bench/cold-compacted',
} as const;

export interface ColdFixture {
  databasePath: string;
  /** The merged state, and a small warm-up state, for the floor child. */
  statePath: string;
  warmupPath: string;
  stateBytes: number;
  updates: number;
}

const AT = Date.UTC(2026, 6, 1);
const SEED_BATCH = 500;

/**
 * Stores `updates` in `store` under the three cold documents (see COLD_DOCS) and returns the merged state. The store
 * is any DocumentStore (SQLite here, PostgreSQL in bench:scale), so both are measured on the same history.
 */
export async function seedColdDocuments(
  store: DocumentStore,
  updates: readonly Uint8Array[],
  compactEvery: number,
): Promise<{ state: Uint8Array; warmup: Uint8Array }> {
  const doc = new Y.Doc();
  const warmDoc = new Y.Doc();
  warmDoc.getMap('project').set('name', '热身');
  const warmup = Y.encodeStateAsUpdate(warmDoc);
  await store.append(COLD_DOCS.warmup, warmup, 'bench', AT);
  let lastSeq = 0;
  // stored in batches, as the group commit writes them (the records are the same as one append each)
  for (let from = 0; from < updates.length; from += SEED_BATCH) {
    const batch = updates.slice(from, from + SEED_BATCH);
    const entries = (docName: string) => batch.map((update, j) => ({ docName, update, author: 'bench', at: AT + from + j }));
    await store.appendMany(entries(COLD_DOCS.uncompacted));
    lastSeq = (await store.appendMany(entries(COLD_DOCS.compacted))).at(-1)?.seq ?? lastSeq;
    for (const update of batch) Y.applyUpdate(doc, update);
  }
  // the server compacts every `compactEvery` updates and keeps only the latest snapshot; with a count that is a
  // multiple of it, that leaves one snapshot at the last update, written here once
  if (lastSeq % compactEvery === 0) await store.compact(COLD_DOCS.compacted, Y.encodeStateAsUpdate(doc), lastSeq);
  else throw new Error(`use a multiple of ${compactEvery} updates`);
  return { state: Y.encodeStateAsUpdate(doc), warmup };
}

export async function seedColdFixture(dir: string, updates: readonly Uint8Array[], compactEvery: number): Promise<ColdFixture> {
  const databasePath = join(dir, 'cold.sqlite');
  const store = openSqliteStore({ path: databasePath });
  const { state, warmup } = await seedColdDocuments(store, updates, compactEvery);
  await store.close();
  const statePath = join(dir, 'merged-state.bin');
  const warmupPath = join(dir, 'warmup-state.bin');
  writeFileSync(statePath, state);
  writeFileSync(warmupPath, warmup);
  return { databasePath, statePath, warmupPath, stateBytes: state.length, updates: updates.length };
}

/** A fresh server process; one small document first (so the handshake path is not cold), then the measured one. */
export async function oursColdLoad(fixture: ColdFixture, docName: string): Promise<{ ms: number; bytes: number }> {
  const server = await startServerProcess('ours', fixture.databasePath);
  const load = await startLoadProcess();
  try {
    await load.call('cold-open', { url: server.url, docName: COLD_DOCS.warmup }, ColdOpenResultSchema);
    return await load.call('cold-open', { url: server.url, docName }, ColdOpenResultSchema);
  } finally {
    await load.stop();
    await server.stop();
  }
}

/** A fresh process applies the small warm-up state, then the merged state, and times the latter. */
export async function floorColdLoad(fixture: ColdFixture): Promise<number> {
  const floor = await startServerProcess('floor');
  try {
    return await floor.child.call('floor', { statePath: fixture.statePath, warmupPath: fixture.warmupPath }, z.number());
  } finally {
    await floor.stop();
  }
}
