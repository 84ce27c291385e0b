// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JoinedWorkspace } from '../../../client/db';
import { openSession, type Session } from '../../../client/session';
import { BoardPage } from '../../../components/board/board-page';
import { addMember, addTarget, addUnit, initProject, initWorkspace, registerProject, writeSummaryRow, type Author } from '../../../shared/model';
import { AS_OF, ROWS, WORKSPACE } from '../../components/board/fixtures';

const NOW = Date.UTC(2026, 3, 15, 2); // 10:00 on 15 April in Shanghai
const admin: Author = { memberId: 'm-admin', at: Date.UTC(2026, 0, 2) };

function joined(memberId: string, role: JoinedWorkspace['role']): JoinedWorkspace {
  return {
    key: 'http://127.0.0.1:9|ws1', serverUrl: 'http://127.0.0.1:9', workspaceId: 'ws1', workspaceName: '', memberId, memberName: '', role,
    token: `token-of-${memberId}`, expiresAt: NOW + 86_400_000, joinedAt: NOW,
  };
}

function must(result: { ok: boolean; errors?: unknown }): void {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
}

/** A session that never connects, its workspace and summary documents written through the model as the server would. */
function offlineSession(ws: JoinedWorkspace): { session: Session; keep: () => void } {
  const session = openSession(ws, { connect: false, persistence: false, relay: false, now: () => NOW });
  const doc = session.workspace.doc;
  must(initWorkspace(doc, { id: WORKSPACE.id, name: WORKSPACE.name, campaign: WORKSPACE.campaign }, admin));
  for (const u of WORKSPACE.units) must(addUnit(doc, { id: u.id, name: u.name, kind: u.kind }, admin));
  for (const m of WORKSPACE.members) must(addMember(doc, { id: m.id, name: m.name, rank: m.rank, role: m.role, unitId: m.unitId }, admin));
  for (const t of WORKSPACE.targets) must(addTarget(doc, { id: t.id, title: t.title, scope: t.scope, start: t.start, end: t.end, windowId: t.windowId, goal: t.goal, metric: t.metric }, admin));
  for (const r of WORKSPACE.registry) must(registerProject(doc, { id: r.id, name: r.name, unitId: r.unitId, ownerId: r.ownerId, leaderId: r.leaderId, team: r.team }, admin));
  const summary = session.summary();
  for (const row of ROWS) must(writeSummaryRow(summary.doc, row));
  const project = session.project('p2');
  must(initProject(project.doc, { id: 'p2', code: 'XM-002', name: '临港物流园', unitId: 'u-dev', ownerId: 'm-wang' }, { memberId: 'm-wang', at: NOW - 86_400_000 }, { locale: 'zh-CN', defaultMilestones: false }));
  return {
    session,
    keep: () => {
      summary.release();
      project.release();
    },
  };
}

let open: { session: Session; keep: () => void } | null = null;
afterEach(() => {
  cleanup();
  open?.keep();
  open?.session.close();
  open = null;
});

const noServer = vi.fn(async () => {
  throw new TypeError('Failed to fetch');
}) as unknown as typeof fetch;

describe('the board page over a session', () => {
  it('paints from the workspace and summary documents, says it is offline, and opens one project on demand', async () => {
    open = offlineSession(joined('m-wang', 'member'));
    const projectSpy = vi.spyOn(open.session, 'project');
    render(<BoardPage session={open.session} locale="zh-CN" mode="extension" now={() => NOW} fetch={noServer} charts={false} />);
    const targets = await screen.findByRole('region', { name: /目标任务与序时进度/ });
    expect(within(targets).getByText('超序时 6.00 个百分点')).toBeTruthy();
    expect(screen.getByText(`截至 ${AS_OF}`)).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('离线');
    expect(projectSpy).not.toHaveBeenCalled();

    fireEvent.click(within(screen.getByRole('region', { name: /月报未报送/ })).getByRole('button', { name: '临港物流园' }));
    const drill = await screen.findByRole('complementary', { name: '临港物流园' });
    expect(projectSpy).toHaveBeenCalledWith('p2');
    expect(await within(drill).findByText('XM-002')).toBeTruthy();
    // 王芳 owns the project: the server would accept her edits, so none of the page says "view only".
    expect(within(drill).queryByText('你对该项目只有查看权限')).toBeNull();
    expect(await within(drill).findByText('（离线：显示文档内的活动记录）')).toBeTruthy();
  });

  it('offers no edits on a project the member is not assigned to, and none at all to an observer', async () => {
    open = offlineSession(joined('m-li', 'member'));
    render(<BoardPage session={open.session} locale="zh-CN" mode="extension" now={() => NOW} fetch={noServer} charts={false} />);
    fireEvent.click(within(await screen.findByRole('region', { name: /月报未报送/ })).getByRole('button', { name: '临港物流园' }));
    expect(await screen.findByText('你对该项目只有查看权限')).toBeTruthy();
    cleanup();
    open.keep();
    open.session.close();

    open = offlineSession(joined('m-obs', 'observer'));
    render(<BoardPage session={open.session} locale="zh-CN" mode="extension" now={() => NOW} fetch={noServer} charts={false} />);
    expect(await screen.findByText('只读')).toBeTruthy();
    fireEvent.click(within(screen.getByRole('region', { name: /月报未报送/ })).getByRole('button', { name: '临港物流园' }));
    expect(await screen.findByText('你对该项目只有查看权限')).toBeTruthy();
  });

  it('as the wall display shows no export and no project search', async () => {
    open = offlineSession(joined('wall', 'observer'));
    render(<BoardPage session={open.session} locale="zh-CN" mode="wall" now={() => NOW} fetch={noServer} charts={false} />);
    expect(await screen.findByText('大屏只读')).toBeTruthy();
    expect(screen.queryByRole('group', { name: '导出' })).toBeNull();
    expect(screen.queryByRole('searchbox')).toBeNull();
  });
});
