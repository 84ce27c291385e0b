/**
 * The rules every ActivityIndex backend keeps (memory, SQLite, PostgreSQL). A backend's test file calls
 * describeActivityIndexContract with a factory; nothing here depends on one backend's internals.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { compareNewestFirst, type ActivityEntry, type ActivityFilter, type ActivityIndex } from '../../../server/activity/activity-index';
import type { HistoryRecordKind } from '../../../server/rest/history-replay';

export interface IndexUnderTest {
  index: ActivityIndex;
  /** A new index over the same data; the test closes `index` first. */
  reopen: () => Promise<ActivityIndex>;
  cleanup: () => Promise<void>;
}

const T0 = Date.UTC(2026, 0, 5, 1, 0); // 2026-01-05 09:00 in Asia/Shanghai
const KINDS: HistoryRecordKind[] = ['project', 'milestone', 'problem', 'report'];
const MEMBERS = ['m-li', 'm-wang', 'm-zhao', 'm-sun'];
const UNITS: Record<string, string | null> = { 'm-li': 'u-dev', 'm-wang': 'u-dev', 'm-zhao': 'u-fin', 'm-sun': null };

/** Seeded, so a failure names its seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

/** `count` entries over `projects` projects of ws1 (and a few of ws2), with ties in time on purpose. */
export function randomEntries(seed: number, count: number, projects = 6): ActivityEntry[] {
  const next = rng(seed);
  const seqs = new Map<string, number>();
  const out: ActivityEntry[] = [];
  for (let i = 0; i < count; i++) {
    const workspaceId = next() < 0.9 ? 'ws1' : 'ws2';
    const projectId = `p${Math.floor(next() * projects)}`;
    const key = `${workspaceId}/${projectId}`;
    const seq = (seqs.get(key) ?? 0) + 1;
    seqs.set(key, seq);
    const memberId = MEMBERS[Math.floor(next() * MEMBERS.length)] ?? 'm-li';
    const kind = KINDS[Math.floor(next() * KINDS.length)] ?? 'project';
    // minutes apart, and one in five at the same minute as the one before (ties order by project, then seq)
    const at = next() < 0.2 && out.length > 0 ? (out.at(-1)?.at ?? T0) : T0 + i * 60_000 + Math.floor(next() * 30) * 60_000;
    out.push({
      workspaceId,
      projectId,
      seq,
      at,
      memberId,
      unitId: UNITS[memberId] ?? null,
      kind,
      action: `${kind}.edit`,
      changes: [{ record: { kind, id: kind === 'report' ? '2026-01' : `r${i}`, title: `第${i}项` }, field: 'notes', from: null, to: `备注 ${i}` }],
    });
  }
  return out;
}

export const docOf = (e: Pick<ActivityEntry, 'workspaceId' | 'projectId'>): string => `ws/${e.workspaceId}/project/${e.projectId}`;

/** Stores entries document by document, as the indexer does. */
export async function recordAll(index: ActivityIndex, entries: readonly ActivityEntry[]): Promise<void> {
  const byDoc = new Map<string, ActivityEntry[]>();
  for (const e of entries) byDoc.set(docOf(e), [...(byDoc.get(docOf(e)) ?? []), e]);
  for (const [doc, list] of byDoc) await index.record(doc, list, Math.max(...list.map((e) => e.seq)));
}

/** What a filter should select, newest first: computed here from the entries, not asked of any backend. */
function expected(entries: readonly ActivityEntry[], workspaceId: string, filter: ActivityFilter): ActivityEntry[] {
  return entries
    .filter(
      (e) =>
        e.workspaceId === workspaceId &&
        (filter.memberId === undefined || e.memberId === filter.memberId) &&
        (filter.unitId === undefined || e.unitId === filter.unitId) &&
        (filter.projectId === undefined || e.projectId === filter.projectId) &&
        (filter.kind === undefined || e.kind === filter.kind) &&
        (filter.from === undefined || e.at >= filter.from) &&
        (filter.to === undefined || e.at < filter.to),
    )
    .sort(compareNewestFirst);
}

/** Every page of a query, following the cursors. */
async function allPages(
  index: ActivityIndex,
  workspaceId: string,
  filter: ActivityFilter,
  limit: number,
): Promise<{ entries: ActivityEntry[]; pages: number }> {
  const entries: ActivityEntry[] = [];
  let cursor = null;
  let pages = 0;
  for (;;) {
    const page = await index.query({ workspaceId, filter, cursor, limit });
    pages += 1;
    expect(page.entries.length).toBeLessThanOrEqual(limit);
    entries.push(...page.entries);
    if (page.next === null) return { entries, pages };
    expect(page.entries.length).toBe(limit);
    cursor = page.next;
    if (pages > 10_000) throw new Error('paging does not end');
  }
}

export function describeActivityIndexContract(name: string, open: () => Promise<IndexUnderTest>): void {
  describe(`ActivityIndex contract: ${name}`, () => {
    let current: IndexUnderTest | null = null;
    async function fresh(): Promise<IndexUnderTest> {
      current = await open();
      return current;
    }
    afterEach(async () => {
      await current?.cleanup();
      current = null;
    });

    it('pages through everything newest first, each entry once, ties in time ordered by project then seq', async () => {
      const seed = 11;
      const { index } = await fresh();
      const entries = randomEntries(seed, 180);
      await recordAll(index, entries);
      const { entries: got } = await allPages(index, 'ws1', {}, 7);
      expect(got, `seed ${seed}`).toEqual(expected(entries, 'ws1', {}));
      expect((await allPages(index, 'ws2', {}, 50)).entries, `seed ${seed}`).toEqual(expected(entries, 'ws2', {}));
      expect((await index.query({ workspaceId: 'nobody', filter: {}, cursor: null, limit: 5 })).entries).toEqual([]);
    });

    it('filters by member, unit, project, kind and time range, alone and together', async () => {
      const seed = 12;
      const { index } = await fresh();
      const entries = randomEntries(seed, 240);
      await recordAll(index, entries);
      const mid = entries[120]?.at ?? T0;
      const filters: ActivityFilter[] = [
        { memberId: 'm-zhao' },
        { unitId: 'u-dev' },
        { projectId: 'p3' },
        { kind: 'report' },
        { from: mid },
        { to: mid },
        { from: mid - 3 * 3_600_000, to: mid + 3 * 3_600_000 },
        { memberId: 'm-li', kind: 'problem' },
        { unitId: 'u-fin', projectId: 'p1', from: T0 },
        { memberId: 'm-sun', unitId: 'u-dev' },
      ];
      for (const filter of filters) {
        const want = expected(entries, 'ws1', filter);
        const { entries: got } = await allPages(index, 'ws1', filter, 9);
        expect(got, `seed ${seed}, filter ${JSON.stringify(filter)}`).toEqual(want);
      }
      // the filters select something, or the test proves little
      expect(expected(entries, 'ws1', { memberId: 'm-li', kind: 'problem' }).length).toBeGreaterThan(0);
      expect(expected(entries, 'ws1', { memberId: 'm-sun', unitId: 'u-dev' })).toEqual([]);
    });

    it('keeps an entry recorded twice once, and its mark only moves forward', async () => {
      const { index } = await fresh();
      const entries = randomEntries(13, 40, 1).filter((e) => e.workspaceId === 'ws1');
      const doc = docOf(entries[0] ?? { workspaceId: 'ws1', projectId: 'p0' });
      expect(await index.indexedSeq(doc)).toBe(0);
      await index.record(doc, entries.slice(0, 20), 20);
      // the same entries again (another instance, or a restart before the mark was read), and a changed copy of one
      const changed = entries.slice(0, 25).map((e, i) => (i === 3 ? { ...e, memberId: 'm-changed' } : e));
      await index.record(doc, changed, 25);
      await index.record(doc, [], 10);
      expect(await index.indexedSeq(doc)).toBe(25);
      const { entries: got } = await allPages(index, 'ws1', {}, 100);
      expect(got).toEqual(expected(entries.slice(0, 25), 'ws1', {}));
    });

    it('keeps entries and marks across a reopen', async () => {
      const under = await fresh();
      const entries = randomEntries(14, 60);
      await recordAll(under.index, entries);
      await under.index.close();
      const reopened = await under.reopen();
      expect(await reopened.indexedSeq(docOf(entries[0] ?? { workspaceId: 'ws1', projectId: 'p0' }))).toBeGreaterThan(0);
      expect((await allPages(reopened, 'ws1', {}, 25)).entries).toEqual(expected(entries, 'ws1', {}));
      await reopened.close();
    });

    it('returns the stored changes as they were recorded (titles, values, nulls)', async () => {
      const { index } = await fresh();
      const entry: ActivityEntry = {
        workspaceId: 'ws1',
        projectId: 'p9',
        seq: 1,
        at: T0,
        memberId: 'm-li',
        unitId: null,
        kind: 'report',
        action: 'report.file',
        changes: [
          { record: { kind: 'report', id: '2026-01' }, field: 'completedWan', from: null, to: 395.4 },
          {
            record: { kind: 'project', id: 'p9' },
            field: 'stageDates',
            from: { planning: '2026-01-01' },
            to: { planning: '2026-01-01', started: '2026-01-05' },
          },
          { record: { kind: 'milestone', id: 'm1', title: '开工「一期」' }, field: 'done', from: null, to: { by: 'm-li', at: T0 } },
        ],
      };
      await index.record(docOf(entry), [entry], 1);
      const page = await index.query({ workspaceId: 'ws1', filter: { kind: 'report' }, cursor: null, limit: 10 });
      expect(page).toEqual({ entries: [entry], next: null });
    });
  });
}
