// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApplyAnswer, PreviewAnswer, RevertAsk, RevertPreview } from '../../../../client/view-models/board/revert-preview';
import { RevertDialog } from '../../../../components/board/drill/revert-dialog';

afterEach(cleanup);

const members = new Map([
  ['m-li', '李娜'],
  ['m-wang', '王建国'],
]);
const names = new Map([...members, ['u-roads', '交通局']]);
const NOV_2_0800 = Date.parse('2026-11-02T08:00:00+08:00');
const NOV_2_1100 = Date.parse('2026-11-02T11:00:00+08:00');

function preview(plan: string, extra: Partial<RevertPreview['projects'][number]> = {}): RevertPreview {
  return {
    plan,
    projects: [
      {
        projectId: 'p-road',
        name: '城东道路提升工程',
        restores: [{ record: { kind: 'project', id: 'p-road' }, field: 'totalInvestmentWan', current: 35_000, restore: 3_000 }],
        archives: [{ kind: 'milestone', id: 'ms-1', title: '路基完工' }],
        conflicts: [
          {
            record: { kind: 'project', id: 'p-road' },
            field: 'progressNote',
            later: { by: 'm-wang', at: Date.parse('2026-11-02T10:30:00+08:00'), value: '路面摊铺' },
          },
        ],
        kept: [],
        ...extra,
      },
    ],
  };
}

function api(previews: PreviewAnswer[], applies: ApplyAnswer[]) {
  return {
    preview: vi.fn(async (_ask: RevertAsk) => previews.shift() ?? { ok: false as const, message: null }),
    apply: vi.fn(async (_ask: RevertAsk, _plan: string) => applies.shift() ?? { ok: false as const, message: null }),
  };
}

const lines = (): string[] => [...document.querySelectorAll('li')].map((li) => `${li.getAttribute('data-kind')}: ${li.textContent}`);

describe('the 项目办 undo dialog in the project drill (#13 restorable)', () => {
  it("undoes a member's changes: asks for a member and a window, previews in plain words, shows a changed plan, then applies it", async () => {
    const server = api(
      [{ ok: true, preview: preview('a'.repeat(64)) }],
      [
        { ok: false, message: '预览之后又有新的修改，计划已变化：请查看新的预览后再确认', preview: preview('b'.repeat(64), { conflicts: [] }) },
        { ok: true, written: 1, restored: 1, archived: 1 },
      ],
    );
    const onClose = vi.fn();
    render(<RevertDialog mode="member" projectId="p-road" locale="zh-CN" members={members} names={names} api={server} onClose={onClose} />);

    // nothing chosen: told what is missing, nothing asked of the server
    fireEvent.click(screen.getByRole('button', { name: '预览' }));
    expect(screen.getByRole('alert').textContent).toBe('请选择成员并填写开始和结束时间（开始不晚于结束）');
    expect(server.preview).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('成员'), { target: { value: 'm-li' } });
    fireEvent.change(screen.getByLabelText('开始时间'), { target: { value: '2026-11-02T08:00' } });
    fireEvent.change(screen.getByLabelText('结束时间'), { target: { value: '2026-11-02T11:00' } });
    fireEvent.click(screen.getByRole('button', { name: '预览' }));
    await screen.findByText('撤销 李娜 在 2026-11-02 08:00 至 2026-11-02 11:00 之间的修改：');
    expect(server.preview).toHaveBeenCalledWith({ kind: 'member', member: 'm-li', from: NOV_2_0800, to: NOV_2_1100, projectId: 'p-road' });
    expect(screen.getByText('项目「城东道路提升工程」')).toBeTruthy();
    const shown = lines();
    expect(shown[0]).toMatch(/^change: 项目的“总投资”：3\.5 亿元 → 3000(\.0)? 万元$/);
    expect(shown[1]).toBe('change: 归档节点「路基完工」（在这段时间内新建）');
    // a conflict names who changed it later and when, in Shanghai time, and is left alone
    expect(shown[2]).toBe('conflict: 保留不动：项目的“形象进度”此后由 王建国 于 2026-11-02 10:30 改为 路面摊铺');
    expect(shown.join('\n')).not.toMatch(/m-wang|m-li|totalInvestmentWan/);

    // the plan changed before the confirmation: nothing done, the new plan shown to confirm again
    fireEvent.click(screen.getByRole('button', { name: '确认执行' }));
    await screen.findByRole('alert');
    expect(screen.getByRole('alert').textContent).toBe('预览之后又有新的修改，计划已变化：请查看新的预览后再确认');
    expect(server.apply).toHaveBeenLastCalledWith(expect.objectContaining({ member: 'm-li' }), 'a'.repeat(64));
    expect(lines().some((l) => l.startsWith('conflict'))).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: '确认执行' }));
    await screen.findByRole('status');
    expect(server.apply).toHaveBeenLastCalledWith(expect.objectContaining({ member: 'm-li' }), 'b'.repeat(64));
    expect(screen.getByRole('status').textContent).toContain('已完成：1 个项目，恢复 1 个字段，归档 1 条记录');
    fireEvent.click(screen.getByRole('button', { name: '关闭' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('restores to a time over the whole project, lists the 月报 it keeps, and says so when the server cannot be reached', async () => {
    const restore = preview('c'.repeat(64), { conflicts: [], kept: [{ kind: 'report', id: '2026-10', reason: 'filedAfter' }] });
    const server = api(
      [
        { ok: false, message: null },
        { ok: true, preview: restore },
      ],
      [{ ok: false, message: null }],
    );
    render(<RevertDialog mode="at" projectId="p-road" locale="zh-CN" members={members} names={names} api={server} onClose={() => undefined} />);
    fireEvent.change(screen.getByLabelText('恢复到'), { target: { value: '2026-11-02T08:00' } });
    fireEvent.click(screen.getByRole('button', { name: '预览' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('无法连接服务器，未执行'));

    fireEvent.click(screen.getByRole('button', { name: '预览' }));
    await screen.findByText('把项目恢复到 2026-11-02 08:00 时的状态：');
    expect(server.preview).toHaveBeenLastCalledWith({ kind: 'at', projectId: 'p-road', at: NOV_2_0800 });
    expect(lines()).toContain('change: 归档节点「路基完工」（该时刻之后新建）');
    expect(lines()).toContain('kept: 保留：2026年10月 月报（该时刻之后报送，月报不能撤回）');
    fireEvent.click(screen.getByRole('button', { name: '确认执行' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('未执行：无法连接服务器，未执行'));
  });

  it('in English, second', async () => {
    const server = api([{ ok: true, preview: preview('d'.repeat(64), { archives: [], conflicts: [] }) }], []);
    render(<RevertDialog mode="member" projectId="p-road" locale="en" members={members} names={names} api={server} onClose={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Member'), { target: { value: 'm-li' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-02T08:00' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-02T11:00' } });
    fireEvent.click(screen.getByLabelText('The whole workspace (not only this project)'));
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByText('Undoing the changes 李娜 made between 2026-11-02 08:00 and 2026-11-02 11:00:');
    expect(server.preview).toHaveBeenCalledWith(expect.objectContaining({ projectId: null }));
  });
});
