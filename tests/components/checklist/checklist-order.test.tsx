// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { WorldChecklist } from './harness';
import { buildWorld } from './world';

afterEach(cleanup);

const titlesIn = (section: HTMLElement) =>
  within(section)
    .getAllByRole('listitem')
    .map((li) => li.querySelector('.item-title')?.textContent);

describe('checklist order', () => {
  it('puts overdue items first, most overdue first, then due soon, this month’s 月报, problems and later milestones', () => {
    const world = buildWorld();
    render(<WorldChecklist world={world} actions={world.actions()} />);
    const sections = screen.getAllByRole('region').map((s) => s.getAttribute('aria-label'));
    expect(sections.slice(0, 4)).toEqual(['已逾期', '即将到期', '本月月报', '待解决问题']);

    // 规划选址 20 Mar (14 days), 施工用电未接入 30 Mar (4 days), 土地预审 1 Apr (2 days).
    const overdue = screen.getByRole('region', { name: '已逾期' });
    expect(titlesIn(overdue)).toEqual(['规划选址', '施工用电未接入', '土地预审']);
    expect(within(overdue).getByText('已逾期 14 天')).toBeTruthy();
    // 14 days late ≥ superviseAfterDays 7 → 督办; 2 and 4 days late ≥ remindAfterDays 1 → 提醒.
    const [site, power, land] = within(overdue).getAllByRole('listitem');
    expect(site!.querySelector('.escalation')?.textContent).toBe('督办');
    expect(power!.querySelector('.escalation')?.textContent).toBe('提醒');
    expect(land!.querySelector('.escalation')?.textContent).toBe('提醒');

    // 管网施工图审查 5 Apr (p2, where I am 联系领导), then 能评 10 Apr.
    const soon = screen.getByRole('region', { name: '即将到期' });
    expect(titlesIn(soon)).toEqual(['管网施工图审查', '能评']);
    expect(within(soon).getByText('2 天后到期')).toBeTruthy();
    expect(within(soon).getByText('7 天后到期')).toBeTruthy();

    const reports = screen.getByRole('region', { name: '本月月报' });
    expect(titlesIn(reports)).toEqual(['智能装备产业园']);
    expect(within(reports).getByText('2026-03 月报未填报，2026-04-05 前报送')).toBeTruthy();

    const problems = screen.getByRole('region', { name: '待解决问题' });
    expect(titlesIn(problems)).toEqual(['征地拆迁进度滞后', '交通导改方案未批复']);
    expect(within(problems).getAllByText('交办')).toHaveLength(2);

    expect(screen.getByText('以后的节点（3）')).toBeTruthy();
  });

  it('lists my projects with their stage, and says so when nothing is due', () => {
    const world = buildWorld();
    render(<WorldChecklist world={world} actions={world.actions()} />);
    const projects = screen.getByRole('region', { name: '我的项目' });
    expect(titlesIn(projects)).toEqual(['智能装备产业园', '城南污水处理厂']);
    expect(within(projects).getByText('签约')).toBeTruthy();
    expect(within(projects).getByText('开工')).toBeTruthy();
    expect(screen.queryByText('眼下没有待办事项，继续保持！')).toBeNull();
  });
});
