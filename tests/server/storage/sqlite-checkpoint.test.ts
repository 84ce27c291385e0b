import { waitFor } from '../wait-for';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentStore } from '../../../server/storage/document-store';
import { openSqliteStore } from '../../../server/storage/sqlite-store';
import { recordEdits } from './project-edits';
import { makeTempDir } from './temp-dir';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A store on a fresh file, with 200 single-update commits in it. */
async function storeWithCommits(checkpointIntervalMs: number | null): Promise<{ store: DocumentStore; dbBytes: () => number; before: number }> {
  const temp = makeTempDir('checkpoint');
  cleanups.push(temp.remove);
  const path = join(temp.dir, 'guatu.sqlite');
  const store = openSqliteStore({ path, checkpointIntervalMs });
  cleanups.push(() => store.close());
  const dbBytes = () => statSync(path).size;
  const before = dbBytes();
  const cadre = recordEdits(1);
  for (let i = 0; i < 200; i++) {
    await store.appendMany([{ docName: 'ws1/project/p1', update: cadre.edit((p) => p.set('progressNote', `第${i}周`)), author: 'm1', at: i }]);
  }
  return { store, dbBytes, before };
}

describe('SQLite store: WAL checkpoints on a worker thread', () => {
  it('the worker copies committed pages into the database file while the writer only appends to the WAL', async () => {
    const { store, dbBytes, before } = await storeWithCommits(20);
    await waitFor(() => dbBytes() > before, 'the database file to grow');
    expect((await store.history('ws1/project/p1')).length).toBe(200);
    expect((await store.verify()).ok).toBe(true);
  });

  it('without the worker the same commits stay in the WAL (SQLite checkpoints only at 1000 pages)', async () => {
    const { dbBytes, before } = await storeWithCommits(null);
    expect(dbBytes()).toBe(before);
  });

  it('a closed and reopened store holds every update the worker copied and every one it had not', async () => {
    const temp = makeTempDir('checkpoint-reopen');
    cleanups.push(temp.remove);
    const path = join(temp.dir, 'guatu.sqlite');
    const store = openSqliteStore({ path, checkpointIntervalMs: 5 });
    const cadre = recordEdits(1);
    for (let i = 0; i < 300; i++)
      await store.append(
        'ws1/project/p1',
        cadre.edit((p) => p.set('n', i)),
        'm1',
        i,
      );
    await store.close();
    const again = openSqliteStore({ path });
    cleanups.push(() => again.close());
    expect((await again.history('ws1/project/p1')).length).toBe(300);
    expect(await again.verify()).toEqual({ ok: true, documents: 1, updates: 300 });
  });
});
