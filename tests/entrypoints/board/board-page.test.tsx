// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BOARD_SNAPSHOT_VERSION, boardSource, type BoardSnapshot } from '../../../client/board-snapshot';
import type { JoinedWorkspace } from '../../../client/db';
import { openSession, type Session } from '../../../client/session';
import { BoardPage } from '../../../entrypoints/board/board-page';
import { boardContent, type BoardContent } from '../../../client/view-models/board/board-content';
import { deriveBoard } from '../../../client/view-models/board/board-data';
import { addMember, addTarget, addUnit, initWorkspace, registerProject } from '../../../shared/model/workspace-write';
import { initProject } from '../../../shared/model/project-init';
import { writeSummaryRow } from '../../../shared/model/summary';
import type { Author } from '../../../shared/model/origin';
import { AS_OF, ROWS, WORKSPACE } from './fixtures';
import { DIGEST_FINGERPRINT, KEY_FINGERPRINT, SIGNED_ANSWER } from '../../client/export/anchor-fixtures';

const NOW = Date.UTC(2026, 3, 15, 2); // 10:00 on 15 April in Shanghai
const admin: Author = { memberId: 'm-admin', at: Date.UTC(2026, 0, 2) };

function joined(memberId: string, role: JoinedWorkspace['role']): JoinedWorkspace {
  return {
    key: 'http://127.0.0.1:9|ws1',
    serverUrl: 'http://127.0.0.1:9',
    workspaceId: 'ws1',
    workspaceName: '',
    memberId,
    memberName: '',
    role,
    token: `token-of-${memberId}`,
    expiresAt: NOW + 86_400_000,
    joinedAt: NOW,
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
  for (const t of WORKSPACE.targets)
    must(addTarget(doc, { id: t.id, title: t.title, scope: t.scope, start: t.start, end: t.end, windowId: t.windowId, goal: t.goal, metric: t.metric }, admin));
  for (const r of WORKSPACE.registry)
    must(registerProject(doc, { id: r.id, name: r.name, unitId: r.unitId, ownerId: r.ownerId, leaderId: r.leaderId, team: r.team }, admin));
  const summary = session.summary();
  for (const row of ROWS) must(writeSummaryRow(summary.doc, row));
  const project = session.project('p2');
  must(
    initProject(
      project.doc,
      { id: 'p2', code: 'XM-002', name: '临港物流园', unitId: 'u-dev', ownerId: 'm-wang' },
      { memberId: 'm-wang', at: NOW - 86_400_000 },
      { locale: 'zh-CN', defaultMilestones: false },
    ),
  );
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
    expect(within(targets).getByText('超序时进度 6.00 个百分点')).toBeTruthy();
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

  it("as the wall display shows the latest signed digest and the signing key in its footer, asked with the wall's token", async () => {
    open = offlineSession(joined('wall', 'observer'));
    const asked: { url: string; authorization: string | null }[] = [];
    const server = vi.fn(async (url: string, init?: RequestInit) => {
      asked.push({ url, authorization: new Headers(init?.headers).get('authorization') });
      return Response.json(SIGNED_ANSWER);
    }) as unknown as typeof fetch;
    render(<BoardPage session={open.session} locale="zh-CN" mode="wall" now={() => NOW} fetch={server} charts={false} />);
    const footer = await screen.findByText(`存证摘要 ${DIGEST_FINGERPRINT} · 2026-12-05 00:01 签署 · 公钥 ${KEY_FINGERPRINT}`);
    expect(footer.closest('nav')).toBeTruthy();
    expect(asked).toContainEqual({ url: 'http://127.0.0.1:9/api/workspaces/ws1/history-anchor', authorization: 'Bearer token-of-wall' });
  });

  it('as the wall display says plainly when the digest could not be had: offline, or an answer that does not hold', async () => {
    open = offlineSession(joined('wall', 'observer'));
    const first = render(<BoardPage session={open.session} locale="zh-CN" mode="wall" now={() => NOW} fetch={noServer} charts={false} />);
    expect(await screen.findByText('存证摘要：未取得')).toBeTruthy();
    first.unmount();
    const forged = vi.fn(async () => Response.json({ workspaceId: 'ws1', latest: { fingerprint: 'made up' }, key: null })) as unknown as typeof fetch;
    render(<BoardPage session={open.session} locale="zh-CN" mode="wall" now={() => NOW} fetch={forged} charts={false} />);
    expect(await screen.findByText('存证摘要：未取得')).toBeTruthy();
    expect(screen.queryByText(/made up/)).toBeNull();
  });
});

/** The fixture city's board as saved before: 5 projects then, and 999 万元 completed on the investment target. */
function staleSnapshot(ws: JoinedWorkspace, source = 'older-state'): BoardSnapshot {
  const content = boardContent(WORKSPACE, ROWS, deriveBoard(WORKSPACE, ROWS, AS_OF), []);
  return {
    key: ws.key,
    version: BOARD_SNAPSHOT_VERSION,
    memberId: ws.memberId,
    savedAt: NOW - 86_400_000,
    source,
    content: {
      ...content,
      pipeline: [...content.pipeline, { stage: 'planning', unitId: 'u-east', countyId: null, category: 'industry', count: 2 }],
      targets: content.targets.map((line) => (line.id === 't-invest' ? { ...line, result: { ...line.result, actual: 999 } } : line)),
    },
  };
}

describe('the board page painted from its saved snapshot', () => {
  it('shows the saved board before any document is open: its figures, the note, the role’s badge, and nothing that needs live rows', () => {
    const ws = joined('m-obs', 'observer');
    render(<BoardPage session={null} ws={ws} snapshot={staleSnapshot(ws)} locale="zh-CN" mode="extension" now={() => NOW} charts={false} />);
    expect(screen.getByText('合计 5 个项目')).toBeTruthy();
    expect(document.querySelector('[data-target="t-invest"]')?.textContent).toContain('999 万元');
    expect(screen.getByText('先显示上次保存的看板，正在载入最新数据…')).toBeTruthy();
    expect(screen.getByText('只读')).toBeTruthy();
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(screen.queryByRole('group', { name: '导出' })).toBeNull();
    // The rankings on their first outcome come with it (310 ÷ the task of 1300 = 23.85%); other outcomes wait for the live rows.
    const rankings = screen.getByRole('region', { name: /工作排行榜/ });
    expect(rankings.querySelector('[data-entry="u-east"]')?.textContent).toContain('23.85%');
    expect(within(rankings).getByRole<HTMLSelectElement>('combobox').disabled).toBe(true);
    // A problem's project is plain text until the documents can be opened.
    expect(within(screen.getByRole('region', { name: /月报未报送/ })).queryByRole('button')).toBeNull();
  });

  it('replaces a stale snapshot with the live documents once they have loaded, and saves the new board', async () => {
    const ws = joined('m-zhao', 'leader');
    open = offlineSession(ws);
    const saved: { content: BoardContent; source: string }[] = [];
    const onSnapshot = (content: BoardContent, source: string): void => void saved.push({ content, source });
    render(
      <BoardPage
        session={open.session}
        ws={ws}
        snapshot={staleSnapshot(ws)}
        onSnapshot={onSnapshot}
        locale="zh-CN"
        mode="extension"
        now={() => NOW}
        fetch={noServer}
        charts={false}
      />,
    );
    expect(await screen.findByText('合计 3 个项目')).toBeTruthy();
    expect(document.querySelector('[data-target="t-invest"]')?.textContent).toContain('310 万元');
    expect(screen.queryByText('先显示上次保存的看板，正在载入最新数据…')).toBeNull();
    expect(screen.getByRole('searchbox')).toBeTruthy();
    // Other outcomes can be chosen once the live rows have reached the rankings (a deferred render).
    await waitFor(() => expect(within(screen.getByRole('region', { name: /工作排行榜/ })).getByRole<HTMLSelectElement>('combobox').disabled).toBe(false));
    expect(saved).toHaveLength(1);
    expect(saved[0]!.content.pipeline.reduce((n, g) => n + g.count, 0)).toBe(3);
    expect(saved[0]!.source).not.toBe('older-state');
  });

  it('does not save again a board whose documents are in the state it was saved from', async () => {
    const ws = joined('m-zhao', 'leader');
    open = offlineSession(ws);
    const summary = open.session.summary();
    const source = boardSource([open.session.workspace.doc, summary.doc], AS_OF);
    summary.release();
    const onSnapshot = vi.fn();
    render(
      <BoardPage
        session={open.session}
        ws={ws}
        snapshot={staleSnapshot(ws, source)}
        onSnapshot={onSnapshot}
        locale="zh-CN"
        mode="extension"
        now={() => NOW}
        fetch={noServer}
        charts={false}
      />,
    );
    expect(await screen.findByText('合计 3 个项目')).toBeTruthy();
    expect(onSnapshot).not.toHaveBeenCalled();
  });

  it('as the wall display neither shows nor saves a snapshot', async () => {
    const ws = joined('wall', 'observer');
    open = offlineSession(ws);
    const onSnapshot = vi.fn();
    render(
      <BoardPage
        session={open.session}
        ws={ws}
        snapshot={staleSnapshot(ws)}
        onSnapshot={onSnapshot}
        locale="zh-CN"
        mode="wall"
        now={() => NOW}
        fetch={noServer}
        charts={false}
      />,
    );
    expect(screen.queryByText('5 个项目')).toBeNull();
    expect(await screen.findByText('3 个项目')).toBeTruthy();
    expect(screen.getByText('大屏只读')).toBeTruthy();
    expect(onSnapshot).not.toHaveBeenCalled();
  });
});
