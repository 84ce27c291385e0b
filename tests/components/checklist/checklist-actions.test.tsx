// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { readProjectDoc } from '../../../shared/model/project-read';
import { validValues } from '../../../shared/model/result';
import { WorldChecklist } from './harness';
import { buildWorld, ME, type World } from './world';

afterEach(cleanup);

function setup(): World {
  const world = buildWorld();
  render(<WorldChecklist world={world} actions={world.actions()} />);
  return world;
}

const p1 = (world: World) => readProjectDoc(world.projects.get('p1')!);
const row = (title: string) => screen.getByText(title).closest('li')!;
const projectRow = (name: string) =>
  within(screen.getByRole('region', { name: '我的项目' }))
    .getByText(name)
    .closest('li')!;

describe('tick a milestone (one click, undo-able)', () => {
  it('ticks with one click, attributed to me, and undo unticks it', async () => {
    const world = setup();
    fireEvent.click(screen.getByRole('checkbox', { name: '完成节点“规划选址”' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('已完成“规划选址”'));
    const done = validValues(p1(world).milestones).find((m) => m.title === '规划选址');
    expect(done?.done?.by).toBe(ME);
    // Ticked, it leaves the overdue section.
    expect(within(screen.getByRole('region', { name: '已逾期' })).queryByText('规划选址')).toBeNull();

    fireEvent.click(within(screen.getByRole('status')).getByRole('button', { name: '撤销' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('已撤销“规划选址”'));
    expect(validValues(p1(world).milestones).find((m) => m.title === '规划选址')?.done).toBeNull();
    expect(within(screen.getByRole('region', { name: '已逾期' })).getByText('规划选址')).toBeTruthy();
  });
});

describe('file this month’s 月报 (two clicks)', () => {
  it('opens inline with the figure field focused, shows the derived cumulative and files it', async () => {
    const world = setup();
    fireEvent.click(within(screen.getByRole('region', { name: '本月月报' })).getByRole('button', { name: '填报' }));
    const figure = await screen.findByLabelText('本月完成投资（万元）');
    expect(document.activeElement).toBe(figure);
    fireEvent.change(figure, { target: { value: '500' } });
    // Jan 1000 + Feb 800 + Mar 500.
    expect(screen.getByText('今年累计将为 2300 万元')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('形象进度'), { target: { value: '主体钢结构吊装完成 40%' } });
    fireEvent.click(screen.getByRole('button', { name: '报送' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('已报送 智能装备产业园 2026-03 月报'));
    const march = validValues(p1(world).reports).find((r) => r.month === '2026-03');
    expect(march).toMatchObject({ completedWan: 500, cumulativeWan: 2300, progress: '主体钢结构吊装完成 40%', filed: { by: ME } });
    expect(screen.queryByRole('region', { name: '本月月报' })).toBeNull();
  });

  it('corrects the last month filed from my project: the document keeps the replaced version (更正)', async () => {
    const world = setup();
    fireEvent.click(within(projectRow('智能装备产业园')).getByRole('button', { name: '更正 2026-02 月报' }));
    const figure = (await screen.findByLabelText('本月完成投资（万元）')) as HTMLInputElement;
    expect(figure.value).toBe('800');
    fireEvent.change(figure, { target: { value: '750' } });
    fireEvent.change(screen.getByLabelText('问题和建议'), { target: { value: '设备到货延迟' } });
    fireEvent.click(screen.getByRole('button', { name: '更正' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('已更正 智能装备产业园 2026-02 月报'));
    const feb = validValues(p1(world).reports).find((r) => r.month === '2026-02');
    expect(feb).toMatchObject({ completedWan: 750, cumulativeWan: 1750, issues: '设备到货延迟', filed: { by: ME } });
    expect(feb?.revisions?.map((v) => [v.completedWan, v.progress, v.filed.by])).toEqual([[800, '围墙施工', ME]]);
  });

  it('shows the refusal at the figure field and writes nothing', async () => {
    const world = setup();
    fireEvent.click(screen.getByRole('button', { name: '填报' }));
    fireEvent.click(await screen.findByRole('button', { name: '报送' }));
    const figure = screen.getByLabelText('本月完成投资（万元）');
    await waitFor(() => expect(figure.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(figure.getAttribute('aria-describedby')!)?.textContent).toBe('请填写本月完成投资或今年累计完成投资（填一个即可）');

    fireEvent.change(figure, { target: { value: '-20' } });
    fireEvent.click(screen.getByRole('button', { name: '报送' }));
    await waitFor(() => expect(document.getElementById(figure.getAttribute('aria-describedby')!)?.textContent).toBe('金额不能为负数'));

    fireEvent.change(figure, { target: { value: '五百' } });
    fireEvent.click(screen.getByRole('button', { name: '报送' }));
    await waitFor(() => expect(document.getElementById(figure.getAttribute('aria-describedby')!)?.textContent).toBe('请输入数字（单位：万元）'));
    expect(validValues(p1(world).reports).map((r) => r.month)).toEqual(['2026-01', '2026-02']);
  });
});

describe('move a stage (two clicks)', () => {
  it('preselects the next stage and today, and saves', async () => {
    const world = setup();
    fireEvent.click(within(projectRow('智能装备产业园')).getByRole('button', { name: '调整阶段' }));
    expect(((await screen.findByLabelText('建设阶段')) as HTMLSelectElement).value).toBe('preparation');
    expect((screen.getByLabelText('到达日期') as HTMLInputElement).value).toBe('2026-04-03');
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('智能装备产业园 已调整为“前期”'));
    const project = p1(world).project;
    expect(project.ok && project.value.stage).toBe('preparation');
    expect(project.ok && project.value.stageDates).toEqual({ signed: '2026-02-01', preparation: '2026-04-03' });
  });

  it('shows a date before the previous stage’s at the date field', async () => {
    const world = setup();
    fireEvent.click(within(projectRow('智能装备产业园')).getByRole('button', { name: '调整阶段' }));
    const date = await screen.findByLabelText('到达日期');
    fireEvent.change(date, { target: { value: '2026-01-15' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(date.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(date.getAttribute('aria-describedby')!)?.textContent).toBe('阶段日期不能早于前一阶段的日期');
    const project = p1(world).project;
    expect(project.ok && project.value.stage).toBe('signed');
  });
});

describe('add a problem (two clicks)', () => {
  it('refuses an empty description at its field, then adds the problem with its department and deadline', async () => {
    const world = setup();
    fireEvent.click(within(projectRow('智能装备产业园')).getByRole('button', { name: '报问题' }));
    const description = await screen.findByLabelText('问题描述');
    expect(document.activeElement).toBe(description);
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(description.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(description.getAttribute('aria-describedby')!)?.textContent).toBe('不能为空');

    fireEvent.change(description, { target: { value: '环评批复待省厅出具' } });
    fireEvent.change(screen.getByLabelText('责任部门'), { target: { value: 'u-land' } });
    // The deadline defaults to a week from today.
    expect((screen.getByLabelText('办结期限') as HTMLInputElement).value).toBe('2026-04-10');
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('已登记问题'));
    const added = validValues(p1(world).problems).find((p) => p.description === '环评批复待省厅出具');
    expect(added).toMatchObject({ departmentId: 'u-land', deadline: '2026-04-10', status: 'open', escalation: 'assigned', raised: { by: ME } });
    // Due in 7 days (≤ 15): it shows under 即将到期.
    expect(within(screen.getByRole('region', { name: '即将到期' })).getByText('环评批复待省厅出具')).toBeTruthy();
  });
});

describe('a problem I answer for: 报进展 and 申请销号 (two clicks each); 升级 is for 项目办 and leaders', () => {
  it('escalates 交办 → 督办 for a leader; a member is not offered it', async () => {
    const world = buildWorld();
    const { unmount } = render(<WorldChecklist world={world} actions={world.actions()} />);
    expect(within(row('征地拆迁进度滞后')).queryByRole('button', { name: '升级' })).toBeNull();
    unmount();
    render(<WorldChecklist world={world} actions={world.actions('leader')} />);
    fireEvent.click(within(row('征地拆迁进度滞后')).getByRole('button', { name: '升级' }));
    expect(await screen.findByRole('button', { name: '升级为提醒' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '升级为督办' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('已升级为督办'));
    expect(validValues(p1(world).problems).find((p) => p.id === 'pr-land')?.escalation).toBe('supervised');
    expect(row('征地拆迁进度滞后').querySelector('.escalation')?.textContent).toBe('督办');
  });

  it('reports progress: the problem is in progress, the note attributed to me', async () => {
    const world = setup();
    fireEvent.click(within(row('施工用电未接入')).getByRole('button', { name: '报进展' }));
    const note = await screen.findByLabelText('进展情况');
    fireEvent.change(note, { target: { value: '已与供电公司对接，下周送电' } });
    fireEvent.click(within(row('施工用电未接入')).getByRole('button', { name: '报送' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('已报送进展'));
    expect(validValues(p1(world).problems).find((p) => p.id === 'pr-power')).toMatchObject({
      status: 'inProgress',
      progress: { by: ME, note: '已与供电公司对接，下周送电' },
    });
  });

  it('申请销号 needs the evidence note at its field; then it awaits confirmation, and I cannot close it myself', async () => {
    const world = setup();
    fireEvent.click(within(row('施工用电未接入')).getByRole('button', { name: '申请销号' }));
    const evidence = await screen.findByLabelText('佐证说明');
    fireEvent.click(within(row('施工用电未接入')).getByRole('button', { name: '申请销号' }));
    await waitFor(() => expect(evidence.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(evidence.getAttribute('aria-describedby')!)?.textContent).toBe('销号须填写佐证说明');

    fireEvent.change(evidence, { target: { value: '供电公司已送电，见验收单' } });
    fireEvent.click(within(row('施工用电未接入')).getByRole('button', { name: '申请销号' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('已申请销号，待项目办确认'));
    const asked = validValues(p1(world).problems).find((p) => p.id === 'pr-power');
    expect(asked).toMatchObject({ status: 'closeRequested', request: { by: ME, evidence: '供电公司已送电，见验收单' }, resolution: null });
    // still on my list, waiting; nothing to close it with
    expect(within(row('施工用电未接入')).getByText('已申请销号，待项目办确认')).toBeTruthy();
    for (const name of ['申请销号', '确认销号', '销号']) expect(within(row('施工用电未接入')).queryByRole('button', { name })).toBeNull();
  });
});
