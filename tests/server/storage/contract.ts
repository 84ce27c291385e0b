/**
 * The numbered rules every DocumentStore backend must keep. A backend's test file calls
 * describeDocumentStoreContract with a factory; nothing here may depend on one backend's internals.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentStore } from '../../../server/storage/document-store';
import { contentOf, recordEdits, seededRandom, stateVectorOf } from './project-edits';

export interface StoreUnderTest {
  store: DocumentStore;
  /** Open a new store over the same data; the test closes `store` first. Omit if the backend cannot. */
  reopen?: () => Promise<DocumentStore>;
  /** Close whatever is still open and remove the data. */
  cleanup: () => Promise<void>;
}

const P1 = 'ws1/project/p1';
const P2 = 'ws1/project/p2';
const T0 = Date.UTC(2026, 2, 1, 1, 30); // 2026-03-01 09:30 in Asia/Shanghai

/** Three edits a cadre makes to a new project, with the content they leave behind. */
function threeEdits(clientId = 1) {
  const cadre = recordEdits(clientId);
  const updates = [
    cadre.edit((p) => p.set('name', '智能装备产业园')),
    cadre.edit((p) => {
      p.set('totalInvestmentWan', 50_000);
      p.set('stage', 'signed');
    }),
    cadre.edit((p) => p.set('stage', 'started')),
  ];
  const content = { project: { name: '智能装备产业园', totalInvestmentWan: 50_000, stage: 'started' }, notes: '' };
  return { cadre, updates, content };
}

async function appendAll(store: DocumentStore, docName: string, updates: Uint8Array[], author = 'm1') {
  const results = [];
  for (const [i, update] of updates.entries()) results.push(await store.append(docName, update, author, T0 + i * 60_000));
  return results;
}

export function describeDocumentStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`DocumentStore contract: ${name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0)) await cleanup();
    });
    async function open(): Promise<StoreUnderTest> {
      const made = await makeStore();
      cleanups.push(made.cleanup);
      return made;
    }

    it('[S1] a document never written loads as null, with empty history and nothing pending', async () => {
      const { store } = await open();
      expect(await store.load(P1)).toBeNull();
      expect(await store.history(P1)).toEqual([]);
      expect(await store.pendingSinceSnapshot(P1)).toBe(0);
      expect(await store.listDocuments()).toEqual([]);
      expect(await store.verify(P1)).toEqual({ ok: true, documents: 0, updates: 0 });
    });

    it('[S2] what is appended loads back as the same Yjs state', async () => {
      const { store } = await open();
      const { cadre, updates, content } = threeEdits();
      await appendAll(store, P1, updates);
      const loaded = await store.load(P1);
      expect(contentOf(loaded)).toEqual(content);
      expect(stateVectorOf(loaded ?? new Uint8Array())).toEqual(Y.decodeStateVector(Y.encodeStateVector(cadre.doc)));
    });

    it('[S3] seq starts at 1 and counts up without gaps; each append returns its chain hash', async () => {
      const { store } = await open();
      const results = await appendAll(store, P1, threeEdits().updates);
      expect(results.map((r) => r.seq)).toEqual([1, 2, 3]);
      const history = await store.history(P1);
      expect(history.map((r) => r.hash)).toEqual(results.map((r) => r.hash));
      expect(new Set(results.map((r) => r.hash)).size).toBe(3);
      for (const r of results) expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('[S4] history keeps who, when and the exact bytes, in order, and can start from a seq', async () => {
      const { store } = await open();
      const { updates } = threeEdits();
      await store.append(P1, updates[0]!, 'm1', T0);
      await store.append(P1, updates[1]!, 'm7', T0 + 5_000);
      await store.append(P1, updates[2]!, 'server', T0 + 9_000);
      const history = await store.history(P1);
      expect(history.map(({ docName, seq, author, at }) => ({ docName, seq, author, at }))).toEqual([
        { docName: P1, seq: 1, author: 'm1', at: T0 },
        { docName: P1, seq: 2, author: 'm7', at: T0 + 5_000 },
        { docName: P1, seq: 3, author: 'server', at: T0 + 9_000 },
      ]);
      for (const [i, record] of history.entries()) expect(record.update).toEqual(updates[i]);
      expect((await store.history(P1, 3)).map((r) => r.author)).toEqual(['server']);
      expect(await store.history(P1, 4)).toEqual([]);
    });

    it('[S5] compaction keeps the loaded state and the whole attributed history', async () => {
      const { store } = await open();
      const { cadre, updates, content } = threeEdits();
      await appendAll(store, P1, updates);
      const before = await store.history(P1);
      await store.compact(P1, (await store.load(P1))!, 3);
      expect(contentOf(await store.load(P1))).toEqual(content);
      expect(await store.history(P1)).toEqual(before);
      expect(await store.pendingSinceSnapshot(P1)).toBe(0);
      expect(stateVectorOf((await store.load(P1))!)).toEqual(Y.decodeStateVector(Y.encodeStateVector(cadre.doc)));
    });

    it('[S6] after compaction, later appends load on top of the snapshot', async () => {
      const { store } = await open();
      const { cadre, updates } = threeEdits();
      await appendAll(store, P1, updates);
      await store.compact(P1, (await store.load(P1))!, 3);
      const later = [cadre.edit((p) => p.set('stage', 'completed')), cadre.edit((_, doc) => doc.getText('notes').insert(0, '设备已进场'))];
      const results = await appendAll(store, P1, later, 'm2');
      expect(results.map((r) => r.seq)).toEqual([4, 5]);
      expect(contentOf(await store.load(P1))).toEqual({
        project: { name: '智能装备产业园', totalInvestmentWan: 50_000, stage: 'completed' },
        notes: '设备已进场',
      });
      expect((await store.history(P1)).map((r) => r.author)).toEqual(['m1', 'm1', 'm1', 'm2', 'm2']);
    });

    it('[S7] verify passes on an honestly written store and counts what it checked', async () => {
      const { store } = await open();
      await appendAll(store, P1, threeEdits(1).updates);
      await appendAll(store, P2, threeEdits(2).updates.slice(0, 2));
      await store.compact(P1, (await store.load(P1))!, 2);
      expect(await store.verify()).toEqual({ ok: true, documents: 2, updates: 5 });
      expect(await store.verify(P2)).toEqual({ ok: true, documents: 1, updates: 2 });
    });

    it('[S8] documents are independent: own seqs, own content, own snapshots', async () => {
      const { store } = await open();
      const one = threeEdits(1);
      const two = recordEdits(2);
      await store.append(P1, one.updates[0]!, 'm1', T0);
      expect(
        (
          await store.append(
            P2,
            two.edit((p) => p.set('name', '城东污水处理厂')),
            'm3',
            T0,
          )
        ).seq,
      ).toBe(1);
      expect((await store.append(P1, one.updates[1]!, 'm1', T0)).seq).toBe(2);
      await store.compact(P1, (await store.load(P1))!, 2);
      expect(contentOf(await store.load(P2))).toEqual({ project: { name: '城东污水处理厂' }, notes: '' });
      expect(contentOf(await store.load(P1))?.project).toEqual({ name: '智能装备产业园', totalInvestmentWan: 50_000, stage: 'signed' });
      expect(await store.pendingSinceSnapshot(P2)).toBe(1);
      expect((await store.history(P2)).map((r) => r.author)).toEqual(['m3']);
    });

    it('[S9] concurrent appends to one document from many async callers all land with distinct seqs', async () => {
      const { store } = await open();
      const seed = 20260301;
      const random = seededRandom(seed);
      const callers = 40;
      const edits = Array.from({ length: callers }, (_, i) => {
        const member = recordEdits(100 + i);
        return { author: `m${i}`, update: member.edit((p) => p.set(`field${i}`, i)), pause: Math.floor(random() * 5) };
      });
      const results = await Promise.all(
        edits.map(async ({ author, update, pause }, i) => {
          for (let k = 0; k < pause; k++) await Promise.resolve(); // interleave callers in a seeded order
          return { author, ...(await store.append(P1, update, author, T0 + i)) };
        }),
      );
      const context = `seed ${seed}`;
      expect(
        results.map((r) => r.seq).sort((a, b) => a - b),
        context,
      ).toEqual(Array.from({ length: callers }, (_, i) => i + 1));
      const history = await store.history(P1);
      for (const r of results) expect(history[r.seq - 1]?.author, context).toBe(r.author);
      const project = contentOf(await store.load(P1))?.project ?? {};
      expect(Object.keys(project).length, context).toBe(callers);
      expect(project.field17, context).toBe(17);
      expect(await store.verify(P1), context).toEqual({ ok: true, documents: 1, updates: callers });
    });

    it('[S10] a reopened store keeps updates, authors, snapshots and the chain', async () => {
      const { store, reopen } = await open();
      if (!reopen) {
        expect(reopen, `${name} declares it cannot reopen`).toBeUndefined();
        return;
      }
      const { cadre, updates, content } = threeEdits();
      await appendAll(store, P1, updates);
      await store.compact(P1, (await store.load(P1))!, 2);
      const history = await store.history(P1);
      await store.close();
      const again = await reopen();
      try {
        expect(contentOf(await again.load(P1))).toEqual(content);
        expect(await again.history(P1)).toEqual(history);
        expect(await again.pendingSinceSnapshot(P1)).toBe(1);
        expect(await again.verify()).toEqual({ ok: true, documents: 1, updates: 3 });
        const next = await again.append(
          P1,
          cadre.edit((p) => p.set('stage', 'completed')),
          'm2',
          T0,
        );
        expect(next.seq).toBe(4);
      } finally {
        await again.close();
      }
    });

    it('[S11] listDocuments lists every stored document in code-unit order, or those starting with a prefix', async () => {
      const { store } = await open();
      const update = threeEdits().updates[0]!;
      for (const doc of ['ws2/workspace', P2, 'ws1/workspace', P1, 'ws10/workspace']) await store.append(doc, update, 'm1', T0);
      expect(await store.listDocuments()).toEqual([P1, P2, 'ws1/workspace', 'ws10/workspace', 'ws2/workspace']);
      expect(await store.listDocuments('ws1/project/')).toEqual([P1, P2]);
      expect(await store.listDocuments('ws1/')).toEqual([P1, P2, 'ws1/workspace']);
      // Prefixes are plain text, not patterns: "_" and "%" match only themselves.
      expect(await store.listDocuments('ws_')).toEqual([]);
      expect(await store.listDocuments('%')).toEqual([]);
      expect(await store.listDocuments('ws3/')).toEqual([]);
    });

    it('[S12] pendingSinceSnapshot counts the updates a load must replay after the latest snapshot', async () => {
      const { store } = await open();
      const { cadre, updates } = threeEdits();
      await appendAll(store, P1, updates);
      expect(await store.pendingSinceSnapshot(P1)).toBe(3);
      await store.compact(P1, Y.mergeUpdates(updates.slice(0, 2)), 2);
      expect(await store.pendingSinceSnapshot(P1)).toBe(1);
      await appendAll(store, P1, [cadre.edit((p) => p.set('stage', 'completed')), cadre.edit((p) => p.set('stage', 'operating'))]);
      expect(await store.pendingSinceSnapshot(P1)).toBe(3);
      expect(contentOf(await store.load(P1))?.project.stage).toBe('operating');
    });

    it('[S13] a large update (over 4 MiB) round-trips byte for byte', async () => {
      const { store } = await open();
      const seed = 4242;
      const random = seededRandom(seed);
      const alphabet = '挂图作战项目建设年序时进度abcdefghij0123456789';
      const text = Array.from({ length: 3 << 20 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const cadre = recordEdits(1);
      const big = cadre.edit((_, doc) => doc.getText('notes').insert(0, text));
      expect(big.length, `seed ${seed}`).toBeGreaterThan(4 << 20);
      await store.append(P1, big, 'm1', T0);
      const [record] = await store.history(P1);
      expect(record?.update.length).toBe(big.length);
      expect(Buffer.compare(record?.update ?? new Uint8Array(), big), `seed ${seed}`).toBe(0);
      expect(contentOf(await store.load(P1))?.notes, `seed ${seed}`).toBe(text);
    });

    it('[S14] bad input is refused with the field named, and stores nothing', async () => {
      const { store } = await open();
      const { updates } = threeEdits();
      await store.append(P1, updates[0]!, 'm1', T0);
      await expect(store.append(P1, new Uint8Array(), 'm1', T0)).rejects.toMatchObject({ name: 'StorageInputError', field: 'update' });
      await expect(store.append(P1, new Uint8Array([1, 2, 3, 4, 5]), 'm1', T0)).rejects.toMatchObject({ field: 'update' });
      await expect(store.append('', updates[1]!, 'm1', T0)).rejects.toMatchObject({ field: 'docName' });
      await expect(store.append(P1, updates[1]!, '', T0)).rejects.toMatchObject({ field: 'author' });
      await expect(store.append(P1, updates[1]!, 'm1', Number.NaN)).rejects.toMatchObject({ field: 'at' });
      await expect(store.compact(P1, updates[0]!, 2)).rejects.toMatchObject({ field: 'uptoSeq' });
      await expect(store.compact(P1, updates[0]!, 0)).rejects.toMatchObject({ field: 'uptoSeq' });
      await expect(store.compact(P2, updates[0]!, 1)).rejects.toMatchObject({ field: 'uptoSeq' });
      await expect(store.history(P1, -1)).rejects.toMatchObject({ field: 'fromSeq' });
      expect((await store.append(P1, updates[1]!, 'm1', T0)).seq).toBe(2);
      expect(await store.pendingSinceSnapshot(P1)).toBe(2);
      expect(await store.listDocuments()).toEqual([P1]);
      expect(await store.verify()).toEqual({ ok: true, documents: 1, updates: 2 });
    });

    it('[S15] close can be called twice; a closed store refuses work instead of losing it', async () => {
      const { store } = await open();
      await store.close();
      await store.close();
      await expect(store.append(P1, threeEdits().updates[0]!, 'm1', T0)).rejects.toThrow();
      await expect(store.appendMany([{ docName: P1, update: threeEdits().updates[0]!, author: 'm1', at: T0 }])).rejects.toThrow();
      await expect(store.load(P1)).rejects.toThrow();
    });

    it('[S16] appendMany stores a batch across documents as one-at-a-time appends would: same seqs, authors, hashes', async () => {
      const { store } = await open();
      const { store: reference } = await open();
      const p1 = threeEdits(1);
      const p2 = recordEdits(2);
      const p2Updates = [p2.edit((p) => p.set('name', '城东污水处理厂')), p2.edit((p) => p.set('stage', 'signed'))];
      await store.append(P1, p1.updates[0]!, 'm1', T0);
      await reference.append(P1, p1.updates[0]!, 'm1', T0);
      // interleaved: P1, P2, P1, P2 — each document's updates keep their order and take the next seqs
      const batch = [
        { docName: P1, update: p1.updates[1]!, author: 'm2', at: T0 + 1 },
        { docName: P2, update: p2Updates[0]!, author: 'm3', at: T0 + 2 },
        { docName: P1, update: p1.updates[2]!, author: 'm1', at: T0 + 3 },
        { docName: P2, update: p2Updates[1]!, author: 'm3', at: T0 + 4 },
      ];
      const results = await store.appendMany(batch);
      expect(results.map((r) => r.seq)).toEqual([2, 1, 3, 2]);
      const one = [];
      for (const entry of batch) one.push(await reference.append(entry.docName, entry.update, entry.author, entry.at));
      expect(results).toEqual(one);
      const history = await store.history(P1);
      expect(history.map((r) => [r.seq, r.author, r.at])).toEqual([
        [1, 'm1', T0],
        [2, 'm2', T0 + 1],
        [3, 'm1', T0 + 3],
      ]);
      expect(history.map((r) => r.hash)).toEqual((await reference.history(P1)).map((r) => r.hash));
      expect(contentOf(await store.load(P1))).toEqual(p1.content);
      expect(contentOf(await store.load(P2))?.project).toEqual({ name: '城东污水处理厂', stage: 'signed' });
      // a later single append continues the chain the batch left
      expect(
        (
          await store.append(
            P2,
            p2.edit((p) => p.set('stage', 'started')),
            'm3',
            T0 + 5,
          )
        ).seq,
      ).toBe(3);
      expect(await store.pendingSinceSnapshot(P2)).toBe(3);
      expect(await store.verify()).toEqual({ ok: true, documents: 2, updates: 6 });
      expect(await store.appendMany([])).toEqual([]);
    });

    it('[S17] appendMany is all or nothing: one refused entry stores nothing of its batch', async () => {
      const { store } = await open();
      const { updates } = threeEdits();
      await store.append(P1, updates[0]!, 'm1', T0);
      const good = { docName: P1, update: updates[1]!, author: 'm1', at: T0 };
      await expect(store.appendMany([good, { docName: P2, update: new Uint8Array([1, 2, 3, 4, 5]), author: 'm1', at: T0 }])).rejects.toMatchObject({
        name: 'StorageInputError',
        field: 'update',
      });
      await expect(store.appendMany([good, { ...good, author: '' }])).rejects.toMatchObject({ field: 'author' });
      expect((await store.history(P1)).map((r) => r.seq)).toEqual([1]);
      expect(await store.listDocuments()).toEqual([P1]);
      expect((await store.appendMany([good]))[0]?.seq).toBe(2);
      expect(await store.verify()).toEqual({ ok: true, documents: 1, updates: 2 });
    });

    it('[S18] history reads a range: at most `limit` updates from a seq on, the same records as the whole read, also across a snapshot', async () => {
      const { store } = await open();
      const cadre = recordEdits(1);
      const edit = (i: number) => cadre.edit((p) => p.set('progress', i));
      await appendAll(store, P1, [0, 1, 2, 3].map(edit));
      await store.compact(P1, Y.encodeStateAsUpdate(cadre.doc), 4);
      await appendAll(store, P1, [4, 5, 6].map(edit));
      const whole = await store.history(P1);
      expect((await store.history(P1, 1, 3)).map((r) => r.seq)).toEqual([1, 2, 3]);
      expect(await store.history(P1, 3, 3)).toEqual(whole.slice(2, 5));
      expect(await store.history(P1, 6, 100)).toEqual(whole.slice(5));
      expect(await store.history(P1, 8, 1)).toEqual([]);
      expect(await store.history(P2, 1, 1)).toEqual([]);
      await expect(store.history(P1, 1, 0)).rejects.toMatchObject({ name: 'StorageInputError', field: 'limit' });
      await expect(store.history(P1, 1, 1.5)).rejects.toMatchObject({ field: 'limit' });
    });

    it('[S19] a snapshot records which member each client id belongs to, from the stored history whatever the caller sent', async () => {
      const { store, reopen } = await open();
      const zhang = recordEdits(11);
      const li = recordEdits(22);
      expect(await store.snapshotOwners(P1)).toBeNull();
      await store.append(
        P1,
        zhang.edit((p) => p.set('name', '智能装备产业园')),
        'm-zhang',
        T0,
      );
      await store.append(
        P1,
        li.edit((p) => p.set('stage', 'signed')),
        'm-li',
        T0 + 1,
      );
      // a resend of zhang's update under li's name: the first stored author keeps the client id
      await store.append(P1, zhang.updates[0]!, 'm-li', T0 + 2);
      await store.compact(P1, Y.encodeStateAsUpdate(zhang.doc), 3);
      expect(await store.snapshotOwners(P1)).toEqual({
        uptoSeq: 3,
        owners: new Map([
          [11, 'm-zhang'],
          [22, 'm-li'],
        ]),
      });
      // later updates count only once a later snapshot covers them, and the earlier owners carry over
      const wang = recordEdits(33);
      await store.append(
        P1,
        wang.edit((p) => p.set('notes', '已开工')),
        'm-wang',
        T0 + 3,
      );
      expect((await store.snapshotOwners(P1))?.uptoSeq).toBe(3);
      await store.compact(P1, Y.encodeStateAsUpdate(wang.doc), 4);
      // kept across a reopen where the store can reopen (a file, a database); else asked of the same store
      const reopened = reopen ? await reopen() : store;
      expect(await reopened.snapshotOwners(P1)).toEqual({
        uptoSeq: 4,
        owners: new Map([
          [11, 'm-zhang'],
          [22, 'm-li'],
          [33, 'm-wang'],
        ]),
      });
    });
  });
}
