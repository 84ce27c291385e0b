// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BoardScreen } from '../../../entrypoints/board/board-screen';
import { AS_OF, summaryRead, workspaceRead } from './fixtures';

afterEach(cleanup);

function renderBoard(memberId: string | null = null) {
  return render(
    <BoardScreen locale="zh-CN" workspace={workspaceRead()} summary={summaryRead()} asOf={AS_OF} mode="extension" charts={false} memberId={memberId} />,
  );
}

const pipelineTotal = () => within(screen.getByRole('region', { name: '项目阶段分布' })).getByText(/^合计/).textContent;
const targetIds = () => [...document.querySelectorAll('.targets-table [data-target]')].map((el) => el.getAttribute('data-target'));

describe('the board filtered by 县区/责任单位/项目类型/包联领导 (#9 §5)', () => {
  it('one filter changes every section: the pipeline, the problems, the targets that speak about them, and lists the projects', () => {
    renderBoard();
    expect(pipelineTotal()).toBe('合计 3 个项目');
    fireEvent.change(screen.getByRole('combobox', { name: '责任单位' }), { target: { value: 'u-ind' } });
    expect(pipelineTotal()).toBe('合计 1 个项目');
    expect(within(screen.getByRole('region', { name: '问题清单（按责任部门）' })).getByText('没有未办结的问题')).toBeTruthy();
    // the city's lines stay (judged on every project), the 东城区 line goes
    expect(targetIds()).toEqual(['t-invest', 't-start']);
    const listed = screen.getByRole('region', { name: '筛选出的项目' });
    expect(within(listed).getByText('高标准农田')).toBeTruthy();
    expect(screen.getByText('筛选后 1 个项目')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '清除筛选' }));
    expect(pipelineTotal()).toBe('合计 3 个项目');
    expect(screen.queryByRole('region', { name: '筛选出的项目' })).toBeNull();
  });

  it('a leader opens their 包联 view in one click: their projects and what is open on them', () => {
    renderBoard('m-zhao');
    fireEvent.click(screen.getByRole('button', { name: '我包联的项目' }));
    const mine = screen.getByRole('region', { name: '赵强 包联的项目' });
    expect(
      within(mine)
        .getAllByRole('row')
        .map((r) => r.getAttribute('data-project'))
        .filter(Boolean),
    ).toEqual(['p1']);
    expect(pipelineTotal()).toBe('合计 1 个项目');
    expect((screen.getByRole('combobox', { name: '包联领导' }) as HTMLSelectElement).value).toBe('m-zhao');
  });

  it('is offered to a member who leads nothing only as the filter', () => {
    renderBoard('m-wang');
    expect(screen.queryByRole('button', { name: '我包联的项目' })).toBeNull();
    expect(screen.getByRole('combobox', { name: '包联领导' })).toBeTruthy();
  });

  it('search by several words finds leaders, units and projects; a leader found opens their view', async () => {
    renderBoard();
    const box = screen.getByRole('searchbox', { name: '搜索' });
    fireEvent.change(box, { target: { value: '东城 智能' } });
    expect((await screen.findAllByRole('listitem')).some((li) => li.getAttribute('data-id') === 'p1')).toBe(true);
    fireEvent.change(box, { target: { value: '工信' } });
    fireEvent.click(await screen.findByRole('button', { name: '部门 工信局（1 个项目）' }));
    expect(pipelineTotal()).toBe('合计 1 个项目');
    fireEvent.change(box, { target: { value: '赵' } });
    fireEvent.click(await screen.findByRole('button', { name: '包联领导 赵强（1 个项目）' }));
    expect(screen.getByRole('region', { name: '赵强 包联的项目' })).toBeTruthy();
    fireEvent.change(box, { target: { value: '没有这个项目' } });
    expect(await screen.findByText('没有找到：没有这个项目')).toBeTruthy();
  });
});
