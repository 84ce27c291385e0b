// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { BoardScreen, type DrillSource } from '../../../entrypoints/board/board-screen';
import { fetchProjectHistory } from '../../../entrypoints/board/project-history';
import { addProblem, editProblem, escalateProblem, reportProblemProgress } from '../../../shared/model/project-problems';
import { initProject } from '../../../shared/model/project-init';
import { AS_OF, summaryRead, workspaceRead } from './fixtures';

afterEach(cleanup);

const APRIL_10 = Date.UTC(2026, 3, 10, 2); // 10:00 in Shanghai

/** The 临港物流园 document: the 前期 checklist and one open problem at 交办. */
function logisticsDoc(): Y.Doc {
  const doc = new Y.Doc();
  let n = 0;
  const created = initProject(
    doc,
    {
      id: 'p2',
      code: 'XM-002',
      name: '临港物流园',
      category: 'infrastructure',
      unitId: 'u-dev',
      ownerId: 'm-wang',
      totalInvestmentWan: 50_000,
      annualPlanWan: 400,
      plannedStart: '2026-06-01',
    },
    { memberId: 'm-wang', at: APRIL_10 },
    { locale: 'zh-CN', newId: () => `m-${n++}` },
  );
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const problem = addProblem(
    doc,
    { id: 'q-land', description: '用地指标未落实', departmentId: 'u-ind', deadline: '2026-04-01' },
    { memberId: 'm-wang', at: APRIL_10 + 60_000 },
  );
  if (!problem.ok) throw new Error(JSON.stringify(problem.errors));
  return doc;
}

/** A server that answers the history endpoint with one page of two changes. */
function historyServer() {
  const calls: { url: string; auth: string | null }[] = [];
  const fake = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), auth: new Headers(init?.headers).get('authorization') });
    const body = {
      projectId: 'p2',
      entries: [
        { seq: 3, author: 'm-wang', at: APRIL_10, changes: [{ record: { kind: 'project', id: 'p2' }, field: 'totalInvestmentWan', from: 40_000, to: 50_000 }] },
        {
          seq: 4,
          author: 'm-zhao',
          at: APRIL_10 + 3_600_000,
          changes: [{ record: { kind: 'problem', id: 'q-land' }, field: 'escalation', from: 'assigned', to: 'supervised' }],
        },
      ],
      nextAfter: null,
    };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return { fetch: fake as unknown as typeof fetch, calls };
}

function drillSource(doc: Y.Doc, opts: { fetch?: typeof fetch; canEdit?: boolean; canEscalate?: boolean } = {}) {
  const release = vi.fn();
  const open = vi.fn(() => ({ doc, whenLocal: Promise.resolve(), release }));
  const source: DrillSource = {
    open,
    canEdit: () => opts.canEdit ?? false,
    canEscalate: opts.canEscalate ?? false,
    author: () => ({ memberId: 'm-zhao', at: APRIL_10 + 7_200_000 }),
    ...(opts.fetch
      ? {
          loadHistory: (projectId: string) =>
            fetchProjectHistory({ serverUrl: 'http://127.0.0.1:8787', workspaceId: 'ws1', projectId, token: 'tok-1', fetch: opts.fetch! }),
        }
      : {}),
  };
  return { source, open, release };
}

function openLogistics(): void {
  const notFiled = screen.getByRole('region', { name: /月报未报送/ });
  fireEvent.click(within(notFiled).getByRole('button', { name: '临港物流园' }));
}

describe('drill-down', () => {
  it('opens only the project clicked and shows its fields, milestones, problems and the server history', async () => {
    const doc = logisticsDoc();
    const server = historyServer();
    const { source, open, release } = drillSource(doc, { fetch: server.fetch });
    render(<BoardScreen locale="zh-CN" workspace={workspaceRead()} summary={summaryRead()} asOf={AS_OF} mode="extension" charts={false} drill={source} />);
    expect(open).not.toHaveBeenCalled();
    openLogistics();
    const drill = await screen.findByRole('complementary', { name: '临港物流园' });
    expect(open).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith('p2');
    expect(await within(drill).findByText('XM-002')).toBeTruthy();
    expect(within(drill).getByText('5 亿元')).toBeTruthy();
    expect(within(drill).getByText('发改委')).toBeTruthy();
    expect(drill.querySelectorAll('[data-milestone]')).toHaveLength(6);
    expect(drill.querySelector('[data-problem="q-land"]')!.textContent).toContain('用地指标未落实');

    expect(await within(drill).findByText('赵强 于 2026-04-10 11:00 将问题的督办级别由交办改为督办')).toBeTruthy();
    expect(within(drill).getByText('王芳 于 2026-04-10 10:00 修改项目：总投资由 4 亿元 改为 5 亿元')).toBeTruthy();
    expect(server.calls).toEqual([{ url: 'http://127.0.0.1:8787/api/workspaces/ws1/projects/p2/history?after=0&limit=200', auth: 'Bearer tok-1' }]);

    fireEvent.click(within(drill).getByRole('button', { name: '返回看板' }));
    expect(screen.queryByRole('complementary')).toBeNull();
    expect(release).toHaveBeenCalledTimes(1);
  });

  it("falls back to the document's activity stream when the server cannot be reached", async () => {
    const offline = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const { source } = drillSource(logisticsDoc(), { fetch: offline });
    render(<BoardScreen locale="zh-CN" workspace={workspaceRead()} summary={summaryRead()} asOf={AS_OF} mode="extension" charts={false} drill={source} />);
    openLogistics();
    const drill = await screen.findByRole('complementary', { name: '临港物流园' });
    expect(await within(drill).findByText('（离线：显示文档内的活动记录）')).toBeTruthy();
    // Newest first: the problem was added a minute after the project was created.
    const lines = [...drill.querySelectorAll('.history-lines li')].map((li) => li.textContent);
    expect(lines[0]).toMatch(/^王芳 于 2026-04-10 10:01 新增问题/);
    expect(lines.at(-1)).toMatch(/^王芳 于 2026-04-10 10:00 创建项目/);
  });

  it('offers 升级 to a member who may edit the project only when they are 项目办 or a leader (the server refuses anyone else)', async () => {
    const { source } = drillSource(logisticsDoc(), { canEdit: true });
    render(<BoardScreen locale="zh-CN" workspace={workspaceRead()} summary={summaryRead()} asOf={AS_OF} mode="extension" charts={false} drill={source} />);
    openLogistics();
    const drill = await screen.findByRole('complementary', { name: '临港物流园' });
    expect(await within(drill).findByText('用地指标未落实', { exact: false })).toBeTruthy();
    expect(within(drill).queryByRole('button', { name: /升级为/ })).toBeNull();
  });

  it('lets a leader escalate a problem through the model, and shows it at once', async () => {
    const doc = logisticsDoc();
    const { source } = drillSource(doc, { canEdit: true, canEscalate: true });
    render(<BoardScreen locale="zh-CN" workspace={workspaceRead()} summary={summaryRead()} asOf={AS_OF} mode="extension" charts={false} drill={source} />);
    openLogistics();
    const drill = await screen.findByRole('complementary', { name: '临港物流园' });
    fireEvent.click(await within(drill).findByRole('button', { name: '升级为提醒' }));
    expect(drill.querySelector('[data-problem="q-land"]')!.textContent).toContain('提醒');
    expect(within(drill).getByRole('button', { name: '升级为督办' })).toBeTruthy();
    // The activity stream records who escalated.
    expect(within(drill).getByText('赵强 于 2026-04-10 12:00 将问题「用地指标未落实」的督办级别由交办改为提醒')).toBeTruthy();
  });
});

describe('三色督办单: red back to yellow only when its condition is met', () => {
  it('offers a leader 降为提醒 on a red slip only once progress is reported and the new deadline is within the 督办 limit', async () => {
    const doc = logisticsDoc();
    const office = { memberId: 'm-zhao', at: APRIL_10 + 3_600_000 };
    expect(escalateProblem(doc, 'q-land', 'supervised', office).ok).toBe(true);
    const { source } = drillSource(doc, { canEdit: true, canEscalate: true });
    render(<BoardScreen locale="zh-CN" workspace={workspaceRead()} summary={summaryRead()} asOf={AS_OF} mode="extension" charts={false} drill={source} />);
    openLogistics();
    const drill = await screen.findByRole('complementary', { name: '临港物流园' });
    await within(drill).findAllByText('用地指标未落实', { exact: false });
    expect(within(drill).queryByRole('button', { name: /降为提醒/ })).toBeNull();

    // progress reported, but 14 days past the deadline the rules still give 督办
    act(() => void reportProblemProgress(doc, 'q-land', '已报省厅调剂指标', { memberId: 'm-wang', at: APRIL_10 + 7_000_000 }));
    expect(within(drill).queryByRole('button', { name: /降为提醒/ })).toBeNull();
    expect(drill.querySelector('[data-problem="q-land"] .problem-progress')?.textContent).toBe('最新进展（2026-04-10）：已报省厅调剂指标');
    // the 项目办 grants a new deadline: one day late now
    act(() => void editProblem(doc, 'q-land', { deadline: '2026-04-14' }, office));
    fireEvent.click(await within(drill).findByRole('button', { name: /降为提醒/ }));
    expect(drill.querySelector('[data-problem="q-land"]')!.textContent).toContain('提醒');
    expect(within(drill).queryByRole('button', { name: /降为提醒/ })).toBeNull();
  });
});

describe('observers and the wall display', () => {
  it('an observer sees the project but no edit controls', async () => {
    const { source } = drillSource(logisticsDoc(), { canEdit: true, canEscalate: true });
    render(
      <BoardScreen locale="zh-CN" workspace={workspaceRead()} summary={summaryRead()} asOf={AS_OF} mode="extension" readOnly charts={false} drill={source} />,
    );
    openLogistics();
    const drill = await screen.findByRole('complementary', { name: '临港物流园' });
    expect(await within(drill).findByText('用地指标未落实', { exact: false })).toBeTruthy();
    expect(within(drill).getByText('你对该项目只有查看权限')).toBeTruthy();
    expect(within(drill).queryByRole('button', { name: /升级为/ })).toBeNull();
  });

  it('the wall shows its overview in large type with no export, no search and no edit controls; it opens no project', async () => {
    const { source } = drillSource(logisticsDoc(), { canEdit: true });
    const { container } = render(
      <BoardScreen
        locale="zh-CN"
        workspace={workspaceRead()}
        summary={summaryRead()}
        asOf={AS_OF}
        mode="wall"
        charts={false}
        drill={source}
        onExport={() => {}}
      />,
    );
    expect(container.querySelector('main.board.wall')).not.toBeNull();
    expect(screen.getByText('大屏只读')).toBeTruthy();
    expect(screen.queryByRole('group', { name: '导出' })).toBeNull();
    expect(container.querySelector('.wall-page[data-page="overview"]')).not.toBeNull();
    // a meeting screen: the only buttons move between its pages
    for (const button of container.querySelectorAll('button')) expect(button.closest('.wall-pager')).not.toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(screen.queryByRole('combobox')).toBeNull();
  });
});
