import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMember, addUnit, registerProject } from '../../../shared/model/workspace-write';
import type { Role } from '../../../shared/schema/member';
import type { ActivityIndex } from '../../../server/activity/activity-index';
import { createActivityIndexer } from '../../../server/activity/activity-indexer';
import { createMemoryActivityIndex } from '../../../server/activity/memory-activity-index';
import type { TokenService } from '../../../server/auth/tokens';
import { createMetrics } from '../../../server/metrics';
import { appRoutes, type AppRoutesOptions } from '../../../server/rest/app-routes';
import { CountingStore } from './counting-store';
import { HISTORY_T0, randomProjectHistory } from './project-history';
import { closeServed, serveHttp } from './serve-http';

const WS = 'ws1';
afterEach(closeServed);

const PEOPLE: Array<{ id: string; name: string; role: Role; unitId: string; inspector?: boolean }> = [
  { id: 'm-admin', name: '项目办王主任', role: 'admin', unitId: 'u-office' },
  { id: 'm-lead', name: '陈市长', role: 'leader', unitId: 'u-office' },
  { id: 'm-insp', name: '督查刘科长', role: 'member', unitId: 'u-office', inspector: true },
  { id: 'm-li', name: '李明', role: 'member', unitId: 'u-dev' },
  { id: 'm-wang', name: '王芳', role: 'member', unitId: 'u-fin' },
  { id: 'm-zhao', name: '赵强', role: 'member', unitId: 'u-dev' },
  { id: 'm-obs', name: '观察员', role: 'observer', unitId: 'u-office' },
];
const PROJECTS: Record<string, string> = { p1: '城东污水处理厂二期', p2: '智能装备产业园', p3: '高铁新城安置房' };

function workspaceDoc(): Y.Doc {
  const doc = new Y.Doc();
  const by = { memberId: 'm-admin', at: HISTORY_T0 };
  addUnit(doc, { id: 'u-office', name: '市项目办', kind: 'department' }, by);
  addUnit(doc, { id: 'u-dev', name: '市发改委', kind: 'department' }, by);
  addUnit(doc, { id: 'u-fin', name: '市财政局', kind: 'department' }, by);
  for (const p of PEOPLE)
    addMember(doc, { id: p.id, name: p.name, rank: 'section', role: p.role, unitId: p.unitId, ...(p.inspector ? { inspector: true } : {}) }, by);
  for (const [id, name] of Object.entries(PROJECTS)) registerProject(doc, { id, name, ownerId: 'm-li' }, by);
  return doc;
}

/** Tokens are "token:<memberId>" with the member's role. */
const tokens: TokenService = {
  async issue() {
    return null;
  },
  async verify(token) {
    const memberId = token?.startsWith('token:') ? token.slice('token:'.length) : null;
    const person = PEOPLE.find((p) => p.id === memberId);
    if (!person) return { ok: false, failure: 'malformed' };
    return { ok: true, principal: { workspaceId: WS, memberId: person.id, role: person.role, tokenId: token ?? '' }, expiresAt: HISTORY_T0 + 86_400_000 };
  },
};

/** Three projects' seeded histories, indexed once for the whole file. */
const store = new CountingStore();
const index: ActivityIndex = createMemoryActivityIndex();
const doc = workspaceDoc();
beforeAll(async () => {
  for (const [i, pid] of Object.keys(PROJECTS).entries()) store.seed(`ws/${WS}/project/${pid}`, randomProjectHistory(31 + i, 40, `ws/${WS}/project/${pid}`));
  const unitOf = new Map(PEOPLE.map((p) => [p.id, p.unitId]));
  const indexer = createActivityIndexer({ store, index, unitsOf: async () => unitOf, logger: { warn: () => {}, error: () => {} } as never });
  await indexer.catchUp();
  await indexer.idle();
  await indexer.close();
});

async function serve(extra: Partial<AppRoutesOptions> = {}): Promise<string> {
  return serveHttp(
    appRoutes({
      tokens,
      documents: { getDocument: async () => ({ doc, release: () => undefined }) as never },
      store,
      metrics: createMetrics(),
      stats: () => ({ documentsLoaded: 0, connections: 0 }) as never,
      lookupMember: async () => ({ role: 'member', archived: false }),
      startedAt: HISTORY_T0,
      now: () => HISTORY_T0,
      activity: { index },
      ...extra,
    }),
  );
}

interface Entry {
  projectId: string;
  projectName: string | null;
  seq: number;
  at: number;
  author: string;
  authorName: string;
  unitId: string | null;
  unitName: string | null;
  kind: string;
  action: string;
  summary: string;
}
interface Page {
  entries: Entry[];
  nextCursor: string | null;
  error?: { code: string; message: string; param?: string };
}

async function activity(base: string, member: string, query = '', language = 'zh-CN'): Promise<{ status: number; body: Page }> {
  const res = await fetch(`${base}/api/workspaces/${WS}/activity${query}`, {
    headers: { authorization: `Bearer token:${member}`, 'accept-language': language },
  });
  return { status: res.status, body: (await res.json()) as Page };
}

/** Every page, following nextCursor. */
async function allPages(base: string, member: string, query: string): Promise<Entry[]> {
  const out: Entry[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 500; i++) {
    const sep = query === '' ? '?' : '&';
    const page: { status: number; body: Page } = await activity(base, member, `${query}${cursor ? `${sep}cursor=${cursor}` : ''}`);
    expect(page.status).toBe(200);
    out.push(...page.body.entries);
    if (page.body.nextCursor === null) return out;
    cursor = page.body.nextCursor;
    query = query === '' ? '?limit=17' : query;
  }
  throw new Error('paging does not end');
}

const newestFirst = (a: Entry, b: Entry) => b.at - a.at || (a.projectId < b.projectId ? 1 : a.projectId > b.projectId ? -1 : 0) || b.seq - a.seq;

describe('GET /api/workspaces/:id/activity: who may read it', () => {
  it('answers the 项目办, a leader and a 督查; refuses a cadre and an observer with 403', async () => {
    const base = await serve();
    for (const member of ['m-admin', 'm-lead', 'm-insp']) expect((await activity(base, member)).status, member).toBe(200);
    for (const member of ['m-li', 'm-obs']) {
      expect(await activity(base, member), member).toEqual({
        status: 403,
        body: { error: { code: 'forbidden', message: '只有项目办、领导和督查可以查看全部动态' } },
      });
    }
  });

  it('has no activity route where no index is configured', async () => {
    const base = await serve({ activity: undefined });
    expect((await activity(base, 'm-admin')).status).toBe(404);
  });
});

describe('GET /api/workspaces/:id/activity: pages and filters', () => {
  it('pages newest first through every entry of every project, once each, in plain words with names', async () => {
    const base = await serve();
    const all = await allPages(base, 'm-admin', '?limit=17');
    expect(all.length).toBeGreaterThan(60);
    expect(new Set(all.map((e) => `${e.projectId}/${e.seq}`)).size).toBe(all.length);
    expect([...all].sort(newestFirst)).toEqual(all);
    const names = new Map(PEOPLE.map((p) => [p.id, p.name]));
    for (const e of all) {
      expect(e.projectName).toBe(PROJECTS[e.projectId]);
      expect(e.authorName).toBe(names.get(e.author));
      expect(e.summary.startsWith(`${e.authorName} `), e.summary).toBe(true);
      expect(e.summary).not.toMatch(/m-(li|wang|zhao)|[a-z]+[A-Z][a-zA-Z]*/);
    }
    expect(all.find((e) => e.author === 'm-li')?.unitName).toBe('市发改委');
  });

  it('filters by member, unit, project, kind and dates (Asia/Shanghai days, both included)', async () => {
    const base = await serve();
    const all = await allPages(base, 'm-admin', '?limit=200');
    const day = new Date(HISTORY_T0 + 8 * 3_600_000).toISOString().slice(0, 10);
    const cases: Array<[string, (e: Entry) => boolean]> = [
      ['?member=m-wang', (e) => e.author === 'm-wang'],
      ['?unit=u-dev', (e) => e.unitId === 'u-dev'],
      ['?project=p2', (e) => e.projectId === 'p2'],
      ['?kind=report', (e) => e.kind === 'report'],
      ['?kind=problem&member=m-li', (e) => e.kind === 'problem' && e.author === 'm-li'],
      [`?from=${day}&to=${day}`, (e) => new Date(e.at + 8 * 3_600_000).toISOString().slice(0, 10) === day],
      ['?from=2030-01-01', () => false],
    ];
    for (const [query, keep] of cases) {
      const want = all.filter(keep);
      expect(await allPages(base, 'm-insp', `${query}&limit=7`), query).toEqual(want);
    }
    expect(all.filter((e) => e.kind === 'report').length).toBeGreaterThan(0);
    expect(all.filter((e) => e.unitId === 'u-dev').length).toBeLessThan(all.length);
  });

  it('refuses a bad parameter with 400 naming it, in the caller’s language', async () => {
    const base = await serve();
    const bad: Array<[string, string]> = [
      ['?kind=everything', 'kind'],
      ['?from=2026-02-30', 'from'],
      ['?to=yesterday', 'to'],
      ['?from=2026-03-05&to=2026-03-01', 'from'],
      ['?limit=0', 'limit'],
      ['?limit=201', 'limit'],
      ['?member=../etc', 'member'],
      ['?cursor=not-a-cursor', 'cursor'],
      [`?cursor=${Buffer.from('[1,"p1",0]').toString('base64url')}`, 'cursor'],
    ];
    for (const [query, param] of bad) {
      const answer = await activity(base, 'm-admin', query);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error, query).toMatchObject({ code: 'bad_query', param });
      expect(answer.body.error?.message, query).toContain(`查询参数 ${param} 无效`);
    }
    const english = await activity(base, 'm-admin', '?kind=x', 'en');
    expect(english.body.error?.message).toBe('Invalid query parameter kind: one of project, milestone, problem or report');
  });

  it('limits a caller like the history route (429 with Retry-After), and no one else', async () => {
    const base = await serve({ activity: { index, callerLimits: { inFlight: 2, perMinute: 6, burst: 2 } } });
    expect((await activity(base, 'm-lead')).status).toBe(200);
    expect((await activity(base, 'm-lead')).status).toBe(200);
    const refused = await activity(base, 'm-lead');
    expect(refused.status).toBe(429);
    expect((await activity(base, 'm-admin')).status).toBe(200);
  });
});
