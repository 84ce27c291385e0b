import { describe, expect, it } from 'vitest';
import { cappedForecast, evaluateTarget, evaluateTargets } from '../../../shared/calc/targets';
import { targetGapText } from '../../../shared/calc/pace';
import type { LightThresholds } from '../../../shared/schema/campaign';
import type { SummaryRow } from '../../../shared/schema/summary';
import type { Target } from '../../../shared/schema/target';
import type { WorkspaceData } from '../../../shared/schema/bundle';
import { member, row, target, unit, workspace } from './campaign-fixtures';

function monthly(values: Record<string, number>): Pick<SummaryRow, 'completedByMonth'> {
  return { completedByMonth: values };
}

function evaluate(t: Target, rows: SummaryRow[], asOf: string, ws: WorkspaceData = workspace({ targets: [t] })) {
  return evaluateTarget(t, ws, rows, asOf);
}

describe('完成投资 against the annual goal, bulletin style', () => {
  const annual = target('invest', { goal: 1000 });
  const rows = [row('p1', monthly({ '2026-01': 100, '2026-02': 80, '2026-03': 60, '2026-04': 500 })), row('p2', monthly({ '2026-03': 69, '2025-12': 999 }))];

  it('309 万元 of 1000 as of 31 March: 30.90% against 25%, 超序时 5.90, green, forecast 1236', () => {
    const r = evaluate(annual, rows, '2026-03-31');
    expect(r).toMatchObject({
      targetId: 'invest',
      asOf: '2026-03-31',
      goal: 1000,
      actual: 309,
      expectedShare: 0.25,
      gapPoints: 5.9,
      light: 'green',
      met: false,
    });
    expect(r.share).toBeCloseTo(0.309, 12);
    expect(r.forecast).toBe(1236);
  });

  it('1–8月 at 74%: 超序时 7.33 个百分点', () => {
    const r = evaluate(annual, [row('p1', monthly({ '2026-02': 300, '2026-05': 240, '2026-08': 200 }))], '2026-08-31');
    expect(r.actual).toBe(740);
    expect(r.gapPoints).toBe(7.33);
  });

  it('counts the months of a 百日会战 window; off month ends the pace is by days', () => {
    const drive = target('drive', { start: '2026-04-01', end: '2026-07-09', windowId: 'w1', goal: 500 });
    const ws = workspace({ targets: [drive], campaign: { windows: [{ id: 'w1', name: '百日会战', start: '2026-04-01', end: '2026-07-09' }] } });
    const r = evaluate(drive, [row('p1', monthly({ '2026-03': 400, '2026-04': 200, '2026-05': 60 }))], '2026-05-20', ws);
    // 260 of 500 = 52% against 50 of 100 days = 50%.
    expect(r).toMatchObject({ actual: 260, expectedShare: 0.5, gapPoints: 2, forecast: 520, light: 'green' });
  });

  it('counts only the scope: a unit sees its own and its county projects, a member what they own, lead or work on', () => {
    const rowsByScope = [
      row('a', { unitId: 'u1', ...monthly({ '2026-01': 10 }) }),
      row('b', { countyId: 'u1', ownerId: 'm1', ...monthly({ '2026-01': 20 }) }),
      row('c', { unitId: 'u2', team: ['m1'], ...monthly({ '2026-01': 40 }) }),
      row('d', { unitId: 'u1', leaderId: 'm1', archived: true, ...monthly({ '2026-01': 80 }) }),
    ];
    expect(evaluate(target('w'), rowsByScope, '2026-01-31').actual).toBe(70);
    expect(evaluate(target('u', { scope: { kind: 'unit', unitId: 'u1' } }), rowsByScope, '2026-01-31').actual).toBe(30);
    expect(evaluate(target('m', { scope: { kind: 'member', memberId: 'm1' } }), rowsByScope, '2026-01-31').actual).toBe(60);
  });
});

describe('三色督办 lights', () => {
  const lights: LightThresholds = { yellowBehindPoints: 5, redBehindPoints: 10, dueSoonDays: 15 };
  const ws = (t: Target) => workspace({ targets: [t], campaign: { lights } });
  const annual = target('a', { goal: 1000 });
  const q1 = target('q1', { end: '2026-03-31', goal: 300 });
  const done = (wan: number) => [row('p', monthly({ '2026-01': wan }))];

  it('green on or ahead of pace', () => {
    expect(evaluate(annual, done(250), '2026-03-31', ws(annual)).light).toBe('green');
  });
  it('green while behind by no more than the yellow threshold', () => {
    expect(evaluate(annual, done(210), '2026-03-31', ws(annual))).toMatchObject({ gapPoints: -4, light: 'green' });
  });
  it('yellow when behind by more than the yellow threshold', () => {
    expect(evaluate(annual, done(190), '2026-03-31', ws(annual))).toMatchObject({ gapPoints: -6, light: 'yellow' });
  });
  it('red when behind by more than the red threshold', () => {
    expect(evaluate(annual, done(140), '2026-03-31', ws(annual))).toMatchObject({ gapPoints: -11, light: 'red' });
  });
  it('blue when on pace but not met and the period ends within 15 days', () => {
    // As of 20 March two of three months are over: 200 expected; 250 is ahead, the quarter ends in 11 days.
    expect(evaluate(q1, done(250), '2026-03-20', ws(q1))).toMatchObject({ light: 'blue', met: false });
  });
  it('red once the period has ended unmet, even when only a little short', () => {
    expect(evaluate(q1, done(299), '2026-04-01', ws(q1))).toMatchObject({ light: 'red', met: false, expectedShare: 1 });
  });
  it('green when met, even after the period', () => {
    expect(evaluate(q1, done(300), '2026-04-01', ws(q1))).toMatchObject({ light: 'green', met: true });
  });
});

describe('stage counts and 开复工', () => {
  const rows = [
    row('A', { stage: 'started', stageDates: { started: '2026-03-10' } }),
    row('B', { kind: 'continued', stage: 'started', stageDates: { started: '2025-05-01' } }),
    row('C', { kind: 'continued', stage: 'completed', stageDates: { started: '2024-03-01', completed: '2025-11-30' } }),
    row('D', { kind: 'continued', stage: 'completed', stageDates: { started: '2025-04-01', completed: '2026-02-15' } }),
    row('E', { stage: 'started', stageDates: { started: '2025-06-01' } }),
    row('F', { kind: 'continued', stage: 'started', stageDates: { started: '2026-04-02' } }),
    row('G', { stage: 'started', stageDates: { started: '2026-08-01' } }),
    row('H', { kind: 'continued', stage: 'started', stageDates: { started: '2025-01-01' }, archived: true }),
    // Recorded straight at 竣工: it started no later than that day.
    row('I', { stage: 'completed', stageDates: { completed: '2026-05-05' } }),
  ];
  const startedOrContinuing = target('kfg', { goal: 10, metric: { kind: 'stageCount', stage: 'startedOrContinuing', filter: {} } });
  const started = target('kg', { goal: 10, metric: { kind: 'stageCount', stage: 'started', filter: {} } });

  it('开复工 = started this year plus 续建 under construction, each once', () => {
    // A, F, I started in 2026 by 30 June; B and D are 续建 still building this year; C finished last year; E is 新建 from last year.
    expect(evaluate(startedOrContinuing, rows, '2026-06-30').actual).toBe(5);
  });
  it('开工 counts only what started within the period up to the as-of day', () => {
    expect(evaluate(started, rows, '2026-06-30').actual).toBe(3);
    expect(evaluate(started, rows, '2026-08-31').actual).toBe(4);
    expect(evaluate(started, rows, '2025-12-31').actual).toBe(0);
  });
  it('applies the metric filter', () => {
    const attractedIndustry = target('f', {
      goal: 5,
      metric: { kind: 'stageCount', stage: 'signed', filter: { sources: ['attracted'], minTotalInvestmentWan: 5000 } },
    });
    const signedRows = [
      row('s1', { source: 'attracted', stage: 'signed', stageDates: { signed: '2026-02-01' } }),
      row('s2', { source: 'attracted', totalInvestmentWan: 4000, annualPlanWan: 100, stage: 'signed', stageDates: { signed: '2026-02-01' } }),
      row('s3', { source: 'government', stage: 'signed', stageDates: { signed: '2026-02-01' } }),
    ];
    expect(evaluate(attractedIndustry, signedRows, '2026-03-31').actual).toBe(1);
  });
});

describe('personal quotas (副处级以上 1000 万元, 正科级 500 万元, by 30 November)', () => {
  const quota = { kind: 'memberQuota' as const, thresholdsWan: { deputyDivision: 1000, section: 500 }, perMember: 1, deadline: '2026-11-30' };
  const members = [
    member('m1', { rank: 'section' }),
    member('m2', { rank: 'section' }),
    member('m3', { rank: 'staff' }),
    member('m4', { rank: 'deputyDivision' }),
  ];
  const signedOn = (id: string, by: string, date: string, wan: number) =>
    row(id, { attractedById: by, source: 'attracted', totalInvestmentWan: wan, annualPlanWan: 0, stage: 'signed', stageDates: { signed: date } });
  const rows = [signedOn('late', 'm1', '2026-12-02', 800), signedOn('ok', 'm2', '2026-06-01', 600), signedOn('small', 'm4', '2026-05-01', 900)];
  const lights: LightThresholds = { yellowBehindPoints: 0, redBehindPoints: 100, dueSoonDays: 15 };
  const personal = (memberId: string) => target(`q-${memberId}`, { goal: 1, scope: { kind: 'member', memberId }, metric: quota });
  const ws = (targets: Target[]) => workspace({ members, targets, campaign: { lights } });

  it('a quota met after its deadline is not met, and turns red once the deadline has passed', () => {
    const t = personal('m1');
    const before = evaluateTarget(t, ws([t]), rows, '2026-11-20');
    expect(before).toMatchObject({ actual: 0, met: false, light: 'yellow' });
    const after = evaluateTarget(t, ws([t]), rows, '2026-12-05');
    expect(after).toMatchObject({ actual: 0, met: false, light: 'red' });
  });
  it('a project signed in time and big enough for the rank counts', () => {
    const t = personal('m2');
    expect(evaluateTarget(t, ws([t]), rows, '2026-07-01')).toMatchObject({ actual: 1, met: true, light: 'green' });
  });
  it('a project below the rank threshold does not count', () => {
    const t = personal('m4');
    expect(evaluateTarget(t, ws([t]), rows, '2026-07-01')).toMatchObject({ actual: 0, met: false });
  });
  it('a rank without a threshold owes nothing', () => {
    const t = personal('m3');
    expect(evaluateTarget(t, ws([t]), rows, '2026-12-05')).toMatchObject({ met: true, light: 'green' });
  });
  it('workspace-wide: the number of members who owe a quota and met it by the deadline', () => {
    const all = target('q-all', { goal: 3, metric: quota });
    // m1 late, m2 met, m3 owes nothing (not counted), m4 too small.
    expect(evaluateTarget(all, ws([all]), rows, '2026-12-31')).toMatchObject({ actual: 1, met: false, light: 'red' });
  });
  it('unit-wide counts only the unit’s members', () => {
    const inUnit = [member('m1', { rank: 'section', unitId: 'u1' }), member('m2', { rank: 'section', unitId: 'u2' })];
    const t = target('q-u1', { goal: 1, scope: { kind: 'unit', unitId: 'u1' }, metric: quota });
    const wsUnit = workspace({ members: inUnit, units: [unit('u1'), unit('u2')], targets: [t] });
    expect(evaluateTarget(t, wsUnit, rows, '2026-12-31').actual).toBe(0);
  });
});

describe('manual values and the list of results', () => {
  const values = { '2026-01': 120, '2026-02': 100, '2026-03': 130, '2026-04': 90 };
  it('sums the months up to the as-of month, or takes the latest', () => {
    const sum = target('gdp', { goal: 1000, metric: { kind: 'manual', aggregate: 'sum', unitLabel: '亿元', values } });
    const latest = target('rate', { goal: 100, metric: { kind: 'manual', aggregate: 'latest', unitLabel: '%', values } });
    expect(evaluate(sum, [], '2026-03-31').actual).toBe(350);
    expect(evaluate(latest, [], '2026-03-31').actual).toBe(130);
    expect(evaluate(latest, [], '2025-12-31').actual).toBe(0);
  });
  it('evaluates every target that is not archived', () => {
    const ws = workspace({ targets: [target('t1'), target('t2', { archived: true }), target('t3')] });
    expect(evaluateTargets(ws, [], '2026-03-31').map((r) => r.targetId)).toEqual(['t1', 't3']);
  });
});

describe('rate and ratio targets (增速 %) are compared with their goal directly', () => {
  // 固定资产投资增速 as the 统计局 publishes it, 1–N月 to date: the latest month is the figure.
  const growth = { '2026-01': 4.1, '2026-02': 6.9, '2026-03': 7.5, '2026-10': 8.2, '2026-11': 8.6 };
  const rate = target('growth', { title: '固定资产投资增速', goal: 8, metric: { kind: 'manual', aggregate: 'latest', unitLabel: '%', values: growth } });

  it('8.60% against 8%: 0.60 points above the goal, no 序时, no forecast, green and met', () => {
    const r = evaluate(rate, [], '2026-11-30');
    expect(r).toMatchObject({ actual: 8.6, goal: 8, expectedShare: null, forecast: null, gapPoints: 0.6, light: 'green', met: true });
    expect(targetGapText('zh-CN', r, '%')).toBe('高于目标 0.60 个百分点');
    expect(targetGapText('en', r, '%')).toBe('0.60 points above the goal');
  });
  it('at the end of Q1, 7.50% is 0.50 points below 8%: not "+90 points ahead of pace", and no extrapolation', () => {
    const r = evaluate(rate, [], '2026-03-31');
    expect(r).toMatchObject({ actual: 7.5, expectedShare: null, forecast: null, gapPoints: -0.5, met: false });
    // 7.5 of 8 is 6.25% short of the goal: beyond the default yellow threshold (0), well within the red one (10).
    expect(r.light).toBe('yellow');
    expect(targetGapText('zh-CN', r, '%')).toBe('低于目标 0.50 个百分点');
  });
  it('a declared ratio (aggregate rate) in its own unit reads the gap in that unit; far below the goal is red', () => {
    const ratio = target('intensity', { goal: 300, metric: { kind: 'manual', aggregate: 'rate', unitLabel: '万元/亩', values: { '2026-05': 240 } } });
    const r = evaluate(ratio, [], '2026-06-30');
    expect(r).toMatchObject({ actual: 240, expectedShare: null, forecast: null, gapPoints: -60, light: 'red' });
    expect(targetGapText('zh-CN', r, '万元/亩')).toBe('低于目标 60.00 万元/亩');
  });
  it('before the first figure is published nothing is judged: no red light for a 0% that nobody entered', () => {
    const unpublished = target('growth', { goal: 8, metric: { kind: 'manual', aggregate: 'latest', unitLabel: '%', values: { '2026-03': 7.5 } } });
    expect(evaluate(unpublished, [], '2026-02-20')).toMatchObject({ actual: 0, gapPoints: 0, light: 'green', met: false });
  });
  it('a sum of money entered by hand is still paced', () => {
    const funds = target('funds', {
      goal: 120,
      metric: { kind: 'manual', aggregate: 'sum', unitLabel: '亿元', values: { '2026-01': 10, '2026-02': 10, '2026-03': 10 } },
    });
    expect(evaluate(funds, [], '2026-03-31')).toMatchObject({ actual: 30, expectedShare: 0.25, gapPoints: 0, forecast: 120 });
  });
});

describe('forecasts are capped by what can still happen', () => {
  // Ten projects; by 31 March six have started (序时 25%): six ÷ 0.25 would say 24.
  const rows = Array.from({ length: 10 }, (_, i) =>
    i < 6 ? row(`p${i}`, { stage: 'started', stageDates: { started: '2026-02-10' } }) : row(`p${i}`, { stage: 'preparation' }),
  );
  it('开复工 never forecasts more projects than there are: 6 done + 4 not yet started = 10, not 24', () => {
    const t = target('kfg', { goal: 10, metric: { kind: 'stageCount', stage: 'startedOrContinuing', filter: {} } });
    expect(evaluate(t, rows, '2026-03-31')).toMatchObject({ actual: 6, forecast: 10 });
  });
  it('a project that started before the period can no longer count as 新开工', () => {
    const withOld = [
      ...rows.slice(0, 8),
      row('old1', { stage: 'started', stageDates: { started: '2025-10-01' } }),
      row('old2', { stage: 'completed', stageDates: { started: '2025-03-01', completed: '2025-12-01' } }),
    ];
    const t = target('kg', { goal: 8, metric: { kind: 'stageCount', stage: 'started', filter: {} } });
    // 6 started this year, 2 can still start: 8 at most.
    expect(evaluate(t, withOld, '2026-03-31')).toMatchObject({ actual: 6, forecast: 8 });
  });
  it('a forecast below the cap is the plain extrapolation; after the period it is what was done', () => {
    const few = [...rows.slice(0, 1), ...Array.from({ length: 9 }, (_, i) => row(`n${i}`))];
    const t = target('kg', { goal: 10, metric: { kind: 'stageCount', stage: 'started', filter: {} } });
    expect(evaluate(t, few, '2026-03-31')).toMatchObject({ actual: 1, forecast: 4 });
    expect(evaluate(t, few, '2027-01-05')).toMatchObject({ actual: 1, forecast: 1 });
  });
  it('a workspace quota never forecasts more members than owe one', () => {
    const quota = { kind: 'memberQuota' as const, thresholdsWan: { section: 500 }, perMember: 1, deadline: '2026-11-30' };
    const t = target('q', { goal: 2, end: '2026-11-30', metric: quota });
    const ws = workspace({ members: [member('m1'), member('m2')], targets: [t] });
    const signed = row('s', { attractedById: 'm1', source: 'attracted', totalInvestmentWan: 800, stage: 'signed', stageDates: { signed: '2026-01-20' } });
    // 1 of 2 met by 31 January (1 of 11 months): 11 would be forecast uncapped.
    expect(evaluateTarget(t, ws, [signed], '2026-01-31')).toMatchObject({ actual: 1, forecast: 2 });
  });
  it('money is not capped above, and never forecast below what is done', () => {
    const t = target('invest', { goal: 1000 });
    expect(evaluate(t, [row('p', { completedByMonth: { '2026-01': 50 } })], '2026-01-31').forecast).toBe(600);
    expect(cappedForecast(500, 0, null)).toBe(500);
    expect(cappedForecast(5, 0.25, 3)).toBe(5);
  });
});
