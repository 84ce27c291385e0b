import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBundle } from '../../../server/bundle/store-bundle';
import { projectDocName } from '../../../shared/model/doc-names';
import { editProject } from '../../../shared/model/project-edit';
import { makeTempDir } from '../storage/temp-dir';
import { connect, eventually, exampleBundle, getJson, joinWith, startApp, synced, type Client, type Joined, type Running } from './fixtures';
import { ProjectIdSchema } from '../../../shared/schema/common';

let running: Running;
let removeDir: () => void;
let li: Joined;
const clients: Client[] = [];
const WS = 'anping-2026';

beforeAll(async () => {
  const tmp = makeTempDir('rest');
  removeDir = tmp.remove;
  running = await startApp(tmp.dir, { demo: false });
  const imported = await importBundle({ store: running.app.store, accounts: running.app.accounts, now: Date.now }, exampleBundle());
  if (!imported.ok) throw new Error('example import failed');
  const invite = await running.app.auth.invites.issueInvite(WS, { role: 'member', memberId: 'm-li' }, 'test');
  if (!invite) throw new Error('no invite');
  li = await joinWith(running.url, invite.code);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await running.app.close();
  removeDir();
});

describe('GET /api/workspaces/:id/targets', () => {
  it('reports each target against 序时进度 as of the day asked (the documented example, worked by hand)', async () => {
    const { status, body } = await getJson(`${running.url}/api/workspaces/${WS}/targets?asOf=2026-03-31`, li.token);
    expect(status).toBe(200);
    // 3 of 12 months elapsed → 25% expected. One project started of 4; 1200 of 10000 万元 is 12%: 13 points behind.
    expect(body).toEqual({
      workspaceId: WS,
      asOf: '2026-03-31',
      targets: [
        // in the workspace's order (by id)
        {
          targetId: 't-invest',
          title: '全年完成投资（万元）',
          goal: 10000,
          actual: 1200,
          expected: 2500,
          share: 0.12,
          expectedShare: 0.25,
          gapPoints: -13,
          light: 'red',
          forecast: 4800,
          met: false,
        },
        {
          targetId: 't-start',
          title: '全年新开工项目',
          goal: 4,
          actual: 1,
          expected: 1,
          share: 0.25,
          expectedShare: 0.25,
          gapPoints: 0,
          light: 'green',
          // 1 ÷ 25% would be 4, but the workspace has 2 projects: the one started and one that can still start.
          forecast: 2,
          met: false,
        },
      ],
    });
  });

  it('refuses a missing token (401), another workspace (403) and an impossible date (400), in the caller’s language', async () => {
    expect(await getJson(`${running.url}/api/workspaces/${WS}/targets`, null)).toMatchObject({ status: 401, body: { error: { code: 'token.missing' } } });
    expect(await getJson(`${running.url}/api/workspaces/someone-else/targets`, li.token)).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden' } },
    });
    expect(await getJson(`${running.url}/api/workspaces/${WS}/targets?asOf=2026-02-30`, li.token)).toEqual({
      status: 400,
      body: { error: { code: 'bad_as_of', message: '日期格式应为 年-月-日，如 2026-03-31' } },
    });
    const english = await getJson(`${running.url}/api/workspaces/${WS}/targets?asOf=yesterday`, li.token, { 'accept-language': 'en-US,en' });
    expect(english.body).toEqual({ error: { code: 'bad_as_of', message: 'Write the date as year-month-day, e.g. 2026-03-31' } });
  });
});

describe('GET /api/workspaces/:id/projects/:pid/history', () => {
  it('names who changed which field from what to what, with the author the server stored, page by page', async () => {
    const room = projectDocName(WS, ProjectIdSchema.parse('p-factory'));
    const project = connect(running.wsUrl, room, li.token);
    clients.push(project);
    await synced(project);
    // The client dates its edit long ago (offline work); the history keeps the time and author the server stored.
    // (Naming someone else as the author is refused outright: tests/server/auth/live-rights.integration.test.ts.)
    const before = Date.now();
    expect(editProject(project.doc, { name: '城关镇标准化厂房（一期）' }, { memberId: li.memberId, at: 1 }).ok).toBe(true);
    await eventually(async () => (await running.app.store.history(room)).length === 2, 'the edit to be stored');

    const first = await getJson(`${running.url}/api/workspaces/${WS}/projects/p-factory/history?limit=1`, li.token);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ projectId: 'p-factory', nextAfter: 1, entries: [{ seq: 1, author: 'server' }] });

    const second = await getJson(`${running.url}/api/workspaces/${WS}/projects/p-factory/history?after=1`, li.token);
    const page = second.body as { entries: Array<{ seq: number; author: string; at: number; changes: unknown[] }>; nextAfter: number | null };
    expect(page.nextAfter).toBeNull();
    expect(page.entries).toHaveLength(1);
    const [edit] = page.entries;
    expect(edit).toMatchObject({ seq: 2, author: 'm-li' });
    expect(edit?.at).toBeGreaterThanOrEqual(before);
    expect(edit?.changes).toEqual([
      { record: { kind: 'project', id: 'p-factory' }, field: 'name', from: '城关镇标准化厂房项目', to: '城关镇标准化厂房（一期）' },
    ]);
  });

  it('answers 404 for a project with no history and 400 for a bad page', async () => {
    expect(await getJson(`${running.url}/api/workspaces/${WS}/projects/nothing-here/history`, li.token)).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found' } },
    });
    expect(await getJson(`${running.url}/api/workspaces/${WS}/projects/p-road/history?limit=0`, li.token)).toMatchObject({
      status: 400,
      body: { error: { code: 'bad_page' } },
    });
    expect(await getJson(`${running.url}/api/workspaces/${WS}/projects/p-road/history?after=-3`, li.token)).toMatchObject({ status: 400 });
  });
});

describe('health, metrics and unknown paths', () => {
  it('GET /health says storage is fine; /metrics is Prometheus text; anything else is a JSON 404', async () => {
    const health = await getJson(`${running.url}/health`, null);
    expect(health).toMatchObject({ status: 200, body: { ok: true, storage: { ok: true } } });
    const metrics = await fetch(`${running.url}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(await metrics.text()).toContain('guatu_sync_connections');
    expect(await getJson(`${running.url}/api/nothing`, null)).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    const wrongMethod = await fetch(`${running.url}/health`, { method: 'POST' });
    expect(wrongMethod.status).toBe(405);
  });

  it('answers cross-origin requests from extension pages (bearer tokens, no cookies)', async () => {
    const preflight = await fetch(`${running.url}/api/join`, {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abcdefghijklmnop', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
    const join = await fetch(`${running.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code":"NOPE2345"}' });
    expect(join.headers.get('access-control-allow-origin')).toBe('*');
    await join.body?.cancel();
  });

  it('refuses an over-limit body with 413 and the JSON error, cross-origin headers included', async () => {
    const res = await fetch(`${running.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      body: JSON.stringify({ code: 'A'.repeat(5000) }),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual({ error: { code: 'too_large', message: 'The request is too large' } });
  });

  it('never serves the data folder through the wall display, however the path is encoded', async () => {
    for (const path of ['/chunks/..%2f..%2fguatu.sqlite', '/wall/..%2F..%2Fguatu.sqlite', '/assets/%2e%2e/%2e%2e/guatu.sqlite']) {
      const res = await fetch(`${running.url}${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('mounts the wall display: without a built extension /wall/ says so (503) instead of a 404', async () => {
    const wall = await fetch(`${running.url}/wall/`);
    expect(wall.status).toBe(503);
    await wall.body?.cancel();
  });
});

describe('requests that are not even well-formed', () => {
  it('get a JSON 400, not a crash or a 500', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((done, fail) => {
      const req = request({ host: '127.0.0.1', port: Number(new URL(running.url).port), path: '//', method: 'GET' }, (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      });
      req.on('error', fail);
      req.end();
    });
    expect(status).toBe(400);
    expect((await getJson(`${running.url}/health`, null)).status).toBe(200);
  });
});
