import { describe, expect, it } from 'vitest';
import { currentTheme, describeThemeCheck, themeChecks, type ThemeCheck } from '../../../shared/calc/themes';
import { defaultCampaign } from '../../../shared/schema/campaign';
import type { SummaryRow } from '../../../shared/schema/summary';
import { row, target, workspace } from './campaign-fixtures';

const investment = target('invest', { title: '固定资产投资', goal: 1000 });
const starts = target('starts', { title: '新开工项目', goal: 4, metric: { kind: 'stageCount', stage: 'started', filter: {} } });

function startedOn(id: string, date: string): SummaryRow {
  return row(id, { stage: 'started', stageDates: { started: date } });
}

function quarter(checks: ThemeCheck[], n: number): ThemeCheck {
  const found = checks.find((c) => c.kind === 'quarter' && c.quarter === n);
  if (!found) throw new Error(`no check for Q${n}`);
  return found;
}

describe('双过半 (by 30 June, every annual target at half or more)', () => {
  const rows = [
    row('p1', { completedByMonth: { '2026-02': 200, '2026-05': 250, '2026-07': 300 } }),
    startedOn('s1', '2026-03-01'),
    startedOn('s2', '2026-06-30'),
  ];
  const ws = workspace({ targets: [investment, starts] });

  it('a target at 45% on 30 June fails the theme, and the check names it', () => {
    const q2 = quarter(themeChecks(ws, rows, '2026-07-10'), 2);
    expect(q2.status).toBe('missed');
    expect(q2.checks.map((c) => [c.targetId, c.passed])).toEqual([
      ['invest', false],
      ['starts', true],
    ]);
    expect(describeThemeCheck('zh-CN', q2)).toEqual(['固定资产投资：完成 45.00%，要求不低于 50.00%']);
    expect(describeThemeCheck('en', q2)).toEqual(['固定资产投资: 45.00% done, needs at least 50.00%']);
  });
  it('is judged as of 30 June: catching up in July does not rescue it', () => {
    const q2 = quarter(themeChecks(ws, rows, '2026-08-31'), 2);
    expect(q2.checkedAsOf).toBe('2026-06-30');
    expect(q2.checks[0]?.share).toBeCloseTo(0.45, 12);
    expect(q2.status).toBe('missed');
  });
  it('passes when every annual workspace target is at half or more', () => {
    const enough = [...rows, row('p2', { completedByMonth: { '2026-06': 50 } })];
    const q2 = quarter(themeChecks(ws, enough, '2026-07-01'), 2);
    expect(q2.status).toBe('passed');
    expect(describeThemeCheck('zh-CN', q2)).toEqual(['全部目标达到要求']);
  });
  it('while the quarter runs the check is current and provisional', () => {
    const q2 = quarter(themeChecks(ws, rows, '2026-05-31'), 2);
    expect(q2.status).toBe('current');
    expect(q2.checks[0]?.share).toBeCloseTo(0.45, 12);
  });
});

describe('开门红, 攻坚 and 收官', () => {
  const ws = workspace({
    targets: [investment, target('unitOnly', { scope: { kind: 'unit', unitId: 'u1' }, goal: 1 }), target('q1Only', { end: '2026-03-31', goal: 1 })],
  });

  it('开门红: at or ahead of 序时 on 31 March (25% on the months basis); only annual workspace targets are judged', () => {
    const onPace = quarter(themeChecks(ws, [row('p', { completedByMonth: { '2026-03': 250 } })], '2026-04-01'), 1);
    expect(onPace.checks.map((c) => c.targetId)).toEqual(['invest']);
    expect(onPace.checks[0]?.requiredShare).toBe(0.25);
    expect(onPace.status).toBe('passed');
    const short = quarter(themeChecks(ws, [row('p', { completedByMonth: { '2026-03': 249 } })], '2026-04-01'), 1);
    expect(short.status).toBe('missed');
  });
  it('开门红 follows a front-loaded plan curve when the workspace uses one', () => {
    const curve = [0.12, 0.2, 0.3, 0.38, 0.46, 0.55, 0.63, 0.71, 0.79, 0.87, 0.94, 1];
    const wsCurve = workspace({ targets: [investment], campaign: { pace: { basis: 'curve', curve } } });
    const q1 = quarter(themeChecks(wsCurve, [row('p', { completedByMonth: { '2026-03': 250 } })], '2026-04-01'), 1);
    expect(q1.checks[0]?.requiredShare).toBeCloseTo(0.3, 12);
    expect(q1.status).toBe('missed');
  });
  it('攻坚: at or ahead of 序时 on 30 September (75%)', () => {
    const q3 = quarter(themeChecks(ws, [row('p', { completedByMonth: { '2026-09': 760 } })], '2026-10-08'), 3);
    expect(q3.checks[0]?.requiredShare).toBe(0.75);
    expect(q3.status).toBe('passed');
  });
  it('收官: every annual target met by 31 December', () => {
    const short = quarter(themeChecks(ws, [row('p', { completedByMonth: { '2026-12': 999 } })], '2027-01-05'), 4);
    expect(short.status).toBe('missed');
    const met = quarter(themeChecks(ws, [row('p', { completedByMonth: { '2026-12': 1000 } })], '2027-01-05'), 4);
    expect(met.status).toBe('passed');
  });
  it('later quarters are upcoming', () => {
    const checks = themeChecks(ws, [], '2026-05-01');
    expect(checks.filter((c) => c.kind === 'quarter').map((c) => c.status)).toEqual(['missed', 'current', 'upcoming', 'upcoming']);
  });
});

describe('campaign windows (百日会战)', () => {
  const window = { id: 'w1', name: '百日会战', start: '2026-04-01', end: '2026-07-09' };
  const driveInvest = target('d1', { title: '会战投资', start: '2026-04-01', end: '2026-07-09', windowId: 'w1', goal: 500 });
  const driveStarts = target('d2', {
    title: '会战开工',
    start: '2026-04-01',
    end: '2026-07-09',
    windowId: 'w1',
    goal: 1,
    metric: { kind: 'stageCount', stage: 'started', filter: {} },
  });
  const ws = workspace({ targets: [investment, driveInvest, driveStarts], campaign: { windows: [window] } });
  const windowCheck = (checks: ThemeCheck[]) => checks.find((c) => c.kind === 'window');

  it('passes when every window target is met by the window end', () => {
    const rows = [row('p', { completedByMonth: { '2026-05': 500 } }), startedOn('s', '2026-07-09')];
    const w = windowCheck(themeChecks(ws, rows, '2026-07-20'));
    expect(w).toMatchObject({ kind: 'window', windowId: 'w1', name: '百日会战', status: 'passed' });
    expect(w?.checks.map((c) => c.targetId)).toEqual(['d1', 'd2']);
  });
  it('is missed when a window target was met only after the window', () => {
    const rows = [row('p', { completedByMonth: { '2026-05': 500 } }), startedOn('s', '2026-07-10')];
    const w = windowCheck(themeChecks(ws, rows, '2026-07-20'));
    expect(w?.status).toBe('missed');
    expect(w && describeThemeCheck('zh-CN', w)).toEqual(['会战开工：完成 0.00%，要求不低于 100.00%']);
  });
  it('is upcoming before it starts', () => {
    expect(windowCheck(themeChecks(ws, [], '2026-03-01'))?.status).toBe('upcoming');
  });
});

describe('the theme on the calendar', () => {
  const campaign = defaultCampaign(2026);
  it('names the quarter theme of the as-of day', () => {
    expect(currentTheme(campaign, '2026-01-01')).toEqual({ quarter: 1, theme: 'strongStart' });
    expect(currentTheme(campaign, '2026-06-30')).toEqual({ quarter: 2, theme: 'doubleHalf' });
    expect(currentTheme(campaign, '2026-07-01')).toEqual({ quarter: 3, theme: 'tackle' });
    expect(currentTheme(campaign, '2026-12-31')).toEqual({ quarter: 4, theme: 'finish' });
  });
  it('has no theme outside the campaign year', () => {
    expect(currentTheme(campaign, '2025-12-31')).toBeNull();
    expect(currentTheme(campaign, '2027-01-01')).toBeNull();
  });
});

describe('a rate target (增速 %) in the quarter themes', () => {
  const growth = target('growth', {
    title: '固定资产投资增速',
    goal: 8,
    metric: { kind: 'manual', aggregate: 'rate', unitLabel: '%', values: { '2026-06': 7.2, '2026-03': 9 } },
  });
  const ws = workspace({ targets: [growth] });
  it('passes 开门红 only by reaching its goal (9% of 8%), not by a share against 序时', () => {
    expect(quarter(themeChecks(ws, [], '2026-04-10'), 1).checks.map((c) => c.passed)).toEqual([true]);
  });
  it('fails 双过半 at 7.2% of 8% although 90% is "over half", and says so in its own terms', () => {
    const q2 = quarter(themeChecks(ws, [], '2026-07-10'), 2);
    expect(q2.checks.map((c) => [c.passed, c.requiredShare])).toEqual([[false, 1]]);
    expect(describeThemeCheck('zh-CN', q2)).toEqual(['固定资产投资增速：7.20%，未达到目标 8%']);
  });
});
