import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBundle } from '../../../server/bundle/store-bundle';
import { projectDocName } from '../../../shared/model/doc-names';
import { editProject } from '../../../shared/model/project-edit';
import { readProjectDoc } from '../../../shared/model/project-read';
import { ProjectIdSchema } from '../../../shared/schema/common';
import { makeTempDir } from '../storage/temp-dir';
import { connect, eventually, exampleBundle, joinWith, startApp, synced, waitFor, type Client, type Joined, type Running } from './fixtures';

const WS = 'anping-2026';
const ROOM = projectDocName(WS, ProjectIdSchema.parse('p-road'));
let running: Running;
let removeDir: () => void;
const people: Record<'admin' | 'li' | 'wang', Joined> = {} as never;
const clients: Client[] = [];
/** When the import was stored: the project's state "at T" before anyone edited it. */
let imported = 0;

beforeAll(async () => {
  const tmp = makeTempDir('revert-routes');
  removeDir = tmp.remove;
  // two projects in the example: the whole workspace is over this cap, one project is not
  running = await startApp(
    tmp.dir,
    { demo: false },
    {
      revert: { limits: { maxProjects: 1, maxUpdates: 10_000 }, callerLimits: { inFlight: 1, perMinute: 600, burst: 100 } },
    },
  );
  const done = await importBundle({ store: running.app.store, accounts: running.app.accounts, now: Date.now }, exampleBundle());
  if (!done.ok) throw new Error('example import failed');
  for (const [who, memberId, role] of [
    ['admin', 'm-admin', 'admin'],
    ['li', 'm-li', 'member'],
    ['wang', 'm-wang', 'leader'],
  ] as const) {
    const invite = await running.app.auth.invites.issueInvite(WS, { role, memberId }, 'test');
    if (!invite) throw new Error('no invite');
    people[who] = await joinWith(running.url, invite.code);
  }
  imported = (await running.app.store.history(ROOM)).at(-1)?.at ?? 0;
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await running.app.close();
  removeDir();
});

interface PlanAnswer {
  plan: string;
  projects: Array<{ projectId: string; restores: Array<{ field: string }> }>;
}
interface Answer extends Partial<PlanAnswer> {
  error?: { code: string; message: string };
  preview?: PlanAnswer;
}

async function post(path: 'preview' | 'apply', token: string | null, body: unknown, workspace = WS): Promise<{ status: number; body: Answer }> {
  const res = await fetch(`${running.url}/api/workspaces/${workspace}/revert/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}

function total(client: Client): number | null {
  const project = readProjectDoc(client.doc).project;
  return project.ok ? project.value.totalInvestmentWan : null;
}

describe('POST /api/workspaces/:id/revert/preview and /apply (#13 restorable)', () => {
  it('lets only the 项目办 of the workspace ask', async () => {
    const body = { member: 'm-li', project: 'p-road', from: '2026-01-01', to: '2027-01-01' };
    expect((await post('preview', null, body)).status).toBe(401);
    expect(await post('preview', people.li.token, body)).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    // a leader edits everything, yet undoing others' work is the project office's
    expect(await post('preview', people.wang.token, body)).toMatchObject({
      status: 403,
      body: { error: { message: '只有项目办可以撤销修改或恢复项目' } },
    });
    expect(await post('preview', people.admin.token, body, 'another-ws')).toMatchObject({ status: 403 });
    expect(await post('apply', people.li.token, { ...body, plan: '0'.repeat(64) })).toMatchObject({ status: 403 });
  });

  it('refuses a scope that is not one of the two, and one larger than the cap, asking to narrow it', async () => {
    expect(await post('preview', people.admin.token, { member: 'm-li', from: '2026-01-01' })).toMatchObject({
      status: 400,
      body: { error: { code: 'bad_scope' } },
    });
    expect(await post('preview', people.admin.token, { project: 'p-road', at: '2026-03-01', member: 'm-li' })).toMatchObject({ status: 400 });
    expect(await post('preview', people.admin.token, { member: 'm-li', from: '2026-05-01', to: '2026-03-01' })).toMatchObject({ status: 400 });
    expect(await post('preview', people.admin.token, { project: 'p-none', at: '2026-03-01' })).toMatchObject({ status: 404 });
    const tooLarge = await post('preview', people.admin.token, { member: 'm-li', from: '2026-01-01', to: '2027-01-01' });
    expect(tooLarge).toMatchObject({ status: 413, body: { error: { code: 'scope_too_large', limit: 'maxProjects', max: 1 } } });
    expect(tooLarge.body.error?.message).toContain('请选定一个项目');
  });

  it('previews, refuses a stale preview with the new one (409), then writes into the live room as the admin', async () => {
    const li = connect(running.wsUrl, ROOM, people.li.token);
    const watcher = connect(running.wsUrl, ROOM, people.wang.token);
    clients.push(li, watcher);
    await Promise.all([synced(li), synced(watcher)]);
    const before = total(li);
    expect(before).toBe(3000);
    expect(editProject(li.doc, { totalInvestmentWan: 9000 }, { memberId: 'm-li', at: Date.now() }).ok).toBe(true);
    await eventually(async () => (await running.app.store.history(ROOM)).at(-1)?.author === 'm-li', 'the edit to be stored');
    const window = { member: 'm-li', project: 'p-road', from: new Date(imported + 1).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };

    const preview = await post('preview', people.admin.token, window);
    expect(preview.status).toBe(200);
    expect(preview.body.projects).toEqual([
      expect.objectContaining({
        projectId: 'p-road',
        name: '城东道路提升工程',
        restores: [expect.objectContaining({ field: 'totalInvestmentWan', current: 9000, restore: 3000 })],
      }),
    ]);

    // someone edits after the preview: the plan changed, nothing is written and the new plan comes back
    expect(editProject(li.doc, { progressNote: '路基施工' }, { memberId: 'm-li', at: Date.now() }).ok).toBe(true);
    await eventually(async () => (await running.app.store.history(ROOM)).filter((h) => h.author === 'm-li').length === 2, 'the second edit to be stored');
    const stale = await post('apply', people.admin.token, { ...window, plan: preview.body.plan });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.code).toBe('stale_preview');
    expect(stale.body.preview?.projects[0]?.restores.map((r) => r.field).sort()).toEqual(['progressNote', 'totalInvestmentWan']);
    expect(total(watcher)).toBe(9000);

    const applied = await post('apply', people.admin.token, { ...window, plan: stale.body.preview?.plan });
    expect(applied).toMatchObject({ status: 200, body: { written: 1, projects: [{ projectId: 'p-road', restored: 2, archived: 0, refused: [] }] } });
    // a connected client gets the change from the live room
    await waitFor(() => total(watcher) === 3000, 'the revert to reach a connected client');
    const history = await running.app.store.history(ROOM);
    expect(history.at(-1)?.author).toBe('m-admin');
    // the edits it undid are still in the history
    expect(history.filter((h) => h.author === 'm-li').length).toBeGreaterThanOrEqual(2);
  });

  it('restores the project to a time: everything since goes back, as a new change by the admin', async () => {
    const watcher = connect(running.wsUrl, ROOM, people.wang.token);
    clients.push(watcher);
    await synced(watcher);
    expect(editProject(watcher.doc, { totalInvestmentWan: 4500, progressNote: '路面摊铺' }, { memberId: 'm-wang', at: Date.now() }).ok).toBe(true);
    await eventually(async () => (await running.app.store.history(ROOM)).at(-1)?.author === 'm-wang', 'the edit to be stored');
    const scope = { project: 'p-road', at: new Date(imported).toISOString() };
    const preview = await post('preview', people.admin.token, scope);
    expect(preview.status).toBe(200);
    const fields = preview.body.projects?.[0]?.restores.map((r) => r.field).sort();
    expect(fields).toEqual(['progressNote', 'totalInvestmentWan']);
    const applied = await post('apply', people.admin.token, { ...scope, plan: preview.body.plan });
    expect(applied.status).toBe(200);
    await waitFor(() => total(watcher) === 3000 && readProjectDoc(watcher.doc).project.ok, 'the restore to reach the client');
    const project = readProjectDoc(watcher.doc).project;
    expect(project.ok && project.value.progressNote).not.toBe('路面摊铺');
    // applying the same preview again is stale: the restore itself is history now
    expect((await post('apply', people.admin.token, { ...scope, plan: preview.body.plan })).status).toBe(409);
  });
});
