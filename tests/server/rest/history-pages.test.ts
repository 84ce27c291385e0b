import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editProject, moveStage } from '../../../shared/model/project-edit';
import { initProject } from '../../../shared/model/project-init';
import { createHistoryPages, type HistoryPagesOptions } from '../../../server/rest/history-pages';
import type { StoredUpdate } from '../../../server/storage/document-store';
import { seededRandom } from '../storage/project-edits';
import { CountingStore, gate } from './counting-store';
import { replayHistory } from './old-replay';
import { HISTORY_T0, randomProjectHistory } from './project-history';

const DOC = 'ws/ws1/project/p1';

/** A project created, then edited `edits` times by one cadre: every update is one visible entry. */
function linearHistory(edits: number, docName = DOC): StoredUpdate[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  initProject(doc, { id: 'p1', name: '城南污水处理厂' }, { memberId: 'm-li', at: HISTORY_T0 }, { locale: 'zh-CN', defaultMilestones: false });
  for (let i = 1; i <= edits; i++) editProject(doc, { progressNote: `第${i}次` }, { memberId: 'm-li', at: HISTORY_T0 + i });
  doc.destroy();
  return updates.map((update, i) => ({ docName, seq: i + 1, update, author: 'm-li', at: HISTORY_T0 + i * 60_000, hash: String(i + 1) }));
}

function setup(updates: readonly StoredUpdate[], options: Partial<HistoryPagesOptions> = {}) {
  const store = new CountingStore();
  store.seed(DOC, updates);
  const pages = createHistoryPages({ store, ...options });
  return { store, pages };
}

describe('history pages from the cached replay', () => {
  it.each([
    { seed: 1, readBatch: undefined },
    { seed: 2, readBatch: 4 },
  ])('equal the whole-log replay page for page on a seeded random project history (seed $seed, read batch $readBatch)', async ({ seed, readBatch }) => {
    const updates = randomProjectHistory(seed, 90);
    const { pages } = setup(updates, { readBatch });
    const random = seededRandom(seed * 31);
    const asked: Array<[number, number]> = [];
    // walk the history page by page as the board does, then jump around as a curious caller might
    for (let after: number | null = 0; after !== null; ) {
      const page = await pages.page(DOC, after, 9);
      expect(page, `after ${after}`).toEqual(replayHistory(updates, after, 9));
      asked.push([after, 9]);
      after = page?.nextAfter ?? null;
    }
    const last = updates.length;
    const jumps: Array<[number, number]> = [
      [last - 1, 1],
      [last, 5],
      [last + 10, 5],
      [0, 1],
      [0, 200],
    ];
    for (let i = 0; i < 5; i++) jumps.push([Math.floor(random() * last), 1 + Math.floor(random() * 12)]);
    for (const [after, limit] of jumps)
      expect(await pages.page(DOC, after, limit), `after ${after} limit ${limit}`).toEqual(replayHistory(updates, after, limit));
    expect(asked.length).toBeGreaterThan(3);
  });

  it('continues the next page where the last one stopped: no earlier update is read or applied again', async () => {
    const updates = linearHistory(199);
    const { store, pages } = setup(updates);
    const reads: number[] = [];
    const history = store.history.bind(store);
    store.history = (name, fromSeq, limit) => {
      reads.push(fromSeq ?? 1);
      return history(name, fromSeq, limit);
    };
    const first = await pages.page(DOC, 0, 50);
    expect(first?.nextAfter).toBe(50);
    expect(pages.stats().updatesApplied).toBe(50);
    const second = await pages.page(DOC, 50, 50);
    expect(second?.entries.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 51 + i));
    expect(pages.stats().updatesApplied).toBe(100);
    expect(reads).toEqual([1, 51]);
    // a page already computed costs no read at all
    expect((await pages.page(DOC, 20, 10))?.entries.map((e) => e.seq)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    expect(reads).toEqual([1, 51]);
  });

  it('shares one computation among 8 parallel requests for one document', async () => {
    const updates = linearHistory(119);
    const { store, pages } = setup(updates);
    const held = gate();
    store.historyGate = held.promise;
    const requests = Array.from({ length: 8 }, () => pages.page(DOC, 0, 50));
    held.open();
    const answers = await Promise.all(requests);
    expect(store.reads).toBe(1);
    expect(pages.stats().updatesApplied).toBe(50);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toEqual(replayHistory(updates, 0, 50));
  });

  it('reads only what was appended since, when asked for the newest page again', async () => {
    const updates = linearHistory(30);
    const { store, pages } = setup(updates.slice(0, 28));
    expect((await pages.page(DOC, 0, 200))?.nextAfter).toBeNull();
    const before = { applied: pages.stats().updatesApplied, read: store.updatesRead };
    expect(before.applied).toBe(28);
    for (const update of updates.slice(28)) await store.append(DOC, update.update, 'm-wang', HISTORY_T0);
    const newest = await pages.page(DOC, 27, 200);
    expect(newest?.entries.map((e) => [e.seq, e.author])).toEqual([
      [28, 'm-li'],
      [29, 'm-wang'],
      [30, 'm-wang'],
      [31, 'm-wang'],
    ]);
    expect(pages.stats().updatesApplied - before.applied).toBe(3);
    expect(store.updatesRead - before.read).toBe(3);
  });

  it('lets the event loop turn while a long history is replayed the first time (so /health keeps answering)', async () => {
    const updates = linearHistory(299);
    let turns = 0;
    const { pages } = setup(updates, {
      yieldToLoop: () => {
        turns += 1;
        return new Promise((resolve) => setImmediate(resolve));
      },
    });
    let healthAnswered = false;
    setImmediate(() => {
      healthAnswered = true;
    });
    const page = pages.page(DOC, 299, 10);
    const answeredBeforeReplayEnded = await page.then(() => healthAnswered);
    expect(answeredBeforeReplayEnded).toBe(true);
    expect(turns).toBeGreaterThanOrEqual(Math.floor(300 / 32));
    expect(await pages.page(DOC, 299, 10)).toEqual(replayHistory(updates, 299, 10));
  });

  it('answers null for a document with nothing stored, and keeps no record of it', async () => {
    const { pages } = setup([]);
    expect(await pages.page('ws/ws1/project/nothing', 0, 10)).toBeNull();
    expect(pages.stats().documents).toBe(0);
  });

  it('stays within its bounds: least recently used documents are evicted, and recomputed right when asked again', async () => {
    const store = new CountingStore();
    const names = ['a', 'b', 'c'].map((id) => `ws/ws1/project/${id}`);
    for (const name of names) store.seed(name, linearHistory(9, name));
    const pages = createHistoryPages({ store, maxDocuments: 2 });
    for (const name of names) await pages.page(name, 0, 100);
    expect(pages.stats()).toMatchObject({ documents: 2, updatesApplied: 30 });
    await pages.page(names[1]!, 0, 100); // still cached: nothing applied
    expect(pages.stats().updatesApplied).toBe(30);
    expect(await pages.page(names[0]!, 0, 100)).toEqual(replayHistory(linearHistory(9, names[0]), 0, 100)); // evicted: replayed again
    expect(pages.stats().updatesApplied).toBe(40);

    const tiny = createHistoryPages({ store, maxCacheBytes: 1 });
    expect(await tiny.page(names[2]!, 3, 2)).toEqual(replayHistory(linearHistory(9, names[2]), 3, 2));
    expect(tiny.stats()).toMatchObject({ documents: 0, estimatedBytes: 0 });
  });

  it('drops a replay that failed part-way and starts afresh on the next request', async () => {
    const updates = linearHistory(20);
    const { store, pages } = setup(updates, { readBatch: 5 });
    const history = store.history.bind(store);
    let failNext = false;
    store.history = async (name, fromSeq, limit) => {
      if (failNext && (fromSeq ?? 1) > 1) throw new Error('disk read failed (simulated)');
      return history(name, fromSeq, limit);
    };
    failNext = true;
    await expect(pages.page(DOC, 0, 100)).rejects.toThrow('disk read failed');
    failNext = false;
    expect(await pages.page(DOC, 0, 100)).toEqual(replayHistory(updates, 0, 100));
  });
});

describe('stage moves made offline by two people (#9 §6)', () => {
  it('credits each move to its author, from the stage that author saw, whichever reached the server first', async () => {
    for (const order of ['竣工 first', '投产 first'] as const) {
      const origin = new Y.Doc();
      const updates: Uint8Array[] = [];
      origin.on('update', (u: Uint8Array) => updates.push(u));
      initProject(origin, { id: 'p1', name: '城南污水处理厂' }, { memberId: 'm-li', at: HISTORY_T0 }, { locale: 'zh-CN', defaultMilestones: false });
      moveStage(origin, 'started', '2026-11-20', { memberId: 'm-li', at: HISTORY_T0 + 1 });
      const zhang = new Y.Doc();
      const wang = new Y.Doc();
      Y.applyUpdate(zhang, Y.encodeStateAsUpdate(origin));
      Y.applyUpdate(wang, Y.encodeStateAsUpdate(origin));
      const offline: Record<string, Uint8Array> = {};
      zhang.on('update', (u: Uint8Array) => (offline['m-zhang'] = u));
      wang.on('update', (u: Uint8Array) => (offline['m-wang'] = u));
      moveStage(zhang, 'completed', '2026-12-04', { memberId: 'm-zhang', at: HISTORY_T0 + 2 });
      moveStage(wang, 'operating', '2026-12-05', { memberId: 'm-wang', at: HISTORY_T0 + 3 });
      const arrivals = order === '竣工 first' ? ['m-zhang', 'm-wang'] : ['m-wang', 'm-zhang'];
      const stored: StoredUpdate[] = [
        ...updates.map((update, i) => ({ docName: DOC, seq: i + 1, update, author: 'm-li', at: HISTORY_T0 + i, hash: String(i + 1) })),
        ...arrivals.map((author, i) => ({
          docName: DOC,
          seq: updates.length + i + 1,
          update: offline[author] as Uint8Array,
          author,
          at: HISTORY_T0 + 60_000 * (i + 1),
          hash: `x${i}`,
        })),
      ];
      const { pages } = setup(stored);
      const page = await pages.page(DOC, updates.length, 10);
      const stageOf = (author: string) => page?.entries.find((e) => e.author === author)?.changes.find((c) => c.field === 'stage');
      expect(stageOf('m-zhang'), order).toEqual({ record: { kind: 'project', id: 'p1' }, field: 'stage', from: 'started', to: 'completed' });
      expect(stageOf('m-wang'), order).toEqual({ record: { kind: 'project', id: 'p1' }, field: 'stage', from: 'started', to: 'operating' });
      // neither entry drops the other's date
      const datesAfter = page?.entries.at(-1)?.changes.find((c) => c.field === 'stageDates')?.to;
      expect(datesAfter, order).toEqual({ started: '2026-11-20', completed: '2026-12-04', operating: '2026-12-05' });
    }
  });
});
