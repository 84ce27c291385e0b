import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addMember, registerProject } from '../../../shared/model/workspace-write';
import type { TokenService } from '../../../server/auth/tokens';
import { createMetrics } from '../../../server/metrics';
import { appRoutes, type AppRoutesOptions } from '../../../server/rest/app-routes';
import { createHistoryPages, type HistoryPages } from '../../../server/rest/history-pages';
import { CountingStore, gate } from './counting-store';
import { replayHistory } from './old-replay';
import { HISTORY_T0, randomProjectHistory } from './project-history';
import { closeServed, serveHttp } from './serve-http';

const WS = 'ws1';
const DOC = `ws/${WS}/project/p1`;
afterEach(closeServed);

/** Tokens are "token:<memberId>": every member of ws1 is an observer (the wall display's role). */
const tokens: TokenService = {
  async issue() {
    return null;
  },
  async verify(token) {
    const memberId = token?.startsWith('token:') ? token.slice('token:'.length) : null;
    if (!memberId) return { ok: false, failure: 'malformed' };
    return { ok: true, principal: { workspaceId: WS, memberId, role: 'observer', tokenId: token ?? '' }, expiresAt: HISTORY_T0 + 86_400_000 };
  },
};

/** The real page cache over `store`, counting the requests that reached it. */
function countedPages(store: CountingStore): HistoryPages & { entered: number } {
  const pages = createHistoryPages({ store });
  const counted = {
    entered: 0,
    page: (name: string, after: number, limit: number) => {
      counted.entered += 1;
      return pages.page(name, after, limit);
    },
    stats: () => pages.stats(),
  };
  return counted;
}

const MEMBER_NAMES: Record<string, string> = { 'm-li': '李明', 'm-wang': '王芳', 'm-zhao': '赵强' };

/** p1 is registered (owned by 李明); p2 is not (a project created offline that the server has not registered yet). */
function workspaceDoc(): Y.Doc {
  const doc = new Y.Doc();
  for (const [id, name] of Object.entries(MEMBER_NAMES)) addMember(doc, { id, name, rank: 'staff', role: 'member' }, { memberId: 'server', at: HISTORY_T0 });
  addMember(doc, { id: 'm-obs', name: '督查室', rank: 'staff', role: 'observer' }, { memberId: 'server', at: HISTORY_T0 });
  registerProject(doc, { id: 'p1', name: '城东污水处理厂二期', ownerId: 'm-li' }, { memberId: 'server', at: HISTORY_T0 });
  return doc;
}

/** A page as the whole-log replay gives it: without the plain-words summary the route adds. */
function plain(body: unknown): unknown {
  const page = body as { entries?: Array<{ summary?: string }> };
  if (!Array.isArray(page.entries)) return body;
  return { ...page, entries: page.entries.map(({ summary: _summary, ...entry }) => entry) };
}

/** The app routes on a real socket, over an in-memory store holding a seeded project history. */
async function serve(store: CountingStore, extra: Partial<AppRoutesOptions> = {}): Promise<string> {
  const now = HISTORY_T0;
  return serveHttp(
    appRoutes({
      tokens,
      // the workspace document names the members the history mentions
      documents: { getDocument: async () => ({ doc: workspaceDoc(), release: () => undefined }) as never },
      store,
      metrics: createMetrics(),
      stats: () => ({ documentsLoaded: 0, connections: 0 }) as never,
      lookupMember: async () => ({ role: 'observer', archived: false }),
      startedAt: now,
      now: () => now,
      ...extra,
    }),
  );
}

async function history(base: string, member: string, query = '', headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/workspaces/${WS}/projects/p1/history${query}`, { headers: { authorization: `Bearer token:${member}`, ...headers } });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: plain(await res.json()) };
}

describe('GET /api/workspaces/:id/projects/:pid/history in plain words (#13)', () => {
  for (const [language, locale] of [
    ['zh-CN', 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
  ] as const) {
    it(`gives each entry a one-sentence summary in the caller's language (${locale}) naming people, never their ids`, async () => {
      const updates = randomProjectHistory(7, 60);
      const store = new CountingStore();
      store.seed(DOC, updates);
      const base = await serve(store);
      const res = await fetch(`${base}/api/workspaces/${WS}/projects/p1/history?limit=200`, {
        headers: { authorization: 'Bearer token:m-li', 'accept-language': language },
      });
      const body = (await res.json()) as { entries: Array<{ author: string; summary: string }> };
      expect(body.entries.length).toBeGreaterThan(10);
      for (const entry of body.entries) {
        expect(entry.summary.startsWith(`${MEMBER_NAMES[entry.author]} `), entry.summary).toBe(true);
        expect(entry.summary).not.toMatch(/m-(li|wang|zhao)|\bp1\b|[a-z]+[A-Z][a-zA-Z]*/);
        if (locale === 'zh-CN') expect(entry.summary).not.toMatch(/[A-Za-z]{2,}/);
      }
      const filings = body.entries.filter((entry) => /报送|filed the/.test(entry.summary));
      expect(filings.length).toBeGreaterThan(0);
      for (const filing of filings)
        expect(filing.summary).toMatch(locale === 'zh-CN' ? /月报：本月 [\d.]+ 万元，累计 [\d.]+ 万元/ : /monthly report: CNY [\d.,]+( million)? this month/);
    });
  }
});

describe('GET /api/workspaces/:id/projects/:pid/history: who may read it (shared/rights)', () => {
  async function historyOf(base: string, member: string, pid: string) {
    const res = await fetch(`${base}/api/workspaces/${WS}/projects/${pid}/history`, { headers: { authorization: `Bearer token:${member}` } });
    return { status: res.status, body: (await res.json()) as { entries?: unknown[]; error?: { code: string; message: string } } };
  }

  it('gives a registered project to every current member, assigned or not, and the wall display', async () => {
    const store = new CountingStore();
    store.seed(DOC, randomProjectHistory(9, 20));
    const base = await serve(store);
    for (const member of ['m-li', 'm-wang', 'm-obs', 'wall']) {
      const answer = await historyOf(base, member, 'p1');
      expect(answer.status, member).toBe(200);
      expect(answer.body.entries?.length, member).toBeGreaterThan(0);
    }
  });

  it('refuses an observer the history of a project not registered yet, as the socket refuses its document', async () => {
    const store = new CountingStore();
    store.seed(`ws/${WS}/project/p2`, randomProjectHistory(10, 20));
    const base = await serve(store);
    const refused = await historyOf(base, 'm-obs', 'p2');
    expect(refused).toEqual({ status: 403, body: { error: { code: 'forbidden', message: '无权查看该项目的历史' } } });
    expect((await historyOf(base, 'wall', 'p2')).status).toBe(403);
    // nothing was replayed for the refused caller
    expect(store.reads).toBe(0);
    // a member (who would register it on first sync) reads it
    expect((await historyOf(base, 'm-wang', 'p2')).status).toBe(200);
  });
});

describe('GET /api/workspaces/:id/projects/:pid/history under load', () => {
  it('answers the same pages as the whole-log replay, and a second page reads no earlier update from the store', async () => {
    const updates = randomProjectHistory(5, 70);
    const store = new CountingStore();
    store.seed(DOC, updates);
    const base = await serve(store);
    const first = await history(base, 'm-li', '?limit=10');
    expect(first).toMatchObject({ status: 200, body: { projectId: 'p1', ...replayHistory(updates, 0, 10) } });
    const readAfterFirst = store.updatesRead;
    const next = (first.body as { nextAfter: number }).nextAfter;
    const second = await history(base, 'm-li', `?after=${next}&limit=10`);
    expect(second).toMatchObject({ status: 200, body: { projectId: 'p1', ...replayHistory(updates, next, 10) } });
    // only the updates after the first page are read (the whole-log replay read all of them again)
    expect(store.updatesRead - readAfterFirst).toBe(updates.length - next);
    expect(next).toBeGreaterThan(0);
    expect(await history(base, 'm-li', '?after=100000')).toMatchObject({ status: 200, body: { entries: [], nextAfter: null } });
  });

  it('shares one computation among 8 parallel requests (four members, two each)', async () => {
    const updates = randomProjectHistory(6, 60);
    const store = new CountingStore();
    store.seed(DOC, updates);
    const held = gate();
    store.historyGate = held.promise;
    const pages = countedPages(store);
    const base = await serve(store, { history: { pages } });
    const requests = ['m-1', 'm-2', 'm-3', 'm-4'].flatMap((member) => [history(base, member, '?limit=200'), history(base, member, '?limit=200')]);
    // the store's first read is held until all 8 requests have asked for the page
    await vi.waitFor(() => expect(pages.entered).toBe(8));
    held.open();
    const answers = await Promise.all(requests);
    for (const answer of answers) expect(answer).toEqual({ status: 200, retryAfter: null, body: { projectId: 'p1', ...replayHistory(updates, 0, 200) } });
    expect(store.reads).toBe(1);
    expect(store.updatesRead).toBe(updates.length);
  });

  it('refuses a member with two requests under way (429, Retry-After, zh-CN or en) while other members are served', async () => {
    const updates = randomProjectHistory(7, 40);
    const store = new CountingStore();
    store.seed(DOC, updates);
    const held = gate();
    store.historyGate = held.promise;
    const pages = countedPages(store);
    const base = await serve(store, { history: { pages } });
    const wall = [history(base, 'wall'), history(base, 'wall')];
    await vi.waitFor(() => expect(pages.entered).toBe(2));
    const third = await history(base, 'wall');
    expect(third).toEqual({ status: 429, retryAfter: '1', body: { error: { code: 'too_many_requests', message: '请求过于频繁，请稍后再试' } } });
    const english = await history(base, 'wall', '', { 'accept-language': 'en' });
    expect(english.body).toEqual({ error: { code: 'too_many_requests', message: 'Too many requests; please try again shortly' } });
    const colleague = history(base, 'm-li');
    held.open();
    expect((await colleague).status).toBe(200);
    expect((await Promise.all(wall)).map((r) => r.status)).toEqual([200, 200]);
    expect((await history(base, 'wall')).status).toBe(200); // its requests ended: served again
  });

  it('refuses a member over the per-minute budget until it refills, and no one else', async () => {
    const updates = randomProjectHistory(8, 20);
    const store = new CountingStore();
    store.seed(DOC, updates);
    let now = HISTORY_T0;
    const base = await serve(store, { now: () => now, history: { callerLimits: { inFlight: 2, perMinute: 6, burst: 3 } } });
    for (let i = 0; i < 3; i++) expect((await history(base, 'wall')).status).toBe(200);
    expect(await history(base, 'wall')).toMatchObject({ status: 429, retryAfter: '10', body: { error: { code: 'too_many_requests' } } });
    expect((await history(base, 'm-li')).status).toBe(200);
    now += 10_000;
    expect((await history(base, 'wall')).status).toBe(200);
  });
});
