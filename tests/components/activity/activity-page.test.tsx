// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActivityPage } from '../../../components/activity/activity-page';
import type { ActivityLine, ActivityPageResult } from '../../../client/view-models/activity/activity-feed';
import type { RecordRead } from '../../../shared/model/result';

afterEach(cleanup);

const ok = <T,>(value: T): RecordRead<T> => ({ ok: true, value }) as RecordRead<T>;
const workspace = {
  members: [ok({ id: 'm-li', name: '李明' }), ok({ id: 'm-wang', name: '王芳' })],
  units: [ok({ id: 'u-dev', name: '市发改委' }), ok({ id: 'u-fin', name: '市财政局' })],
  registry: [ok({ id: 'p1', name: '城东污水处理厂二期' }), ok({ id: 'p2', name: '智能装备产业园' })],
} as never;

const T0 = Date.UTC(2026, 2, 5, 4, 0); // 2026-03-05 12:00 in Asia/Shanghai

/** 120 entries, newest first: 月报 filings by 李明 on p1, stage moves by 王芳 on p2, alternating. */
const LINES: ActivityLine[] = Array.from({ length: 120 }, (_, i) => {
  const li = i % 2 === 0;
  const at = T0 - i * 3_600_000;
  return li
    ? {
        projectId: 'p1',
        projectName: '城东污水处理厂二期',
        seq: 200 - i,
        at,
        author: 'm-li',
        unitId: 'u-dev',
        kind: 'report',
        action: 'report.file',
        changes: [
          { record: { kind: 'report', id: '2026-02' }, field: 'completedWan', from: null, to: 395.4 },
          { record: { kind: 'report', id: '2026-02' }, field: 'cumulativeWan', from: null, to: 12_085.1 },
        ],
      }
    : {
        projectId: 'p2',
        projectName: '智能装备产业园',
        seq: 200 - i,
        at,
        author: 'm-wang',
        unitId: 'u-fin',
        kind: 'project',
        action: 'project.stage',
        changes: [{ record: { kind: 'project', id: 'p2' }, field: 'stage', from: 'signed', to: 'started' }],
      };
});

/** The server's paging over LINES: filters by member and kind, a cursor that is the index of the next entry. */
function fakeServer() {
  const queries: URLSearchParams[] = [];
  const load = vi.fn(async (query: string): Promise<ActivityPageResult> => {
    const params = new URLSearchParams(query);
    queries.push(params);
    const selected = LINES.filter(
      (l) => (!params.get('member') || l.author === params.get('member')) && (!params.get('kind') || l.kind === params.get('kind')),
    );
    const start = Number(params.get('cursor') ?? 0);
    const limit = Number(params.get('limit'));
    const entries = selected.slice(start, start + limit);
    return { ok: true, entries, nextCursor: start + limit < selected.length ? String(start + limit) : null };
  });
  return { load, queries };
}

describe('动态: the workspace-wide activity page', () => {
  it('lists the changes newest first in plain words, and 加载更多 adds the next page until all are shown', async () => {
    const server = fakeServer();
    render(<ActivityPage locale="zh-CN" workspace={workspace} load={server.load} />);
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(50));
    const [first, second] = screen.getAllByRole('listitem');
    expect(first?.textContent).toBe('李明（市发改委） 于 2026-03-05 12:00 报送 2026年2月 月报：本月 395.4 万元，累计 1.21 亿元 · 项目「城东污水处理厂二期」');
    expect(second?.textContent).toBe('王芳（市财政局） 于 2026-03-05 11:00 将建设阶段由签约改为开工 · 项目「智能装备产业园」');
    for (const item of screen.getAllByRole('listitem')) expect(item.textContent).not.toMatch(/m-li|m-wang|u-dev|p1|p2/);

    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(100));
    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(120));
    expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull();
    expect(screen.getByText('已显示全部 120 条')).toBeTruthy();
    expect(server.queries.map((q) => q.get('cursor'))).toEqual([null, '50', '100']);
  });

  it('asks the server again when a filter changes and shows only what it selects', async () => {
    const server = fakeServer();
    render(<ActivityPage locale="zh-CN" workspace={workspace} load={server.load} />);
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(50));
    expect(screen.getAllByRole('option', { name: '王芳' })).toHaveLength(1);
    fireEvent.change(screen.getByLabelText('人员'), { target: { value: 'm-wang' } });
    fireEvent.change(screen.getByLabelText('类别'), { target: { value: 'project' } });
    await waitFor(() => expect(server.queries.at(-1)?.get('kind')).toBe('project'));
    await waitFor(() => expect(screen.getAllByRole('listitem').every((li) => li.textContent?.startsWith('王芳'))).toBe(true));
    expect(server.queries.at(-1)?.get('member')).toBe('m-wang');
    expect(server.queries.at(-1)?.get('cursor')).toBeNull();
  });

  it('says why when the server refuses, and a start date after the end date is not sent', async () => {
    const refused = vi.fn(async (): Promise<ActivityPageResult> => ({ ok: false, reason: 'refused' }));
    render(<ActivityPage locale="zh-CN" workspace={workspace} load={refused} />);
    expect((await screen.findByRole('alert')).textContent).toBe('只有项目办、领导和督查可以查看全部动态');
    cleanup();

    const server = fakeServer();
    render(<ActivityPage locale="en" workspace={workspace} load={server.load} />);
    await waitFor(() => expect(server.load).toHaveBeenCalledTimes(1));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-10' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-03-01' } });
    expect((await screen.findByRole('alert')).textContent).toBe('Invalid filter: the start date may not be after the end date');
    expect(server.load).toHaveBeenCalledTimes(2); // the first page, and the start date alone; never the inverted range
  });
});
