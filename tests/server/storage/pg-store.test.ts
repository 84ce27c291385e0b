import pgModule from 'pg';
import type pg from 'pg';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openPgPool } from '../../../server/storage/pg-pool';
import { GENESIS_HASH, chainHash } from '../../../server/storage/hash-chain';
import { openPgStore, PgStoreOpenError } from '../../../server/storage/pg-store';
import type { DocumentStore } from '../../../server/storage/document-store';
import { describeDocumentStoreContract } from './contract';
import { createTestDatabase, mustSkip, probePostgres, requireReachable, type TestDatabase } from './pg-database';
import { contentOf, recordEdits } from './project-edits';

const postgres = await probePostgres();
const skip = mustSkip(postgres, 'PostgreSQL document store');

describe.runIf(!postgres.reachable && !skip)('PostgreSQL document store (CI=1)', () => {
  it('needs PostgreSQL', () => requireReachable(postgres));
});

describe.skipIf(!postgres.reachable)('PostgreSQL document store', () => {
  describeDocumentStoreContract('PostgreSQL', async () => {
    const database = await createTestDatabase('contract');
    const opened: DocumentStore[] = [];
    const openOne = async () => {
      const store = await openPgStore({ pool: openPgPool({ connectionString: database.url, max: 4 }), ownsPool: true });
      opened.push(store);
      return store;
    };
    return {
      store: await openOne(),
      reopen: openOne,
      cleanup: async () => {
        for (const store of opened) await store.close();
        await database.drop();
      },
    };
  });

  const P1 = 'ws1/project/p1';
  const T0 = Date.UTC(2026, 2, 1, 1, 30);
  let database: TestDatabase | null = null;
  const pools: pg.Pool[] = [];
  beforeEach(async () => {
    database = await createTestDatabase('pgstore');
  });
  afterEach(async () => {
    for (const pool of pools.splice(0)) await pool.end().catch(() => undefined);
    await database?.drop();
    database = null;
  });
  async function pool(): Promise<pg.Pool> {
    if (!database) throw new Error('no database');
    const made = openPgPool({ connectionString: database.url, max: 6 });
    pools.push(made);
    return made;
  }

  it('two instances starting together migrate once, and both work', async () => {
    const [a, b] = await Promise.all([openPgStore({ pool: await pool() }), openPgStore({ pool: await pool() })]);
    const versions = await (await pool()).query('SELECT component, version FROM guatu_schema ORDER BY version');
    expect(versions.rows).toEqual([
      { component: 'documents', version: 1 },
      { component: 'documents', version: 2 },
      { component: 'documents', version: 3 },
    ]);
    await a.append(
      P1,
      recordEdits(1).edit((p) => p.set('name', '智能装备产业园')),
      'm1',
      T0,
    );
    expect((await b.history(P1)).map((r) => r.seq)).toEqual([1]);
  });

  it('refuses a database a newer server migrated further', async () => {
    const first = await pool();
    await openPgStore({ pool: first });
    await first.query("INSERT INTO guatu_schema (component, version) VALUES ('documents', 99)");
    await expect(openPgStore({ pool: first })).rejects.toBeInstanceOf(PgStoreOpenError);
  });

  it('appends from three instances to one document interleave into one gapless chain that verify accepts', async () => {
    const stores = await Promise.all([1, 2, 3].map(async () => openPgStore({ pool: await pool() })));
    const writers = [1, 2, 3].map((id) => recordEdits(id));
    const appends = [];
    for (let round = 0; round < 15; round++) {
      for (const [i, store] of stores.entries()) {
        const update = writers[i]!.edit((p) => p.set(`field${i}`, round));
        appends.push(
          round % 2 === 0
            ? store.append(P1, update, `m${i}`, T0 + round)
            : store.appendMany([{ docName: P1, update, author: `m${i}`, at: T0 + round }]).then((r) => r[0]!),
        );
      }
    }
    const results = await Promise.all(appends);
    expect(results.map((r) => r.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect(await stores[0]!.verify()).toEqual({ ok: true, documents: 1, updates: 45 });
    expect((await stores[1]!.heads([P1, 'ws1/project/none'])).get(P1)).toBe(45);
  });

  it('a writer alone on its documents appends in one statement; when another instance moved a head it falls back and the chain stays one', async () => {
    const statements = vi.spyOn(pgModule.Client.prototype, 'query');
    try {
      const [a, b] = await Promise.all([openPgStore({ pool: await pool() }), openPgStore({ pool: await pool() })]);
      const P2 = 'ws1/project/p2';
      const onA = recordEdits(1);
      const onB = recordEdits(2);
      const batch = (round: number, editor: typeof onA, author: string) =>
        [P1, P2].map((docName) => ({ docName, update: editor.edit((p) => p.set(`${author}-${docName}`, round)), author, at: T0 + round }));
      // first batch: heads unknown, the locked append (BEGIN, lock, write, COMMIT)
      await a.appendMany(batch(0, onA, 'a'));
      statements.mockClear();
      for (let round = 1; round <= 10; round++) await a.appendMany(batch(round, onA, 'a'));
      expect(statements).toHaveBeenCalledTimes(10);
      // B writes both documents: A's known heads are stale now
      await b.appendMany(batch(11, onB, 'b'));
      statements.mockClear();
      const results = await a.appendMany(batch(12, onA, 'a'));
      // the one-statement attempt stored nothing, then the locked append: 1 + 4
      expect(statements).toHaveBeenCalledTimes(5);
      expect(results.map((r) => r.seq)).toEqual([13, 13]);
      await a.appendMany(batch(13, onA, 'a'));
      expect(await b.verify()).toEqual({ ok: true, documents: 2, updates: 28 });
      expect((await b.history(P1)).map((r) => r.seq)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    } finally {
      statements.mockRestore();
    }
  });

  it('two instances writing batches over the same documents in opposite orders neither deadlock nor fork the chain', async () => {
    const [a, b] = await Promise.all([openPgStore({ pool: await pool() }), openPgStore({ pool: await pool() })]);
    const P2 = 'ws1/project/p2';
    const editors = [recordEdits(1), recordEdits(2)];
    const rounds = 25;
    const writes = [a, b].map(async (store, i) => {
      const order = i === 0 ? [P1, P2] : [P2, P1];
      for (let round = 0; round < rounds; round++) {
        await store.appendMany(
          order.map((docName) => ({ docName, update: editors[i]!.edit((p) => p.set(`${i}-${docName}`, round)), author: `m${i}`, at: T0 + round })),
        );
      }
    });
    await Promise.all(writes);
    expect(await a.verify()).toEqual({ ok: true, documents: 2, updates: 4 * rounds });
    expect((await a.heads([P1, P2])).get(P2)).toBe(2 * rounds);
  });

  it('a snapshot from an instance that holds everything is stored as compact as it came (a long document loads fast)', async () => {
    const store = await openPgStore({ pool: await pool() });
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 300; i++) doc.getMap('project').set(`field${i % 20}`, i);
    await store.appendMany(updates.map((update, i) => ({ docName: P1, update, author: 'm1', at: T0 + i })));
    const snapshot = Y.encodeStateAsUpdate(doc);
    await store.compact(P1, snapshot, updates.length);
    const row = await (await pool()).query<{ state: Buffer }>('SELECT state FROM snapshots WHERE doc = $1', [P1]);
    // merged with the stored history as a whole, it came out interleaved and about a third larger, and loaded slower
    expect(row.rows[0]?.state.length).toBe(snapshot.length);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, (await store.load(P1)) ?? new Uint8Array());
    expect(loaded.getMap('project').toJSON()).toEqual(doc.getMap('project').toJSON());
  });

  it('a snapshot from an instance whose memory lacks another instance’s update still holds it', async () => {
    const [a, b] = [await openPgStore({ pool: await pool() }), await openPgStore({ pool: await pool() })];
    const onA = recordEdits(1);
    const onB = recordEdits(2);
    await a.append(
      P1,
      onA.edit((p) => p.set('name', '智能装备产业园')),
      'm1',
      T0,
    );
    await b.append(
      P1,
      onB.edit((p) => p.set('stage', 'signed')),
      'm2',
      T0 + 1,
    );
    // A compacts from its own memory, which never saw B's edit (seq 2)
    await a.compact(P1, Y.encodeStateAsUpdate(onA.doc), 2);
    expect(contentOf(await b.load(P1))?.project).toEqual({ name: '智能装备产业园', stage: 'signed' });
  });

  it('the chain stored in PostgreSQL is hash-chain.ts’s to the byte, also for Chinese names and authors', async () => {
    const store = await openPgStore({ pool: await pool() });
    const cadre = recordEdits(3);
    const doc = 'ws/临江市/project/城东污水处理厂';
    const first = cadre.edit((p) => p.set('name', '城东污水处理厂'));
    const second = cadre.edit((p) => p.set('stage', 'started'));
    const [a, b] = await store.appendMany([
      { docName: doc, update: first, author: '张三', at: T0 },
      { docName: doc, update: second, author: 'member-周强', at: T0 + 1 },
    ]);
    const hashA = chainHash({ prevHash: GENESIS_HASH, docName: doc, seq: 1, author: '张三', at: T0, update: first });
    expect(a).toEqual({ seq: 1, hash: hashA });
    expect(b).toEqual({ seq: 2, hash: chainHash({ prevHash: hashA, docName: doc, seq: 2, author: 'member-周强', at: T0 + 1, update: second }) });
    expect(await store.verify(doc)).toEqual({ ok: true, documents: 1, updates: 2 });
  });
});
