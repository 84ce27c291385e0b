import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectDocName, summaryDocName, workspaceDocName } from '../../../shared/model/doc-names';
import { editProject } from '../../../shared/model/project-edit';
import { initProject } from '../../../shared/model/project-init';
import { validValues } from '../../../shared/model/result';
import { readSummary } from '../../../shared/model/summary';
import { readWorkspace } from '../../../shared/model/workspace-read';
import type { StartupInvite } from '../../../server/app';
import { makeTempDir } from '../storage/temp-dir';
import { connect, eventually, joinDemo, startApp, synced, waitFor, type Client, type Joined, type Running } from './fixtures';
import { ProjectIdSchema } from '../../../shared/schema/common';

let running: Running;
let clients: Client[];
let removeDir: () => void;

beforeEach(async () => {
  const tmp = makeTempDir('summary');
  removeDir = tmp.remove;
  running = await startApp(tmp.dir);
  clients = [];
});
afterEach(async () => {
  for (const c of clients) c.destroy();
  await running.app.close();
  removeDir();
});

const join = (role: StartupInvite['role']): Promise<Joined> => joinDemo(running, role);

function open(room: string, who: Joined, doc?: Y.Doc): Client {
  const client = connect(running.wsUrl, room, who.token, doc);
  clients.push(client);
  return client;
}

function registry(doc: Y.Doc) {
  return validValues(readWorkspace(doc).registry);
}

describe('summary derivation', () => {
  it("a member's edit to their project reaches the board's summary row, as the server", async () => {
    const member = await join('member');
    const observer = await join('observer');
    const ws = open(workspaceDocName(member.workspaceId), member);
    await synced(ws);
    const entry = registry(ws.doc).find((r) => r.ownerId === member.memberId);
    if (!entry) throw new Error('the demo member owns no project');

    const board = open(summaryDocName(member.workspaceId), observer);
    await synced(board);
    const rowOf = () => validValues(readSummary(board.doc).rows).find((r) => r.projectId === entry.id);
    expect(rowOf()?.name).toBe(entry.name);

    const project = open(projectDocName(member.workspaceId, ProjectIdSchema.parse(entry.id)), member);
    await synced(project);
    const edited = editProject(project.doc, { name: '城南污水处理厂（提标改造）' }, { memberId: member.memberId, at: Date.now() });
    expect(edited.ok).toBe(true);

    await waitFor(() => rowOf()?.name === '城南污水处理厂（提标改造）', 'the summary row on the board to show the new name');
    const summaryHistory = await running.app.store.history(summaryDocName(member.workspaceId));
    expect(summaryHistory.at(-1)?.author).toBe('server');
  });
});

describe('registration of a project created offline', () => {
  it('registers it on first sync with its creator as owner', async () => {
    const member = await join('member');
    const admin = await join('admin');
    const ws = open(workspaceDocName(admin.workspaceId), admin);
    await synced(ws);

    // Created in the popup while offline: a local document with a valid project record.
    const local = new Y.Doc();
    const created = initProject(
      local,
      { id: 'offline-warehouse', name: '冷链物流仓储中心', unitId: null, totalInvestmentWan: 8000, annualPlanWan: 2000 },
      { memberId: member.memberId, at: Date.now() },
      { locale: 'zh-CN' },
    );
    expect(created.ok).toBe(true);
    open(projectDocName(member.workspaceId, ProjectIdSchema.parse('offline-warehouse')), member, local);

    await waitFor(() => registry(ws.doc).some((r) => r.id === 'offline-warehouse'), 'the registry line on the admin’s workspace document');
    expect(registry(ws.doc).find((r) => r.id === 'offline-warehouse')).toEqual({
      id: 'offline-warehouse',
      name: '冷链物流仓储中心',
      unitId: null,
      ownerId: member.memberId,
      leaderId: null,
      team: [],
      archived: false,
      confirmed: false, // a member's registration awaits the 项目办's 审核
    });
    const wsHistory = await running.app.store.history(workspaceDocName(admin.workspaceId));
    expect(wsHistory.at(-1)?.author).toBe('server');
  });

  it('does not register a project whose record does not validate', async () => {
    const member = await join('member');
    const local = new Y.Doc();
    // A misbehaving replica: a project record with a negative investment and no name.
    local.transact(() => {
      const project = local.getMap('project');
      project.set('id', 'broken-one');
      project.set('investment', { totalInvestmentWan: -5, annualPlanWan: 0 });
    });
    const name = projectDocName(member.workspaceId, ProjectIdSchema.parse('broken-one'));
    open(name, member, local);
    await eventually(async () => (await running.app.store.history(name)).length > 0, 'the update to be stored');
    await running.app.deriver.flush();

    const wsDoc = await running.app.sync.getDocument(workspaceDocName(member.workspaceId));
    const summary = await running.app.sync.getDocument(summaryDocName(member.workspaceId));
    try {
      expect(registry(wsDoc.doc).some((r) => r.id === 'broken-one')).toBe(false);
      expect(validValues(readSummary(summary.doc).rows).some((r) => r.projectId === 'broken-one')).toBe(false);
    } finally {
      wsDoc.release();
      summary.release();
    }
  });
});
