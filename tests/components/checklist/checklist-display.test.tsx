// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TargetLine } from '../../../client/view-models/checklist/checklist-data';
import { readProjectDoc } from '../../../shared/model/project-read';
import { validValues } from '../../../shared/model/result';
import { WorldChecklist } from './harness';
import { buildWorld } from './world';

afterEach(cleanup);

/** 1–3月 elapsed of 12 → 序时 25%; 30.90% done is 超序时进度 5.90 points (the bulletins' own example). */
const AHEAD: TargetLine = {
  targetId: 't-invest',
  title: '个人招商引资到位资金',
  asOf: '2026-04-03',
  goal: 10_000,
  actual: 3090,
  share: 0.309,
  expectedShare: 0.25,
  gapPoints: 5.9,
  light: 'green',
  forecast: 12_360,
  met: false,
};
/** 12.5% against 25% → 落后序时进度 12.50 points, beyond the red threshold of 10. */
const BEHIND: TargetLine = {
  targetId: 't-start',
  title: '新开工项目',
  asOf: '2026-04-03',
  goal: 8,
  actual: 1,
  share: 0.125,
  expectedShare: 0.25,
  gapPoints: -12.5,
  light: 'red',
  forecast: 4,
  met: false,
};

describe('targets', () => {
  it('shows each light as a dot with an accessible name, the share against 序时 and the gap in words', () => {
    const world = buildWorld();
    render(<WorldChecklist world={world} actions={world.actions()} targets={[AHEAD, BEHIND]} />);
    const targets = screen.getByRole('region', { name: '我的目标任务' });
    const [ahead, behind] = within(targets).getAllByRole('listitem');
    expect(within(ahead!).getByRole('img', { name: '绿灯' })).toBeTruthy();
    expect(ahead!.textContent).toContain('完成 30.90% · 序时 25.00%');
    expect(ahead!.textContent).toContain('超序时进度 5.90 个百分点');
    expect(within(behind!).getByRole('img', { name: '红灯' })).toBeTruthy();
    expect(behind!.textContent).toContain('完成 12.50% · 序时 25.00%');
    expect(behind!.textContent).toContain('落后序时进度 12.50 个百分点');
  });

  it('shows a growth-rate target against its goal, without 序时', () => {
    const world = buildWorld();
    const rate: TargetLine = {
      targetId: 't-growth',
      title: '全市固定资产投资增速',
      asOf: '2026-04-03',
      goal: 8,
      actual: 7.5,
      share: 0.9375,
      expectedShare: null,
      gapPoints: -0.5,
      light: 'yellow',
      forecast: null,
      met: false,
      unitLabel: '%',
    };
    render(<WorldChecklist world={world} actions={world.actions()} targets={[rate]} />);
    const [line] = within(screen.getByRole('region', { name: '我的目标任务' })).getAllByRole('listitem');
    expect(line!.textContent).toContain('当前 7.50% · 目标 8%');
    expect(line!.textContent).toContain('低于目标 0.50 个百分点');
    expect(line!.textContent).not.toContain('序时');
  });
});

describe('an invalid record', () => {
  it('is shown as invalid with its reason, and the rest of the checklist still works', async () => {
    const world = buildWorld();
    const p1 = world.projects.get('p1')!;
    // Another replica wrote a milestone whose due date is a number.
    p1.getMap('milestones').set('m-bad/title', '坏节点');
    p1.getMap('milestones').set('m-bad/dueDate', 42);
    render(<WorldChecklist world={world} actions={world.actions()} />);
    const invalid = screen.getByRole('region', { name: '无法读取的记录' });
    expect(invalid.textContent).toContain('智能装备产业园 · 节点 · m-bad：记录无效：');
    expect(screen.getByRole('note').textContent).toMatch(/记录无效：.+/);

    fireEvent.click(screen.getByRole('checkbox', { name: '完成节点“能评”' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('已完成“能评”'));
    expect(validValues(readProjectDoc(p1).milestones).find((m) => m.title === '能评')?.done).not.toBeNull();
  });
});

describe('rights', () => {
  it('gives an observer no edit controls at all', () => {
    const world = buildWorld();
    render(<WorldChecklist world={world} actions={world.actions('observer')} />);
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    for (const name of ['填报', '升级', '报进展', '申请销号', '确认销号', '调整阶段', '报问题']) expect(screen.queryByRole('button', { name })).toBeNull();
    // Everything is still there to read.
    expect(screen.getByText('规划选址')).toBeTruthy();
    expect(screen.getByText('征地拆迁进度滞后')).toBeTruthy();
  });

  it('gives a member who answers for a problem in a project they are not on its 报进展 and 申请销号, and no 升级 anywhere', () => {
    const world = buildWorld();
    render(<WorldChecklist world={world} actions={world.actions()} />);
    const foreign = screen.getByText('交通导改方案未批复').closest('li')!;
    expect(
      within(foreign)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['报进展', '申请销号']);
    const own = screen.getByText('征地拆迁进度滞后').closest('li')!;
    expect(
      within(own)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['报进展', '申请销号']);
  });

  it('lets a member answer for a problem in a project they are not on, without reaching the rest of that project', async () => {
    const world = buildWorld();
    const actions = world.actions();
    expect(actions.canEdit('p3')).toBe(false);
    expect(actions.canWrite('p3')).toBe(true);
    expect((await actions.reportProblemProgress('p3', 'pr-traffic', '已报交警支队审批')).ok).toBe(true);
    expect((await actions.addProblem('p3', { description: '越权新增', departmentId: null, ownerId: null, deadline: '2026-05-01' })).ok).toBe(false);
  });
});

describe('language', () => {
  it('shows every label in English when the locale is en', () => {
    const world = buildWorld();
    render(<WorldChecklist world={world} actions={world.actions()} locale="en" targets={[AHEAD]} />);
    expect(
      screen
        .getAllByRole('region')
        .slice(0, 4)
        .map((s) => s.getAttribute('aria-label')),
    ).toEqual(['Overdue', 'Due soon', "This month's report", 'Problems to solve']);
    expect(screen.getByText('14 days overdue')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Green light' })).toBeTruthy();
    expect(screen.getByText('5.90 points ahead of pace')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'File' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Complete milestone "规划选址"' })).toBeTruthy();
  });
});
