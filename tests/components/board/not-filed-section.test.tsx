// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotFiledSection } from '../../../components/board/not-filed-section';
import { notFiledThisMonth } from '../../../client/view-models/board/not-filed';
import { summaryRow } from '../../../shared/calc/summary-row';
import { bundle, member, report, shanghaiNoon, unit, workspace } from '../../shared/calc/report-fixtures';

afterEach(cleanup);

const ws = workspace({
  units: [unit('u1', '高新区'), unit('u2', '临江区')],
  members: [member('zhang', '张伟'), member('wang', '王芳'), member('li', '李强'), member('admin', '周敏', { role: 'admin' })],
});
const rows = [
  summaryRow(bundle({ id: 'p1', name: '智能装备产业园', ownerId: 'zhang', team: ['li'], unitId: 'u1' })),
  summaryRow(bundle({ id: 'p2', name: '临江港区物流园', ownerId: 'wang', unitId: 'u2' })),
  summaryRow(bundle({ id: 'p3', name: '冷链物流中心', ownerId: 'li', unitId: 'u2' }, { reports: [report('2026-03', 10, 10)] })),
];

describe('未报送 on the board: 催报 by the 项目办', () => {
  it('reminds everyone who has not filed, or one unit, naming the projects and the people who file them', () => {
    const onRemind = vi.fn(() => ({ ok: true as const }));
    render(<NotFiledSection list={notFiledThisMonth(ws, rows, '2026-04-08')} locale="zh-CN" onRemind={onRemind} />);
    fireEvent.click(screen.getByRole('button', { name: '一键催报（2 个项目）' }));
    expect(onRemind).toHaveBeenLastCalledWith({ month: '2026-03', unitId: null, projectIds: ['p1', 'p2'], memberIds: ['li', 'wang', 'zhang'] });
    expect(screen.getByRole('status').textContent).toBe('已向 2 个项目的责任人和专班催报');

    fireEvent.change(screen.getByLabelText('按单位催报'), { target: { value: 'u2' } });
    fireEvent.click(screen.getByRole('button', { name: '催报本单位' }));
    expect(onRemind).toHaveBeenLastCalledWith({ month: '2026-03', unitId: 'u2', projectIds: ['p2'], memberIds: ['wang'] });
  });

  it('shows when a project was reminded; nobody but the 项目办 gets the buttons', () => {
    const reminded = workspace({
      ...ws,
      reminders: [{ id: 'r1', month: '2026-03', unitId: 'u2', projectIds: ['p2'], memberIds: ['wang'], sent: { by: 'admin', at: shanghaiNoon('2026-04-06') } }],
    });
    render(<NotFiledSection list={notFiledThisMonth(reminded, rows, '2026-04-08')} locale="zh-CN" />);
    expect(document.querySelector('[data-project="p2"]')?.textContent).toContain('已催报 2026-04-06 12:00');
    expect(document.querySelector('[data-project="p1"]')?.textContent).not.toContain('已催报');
    expect(screen.queryByRole('button', { name: /催报/ })).toBeNull();
  });
});
