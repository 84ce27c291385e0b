import { afterEach, describe, expect, it } from 'vitest';
import { startupBanner } from '../../../server/cli/startup-banner';
import { toProjectBundle, toWorkspaceData } from '../../../shared/model/bundles';
import { projectDocName, workspaceDocName } from '../../../shared/model/doc-names';
import { readProjectDoc } from '../../../shared/model/project-read';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { makeTempDir } from '../storage/temp-dir';
import { connect, joinWith, startApp, synced, type Client, type Running } from './fixtures';
import { ProjectIdSchema } from '../../../shared/schema/common';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track(running: Running, clients: Client[] = []): void {
  cleanups.push(async () => {
    for (const c of clients) c.destroy();
    await running.app.close();
  });
}

describe('the first start', () => {
  it('creates the city-scale demo workspace, prints one invite per role, and a stock client joins with one', async () => {
    const tmp = makeTempDir('first-start');
    cleanups.push(tmp.remove);
    const first = await startApp(tmp.dir, { demoScale: 'city' });
    const clients: Client[] = [];
    track(first, clients);

    const startup = first.app.startup;
    if (startup.kind !== 'demo') throw new Error(`expected a demo start, got ${startup.kind}`);
    expect(startup.projects).toBe(1000);
    expect(startup.invites.map((i) => i.role)).toEqual(['admin', 'leader', 'member', 'observer']);
    const member = startup.invites.find((i) => i.role === 'member');
    if (!member) throw new Error('no member invite');
    expect(member.projects).toBeGreaterThanOrEqual(2);
    expect(member.projects).toBeLessThanOrEqual(5);

    const banner = startupBanner(startup, { url: first.url, host: '127.0.0.1', sqlitePath: first.app.sqlitePath });
    expect(banner).toContain(first.url);
    for (const invite of startup.invites) expect(banner).toContain(`${invite.code}  ${invite.name}`);

    // The member types the printed code into the options page: join over REST, then sync the workspace document.
    const joined = await joinWith(first.url, member.code);
    expect(joined).toMatchObject({ workspaceId: startup.workspaceId, memberId: member.memberId, role: 'member' });
    const workspace = connect(first.wsUrl, workspaceDocName(joined.workspaceId), joined.token);
    clients.push(workspace);
    await synced(workspace);
    const { data } = toWorkspaceData(readWorkspace(workspace.doc));
    if (!data) throw new Error('the workspace document does not read');
    expect(data.name).toBe(startup.workspaceName);
    expect(data.registry).toHaveLength(1000);
    expect(data.members.find((m) => m.id === member.memberId)).toMatchObject({ name: member.name, role: 'member' });
    const mine = data.registry.filter((r) => r.ownerId === member.memberId || r.leaderId === member.memberId || r.team.includes(member.memberId));
    expect(mine).toHaveLength(member.projects);

    // Their first project opens with its milestones and reports.
    const entry = mine[0];
    if (!entry) throw new Error('no project');
    const project = connect(first.wsUrl, projectDocName(joined.workspaceId, ProjectIdSchema.parse(entry.id)), joined.token);
    clients.push(project);
    await synced(project);
    const { bundle } = toProjectBundle(readProjectDoc(project.doc));
    expect(bundle?.project.name).toBe(entry.name);
    expect(bundle?.milestones.length).toBeGreaterThan(0);
  }, 60_000);

  it('a later start keeps the stored workspace, seeds nothing and says how to make an invite', async () => {
    const tmp = makeTempDir('restart');
    cleanups.push(tmp.remove);
    const first = await startApp(tmp.dir);
    if (first.app.startup.kind !== 'demo') throw new Error('expected a demo start');
    const { workspaceId, workspaceName } = first.app.startup;
    const stored = (await first.app.store.listDocuments('ws/')).length;
    await first.app.close();

    const second = await startApp(tmp.dir);
    track(second);
    expect(second.app.startup).toEqual({ kind: 'existing', workspaces: [{ id: workspaceId, name: workspaceName }] });
    expect((await second.app.store.listDocuments('ws/')).length).toBe(stored);
    const banner = startupBanner(second.app.startup, { url: second.url, host: '127.0.0.1', sqlitePath: second.app.sqlitePath });
    expect(banner).toContain('npm run cli -- invite');
    expect(banner).toContain(second.url);
  });

  it('without DEMO it starts empty and says how to create a workspace', async () => {
    const tmp = makeTempDir('no-demo');
    cleanups.push(tmp.remove);
    const running = await startApp(tmp.dir, { demo: false });
    track(running);
    expect(running.app.startup).toEqual({ kind: 'empty' });
    expect(await running.app.store.listDocuments()).toEqual([]);
    expect(startupBanner(running.app.startup, { url: running.url, host: '127.0.0.1', sqlitePath: running.app.sqlitePath })).toContain('create-workspace');
  });
});
