import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityEntry, ActivityIndex } from '../../../server/activity/activity-index';
import { createActivityIndexer, type ActivityIndexerOptions } from '../../../server/activity/activity-indexer';
import { openSqliteActivityIndex } from '../../../server/activity/sqlite-activity-index';
import { createHistoryPages } from '../../../server/rest/history-pages';
import type { StoredUpdate } from '../../../server/storage/document-store';
import { CountingStore } from '../rest/counting-store';
import { randomProjectHistory } from '../rest/project-history';
import { makeTempDir } from '../storage/temp-dir';

const UNITS = new Map<string, string | null>([
  ['m-li', 'u-dev'],
  ['m-wang', 'u-fin'],
  ['m-zhao', null],
]);
const DOCS = ['ws/ws1/project/p1', 'ws/ws1/project/p2', 'ws/ws1/project/p3'];
const SEEDS = [21, 22, 23];

function histories(edits = 50): Map<string, StoredUpdate[]> {
  return new Map(DOCS.map((doc, i) => [doc, randomProjectHistory(SEEDS[i] ?? i, edits, doc)]));
}

function logger() {
  const warnings: Array<{ fields: unknown; message: string }> = [];
  const errors: Array<{ fields: unknown; message: string }> = [];
  return {
    warnings,
    errors,
    warn: (fields: unknown, message: string) => warnings.push({ fields, message }),
    error: (fields: unknown, message: string) => errors.push({ fields, message }),
  } as unknown as ActivityIndexerOptions['logger'] & { warnings: typeof warnings; errors: typeof errors };
}

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

function sqliteFile(): string {
  const dir = makeTempDir('indexer');
  cleanups.push(() => dir.remove());
  return join(dir.dir, 'guatu.sqlite');
}

function openIndex(path: string): ActivityIndex {
  const index = openSqliteActivityIndex(path);
  cleanups.push(() => index.close());
  return index;
}

function indexer(store: CountingStore, index: ActivityIndex, extra: Partial<ActivityIndexerOptions> = {}) {
  const made = createActivityIndexer({ store, index, logger: logger(), unitsOf: async () => UNITS, readBatch: 16, ...extra });
  cleanups.push(() => made.close());
  return made;
}

async function everything(index: ActivityIndex, workspaceId = 'ws1'): Promise<ActivityEntry[]> {
  const out: ActivityEntry[] = [];
  let cursor = null;
  for (;;) {
    const page = await index.query({ workspaceId, filter: {}, cursor, limit: 50 });
    out.push(...page.entries);
    if (!page.next) return out;
    cursor = page.next;
  }
}

/** What GET …/projects/:pid/history gives for a document, as (seq, author, at, changes). */
async function routeHistory(store: CountingStore, doc: string) {
  const page = await createHistoryPages({ store }).page(doc, 0, 10_000);
  return (page?.entries ?? []).map((e) => ({ seq: e.seq, author: e.author, at: e.at, changes: e.changes }));
}

describe('the activity indexer', () => {
  it('stores one entry per user action, equal to what the per-project history route gives, with author, unit and kind', async () => {
    const store = new CountingStore();
    for (const [doc, updates] of histories()) store.seed(doc, updates);
    const index = openIndex(sqliteFile());
    const activity = indexer(store, index);
    await activity.catchUp();
    await activity.idle();
    const all = await everything(index);
    for (const doc of DOCS) {
      const projectId = doc.split('/').at(-1) ?? '';
      const own = all.filter((e) => e.projectId === projectId).sort((a, b) => a.seq - b.seq);
      expect(
        own.map((e) => ({ seq: e.seq, author: e.memberId, at: e.at, changes: e.changes })),
        doc,
      ).toEqual(await routeHistory(store, doc));
      expect(own.length, doc).toBeGreaterThan(20);
    }
    for (const e of all) expect(e.unitId).toBe(UNITS.get(e.memberId) ?? null);
    // 月报 filings are kind report; the registration is the project's
    expect(all.filter((e) => e.action === 'report.file').every((e) => e.kind === 'report')).toBe(true);
    expect(all.filter((e) => e.seq === 1).map((e) => e.action)).toEqual(['project.create', 'project.create', 'project.create']);
    expect(new Set(all.map((e) => e.kind))).toEqual(new Set(['project', 'milestone', 'problem', 'report']));
  });

  it('catches up after a restart from where it stopped, storing only what came since, and indexes each commit it is told of', async () => {
    const full = histories(60);
    const store = new CountingStore();
    for (const [doc, updates] of full) store.seed(doc, updates.slice(0, 25));
    const path = sqliteFile();
    const first = openSqliteActivityIndex(path);
    const before = indexer(store, first);
    await before.catchUp();
    await before.idle();
    const early = await everything(first);
    await before.close();
    await first.close();

    // updates stored while the server was down
    for (const [doc, updates] of full) store.seed(doc, updates.slice(0, 50));
    const reopened = openIndex(path);
    const after = indexer(store, reopened);
    await after.catchUp();
    await after.idle();
    const caught = await everything(reopened);
    expect(caught.slice(caught.length - early.length)).toEqual(early);
    expect(after.stats().entriesStored).toBe(caught.length - early.length);

    // then commits as they happen: notify names the document
    for (const [doc, updates] of full) store.seed(doc, updates);
    for (const doc of DOCS) after.notify(doc);
    await after.idle();
    const all = await everything(reopened);
    for (const doc of DOCS) {
      const projectId = doc.split('/').at(-1) ?? '';
      const own = all.filter((e) => e.projectId === projectId).sort((a, b) => a.seq - b.seq);
      expect(
        own.map((e) => ({ seq: e.seq, author: e.memberId, at: e.at, changes: e.changes })),
        doc,
      ).toEqual(await routeHistory(store, doc));
    }
  });

  it('is idempotent: indexing again, or after the marks were lost, stores nothing twice', async () => {
    const store = new CountingStore();
    for (const [doc, updates] of histories(30)) store.seed(doc, updates);
    const path = sqliteFile();
    const index = openIndex(path);
    const activity = indexer(store, index);
    await activity.catchUp();
    await activity.idle();
    const once = await everything(index);
    await activity.catchUp();
    for (const doc of DOCS) activity.notify(doc);
    await activity.idle();
    expect(await everything(index)).toEqual(once);
    // the marks lost (a crash between the entries and the mark cannot happen in one transaction, but a hand-edited file can)
    const raw = (await import('better-sqlite3')).default;
    const db = new raw(path);
    db.exec('DELETE FROM activity_marks');
    db.close();
    const again = indexer(store, index);
    await again.catchUp();
    await again.idle();
    expect(await everything(index)).toEqual(once);
  });

  it('skips a document whose history cannot be replayed, with a log line, and indexes the others', async () => {
    const store = new CountingStore();
    for (const [doc, updates] of histories(20)) store.seed(doc, updates);
    const broken = 'ws/ws1/project/pbad';
    const good = randomProjectHistory(24, 5, broken);
    store.seed(broken, [...good, { ...good[0], seq: good.length + 1, update: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x01]) } as StoredUpdate]);
    const index = openIndex(sqliteFile());
    const log = logger();
    const activity = indexer(store, index, { logger: log });
    await activity.catchUp();
    await activity.idle();
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]?.fields).toMatchObject({ doc: broken });
    expect(activity.stats().skipped).toBe(1);
    const all = await everything(index);
    expect(new Set(all.map((e) => e.projectId))).toEqual(new Set(['p1', 'p2', 'p3']));
    // told of it again, it does not try again (until the next start)
    activity.notify(broken);
    await activity.idle();
    expect(log.warnings).toHaveLength(1);
  });

  it('lets the event loop run while it replays, and keeps a bounded number of replays', async () => {
    const store = new CountingStore();
    const all = histories(40);
    const [firstDoc = ''] = DOCS;
    const firstLog = all.get(firstDoc) ?? [];
    for (const [doc, updates] of all) store.seed(doc, doc === firstDoc ? updates.slice(0, -5) : updates);
    const index = openIndex(sqliteFile());
    let turns = 0;
    const activity = indexer(store, index, {
      yieldEvery: 8,
      maxReplays: 1,
      yieldToLoop: () => {
        turns += 1;
        return new Promise((resolve) => setImmediate(resolve));
      },
    });
    await activity.catchUp();
    await activity.idle();
    const applied = activity.stats().updatesApplied;
    expect(turns).toBeGreaterThanOrEqual(Math.floor(applied / 8));
    // with one replay kept, a change to an evicted document replays it from its start, and stores only the new entries
    const stored = activity.stats().entriesStored;
    store.seed(firstDoc, firstLog);
    activity.notify(firstDoc);
    await activity.idle();
    expect(activity.stats().updatesApplied - applied).toBe(firstLog.length);
    expect(activity.stats().entriesStored - stored).toBeLessThanOrEqual(5);
    expect((await everything(index)).length).toBe(activity.stats().entriesStored);
  });

  it('indexes a document just committed before the rest of a start’s backlog', async () => {
    const store = new CountingStore();
    for (const [doc, updates] of histories(10)) store.seed(doc, updates);
    const fresh = 'ws/ws1/project/pnew';
    store.seed(fresh, randomProjectHistory(25, 10, fresh));
    const inner = openIndex(sqliteFile());
    const order: string[] = [];
    const index: ActivityIndex = {
      ...inner,
      record: (doc, entries, upto) => {
        order.push(doc);
        return inner.record(doc, entries, upto);
      },
    };
    // the backlog lists the stored documents (pnew among them, last); then pnew is committed again
    const listed = [...DOCS, fresh];
    const listing = { ...store, listDocuments: async () => listed, history: store.history.bind(store) };
    const ordered = createActivityIndexer({ store: listing, index, logger: logger(), unitsOf: async () => UNITS });
    cleanups.push(() => ordered.close());
    await ordered.catchUp();
    ordered.notify(fresh);
    await ordered.idle();
    expect(order).toEqual([DOCS[0], fresh, DOCS[1], DOCS[2]]);
  });
});
