import { describe, expect, it } from 'vitest';
import { RANKING_METRICS, rankMembers, rankUnits, rankUnitsByKind } from '../../../shared/calc/rankings';
import { unitRates } from '../../../shared/calc/rates';
import { evaluateTarget } from '../../../shared/calc/targets';
import { t } from '../../../shared/i18n';
import type { SummaryProblem } from '../../../shared/schema/summary';
import { member, row, target, unit, workspace } from './campaign-fixtures';

const year = { start: '2026-01-01', end: '2026-12-31' };

describe('unit rankings on 完成投资 and 序时', () => {
  const ws = workspace({ units: [unit('u1'), unit('u2'), unit('u3'), unit('u4', { archived: true }), unit('u5')] });
  const rows = [
    row('a', { unitId: 'u1', totalInvestmentWan: 5000, annualPlanWan: 1000, completedByMonth: { '2026-01': 100, '2026-03': 200 } }),
    row('b', { unitId: 'u2', totalInvestmentWan: 5000, annualPlanWan: 1500, completedByMonth: { '2026-02': 450 } }),
    row('c', { countyId: 'u2', totalInvestmentWan: 5000, annualPlanWan: 500, completedByMonth: { '2026-03': 150 } }),
    row('d', { unitId: 'u3', totalInvestmentWan: 5000, annualPlanWan: 500, completedByMonth: { '2026-03': 100 } }),
    row('e', { unitId: 'u4', totalInvestmentWan: 5000, annualPlanWan: 500, completedByMonth: { '2026-03': 500 } }),
    row('f', { unitId: 'u3', annualPlanWan: 900, completedByMonth: { '2026-03': 900 }, archived: true }),
  ];

  it('ties share a rank (1, 1, 3) and a unit with no plan comes last without a value', () => {
    const r = rankUnits(ws, rows, year, '2026-03-31', 'investmentShare', 'county');
    expect(r.entries.map((e) => [e.id, e.rank, e.value, e.numerator, e.denominator])).toEqual([
      ['u1', 1, 0.3, 300, 1000],
      ['u2', 1, 0.3, 600, 2000],
      ['u3', 3, 0.2, 100, 500],
      ['u5', 4, null, 0, 0],
    ]);
  });
  it('the 序时 gap ranks the same units in points: 30% and 20% against 25%', () => {
    const r = rankUnits(ws, rows, year, '2026-03-31', 'paceGap', 'county');
    expect(r.entries.map((e) => [e.id, e.rank, e.value])).toEqual([
      ['u1', 1, 5],
      ['u2', 1, 5],
      ['u3', 3, -5],
      ['u5', 4, null],
    ]);
  });
  it('names the units as people know them', () => {
    expect(rankUnits(ws, rows, year, '2026-03-31', 'investmentShare', 'county').entries[0]?.name).toBe('单位u1');
  });
});

describe('every ranking is an outcome and shows its formula', () => {
  it('ranks outcomes only', () => {
    expect([...RANKING_METRICS]).toEqual(['investmentShare', 'paceGap', 'landingRate', 'startRate', 'productionRate', 'problemResolutionRate']);
  });
  it('carries a formula that reads in Chinese and English', () => {
    const ws = workspace({ units: [unit('u1')] });
    for (const metric of RANKING_METRICS) {
      const r = rankUnits(ws, [], year, '2026-06-30', metric, 'county');
      expect(r.metric).toBe(metric);
      expect(t('zh-CN', r.formulaKey)).toMatch(/^[\u4e00-\u9fa5]+ = /);
      expect(t('en', r.formulaKey)).toMatch(/^[A-Z][A-Za-z ]+ = /);
    }
  });
});

function problem(id: string, departmentId: string | null, resolvedOn: string | null): SummaryProblem {
  return {
    id,
    description: '用地报批',
    departmentId,
    ownerId: null,
    deadline: '2026-06-30',
    status: resolvedOn ? 'resolved' : 'open',
    escalation: 'assigned',
    raisedOn: '2026-02-01',
    resolvedOn,
  };
}

describe('each kind of unit is ranked among itself', () => {
  const ws = workspace({
    units: [
      unit('c1', { name: '东城区' }),
      unit('c2', { name: '西城区' }),
      unit('d1', { name: '发改委', kind: 'department' }),
      unit('tf', { name: '新能源专班', kind: 'taskForce' }),
    ],
  });
  const rows = [
    row('a', { countyId: 'c1', annualPlanWan: 1000, completedByMonth: { '2026-03': 300 } }),
    row('b', { countyId: 'c2', annualPlanWan: 1000, completedByMonth: { '2026-03': 150 } }),
    row('c', { unitId: 'd1', countyId: 'c1', annualPlanWan: 1000, completedByMonth: { '2026-03': 100 } }),
    // The task force's one project is far ahead: it leads its own ranking, not the counties'.
    row('d', { unitId: 'tf', annualPlanWan: 100, completedByMonth: { '2026-03': 90 } }),
  ];
  it('a 专班 never sits above the counties: 县区, 市直部门 and 专班 are separate rankings', () => {
    const all = rankUnitsByKind(ws, rows, year, '2026-03-31', 'investmentShare');
    expect(all.county.entries.map((e) => [e.name, e.rank])).toEqual([
      ['东城区', 1],
      ['西城区', 2],
    ]);
    expect(all.county.subject).toBe('county');
    expect(all.department.entries.map((e) => e.name)).toEqual(['发改委']);
    expect(all.taskForce.entries.map((e) => [e.name, e.value])).toEqual([['新能源专班', 0.9]]);
    expect(rankUnits(ws, rows, year, '2026-03-31', 'investmentShare', 'taskForce')).toEqual(all.taskForce);
  });
  it('a county counts the projects located in it, a department those it is responsible for', () => {
    const all = rankUnitsByKind(ws, rows, year, '2026-03-31', 'investmentShare');
    expect(all.county.entries.find((e) => e.id === 'c1')).toMatchObject({ numerator: 400, denominator: 2000 });
    expect(all.department.entries[0]).toMatchObject({ numerator: 100, denominator: 1000 });
  });
});

describe('问题办结率 belongs to the department that answers for the problem', () => {
  const ws = workspace({
    units: [unit('c1', { name: '东城区' }), unit('nr', { name: '市自然资源和规划局', kind: 'department' }), unit('d1', { name: '发改委', kind: 'department' })],
  });
  // 18 land problems on the counties' projects, all answered by 市自然资源和规划局; 12 of them closed.
  const land = Array.from({ length: 18 }, (_, i) => problem(`land${i}`, 'nr', i < 12 ? '2026-04-01' : null));
  const rows = [
    row('a', { countyId: 'c1', problems: land.slice(0, 10) }),
    row('b', { countyId: 'c1', problems: land.slice(10) }),
    // No department named: the project's 责任单位 answers.
    row('c', { unitId: 'd1', problems: [problem('x', null, '2026-03-01')] }),
  ];
  it('市自然资源和规划局 is ranked on its 18 problems (12/18), not "no denominator"', () => {
    const r = rankUnits(ws, rows, year, '2026-06-30', 'problemResolutionRate', 'department');
    expect(r.entries.map((e) => [e.name, e.numerator, e.denominator])).toEqual([
      ['发改委', 1, 1],
      ['市自然资源和规划局', 12, 18],
    ]);
  });
  it('the county whose projects they sit on does not answer for them', () => {
    const r = rankUnits(ws, rows, year, '2026-06-30', 'problemResolutionRate', 'county');
    expect(r.entries).toEqual([expect.objectContaining({ id: 'c1', value: null, numerator: 0, denominator: 0 })]);
  });
  it('unitRates counts the same problems for the department', () => {
    expect(unitRates(rows, { unitId: 'nr', ...year }, '2026-06-30').problemResolutionRate).toMatchObject({ numerator: 12, denominator: 18 });
  });
});

describe('市级领导/包联领导 are ranked by their 包联 projects', () => {
  const ws = workspace({
    members: [
      member('L1', { name: '李市长', rank: 'cityLeader' }),
      member('L2', { name: '王副市长', rank: 'cityLeader' }),
      member('D1', { name: '赵局长', rank: 'deputyDivision' }),
      member('S1', { name: '张科长', rank: 'section' }),
    ],
  });
  const rows = [
    row('a', { leaderId: 'L1', ownerId: 'S1', plannedStart: '2026-02-01', stage: 'started', stageDates: { started: '2026-02-20' } }),
    row('b', { leaderId: 'L1', plannedStart: '2026-03-01' }),
    row('c', { leaderId: 'D1', plannedStart: '2026-03-01', stage: 'started', stageDates: { started: '2026-03-02' } }),
    row('d', { ownerId: 'S1', plannedStart: '2026-03-01', stage: 'started', stageDates: { started: '2026-03-02' } }),
  ];
  it('every 市级领导 and any member who leads a project; an owner who leads nothing is not ranked', () => {
    const r = rankMembers(ws, rows, year, '2026-06-30', 'startRate');
    expect(r.subject).toBe('leader');
    expect(r.entries.map((e) => [e.name, e.rank, e.numerator, e.denominator])).toEqual([
      ['赵局长', 1, 1, 1],
      ['李市长', 2, 1, 2],
      ['王副市长', 3, 0, 0],
    ]);
  });
});

describe('one definition of 投资完成率: the ranking and the target row of the same county agree', () => {
  // 东城区's projects plan 1250 万元 this year; the 项目办 set it a task of 1300 (a rounded figure).
  const task = target('t-east', { title: '东城区项目完成投资', scope: { kind: 'unit', unitId: 'c1' }, goal: 1300 });
  const ws = workspace({ units: [unit('c1', { name: '东城区' }), unit('c2', { name: '西城区' })], targets: [task] });
  const rows = [
    row('a', { countyId: 'c1', annualPlanWan: 1250, completedByMonth: { '2026-02': 310 } }),
    row('b', { countyId: 'c2', annualPlanWan: 1000, completedByMonth: { '2026-02': 250 } }),
  ];
  it('投资完成率 and 序时进度差 of 东城区 are the target row’s share and gap (310 ÷ 1300), not 310 ÷ 1250', () => {
    const result = evaluateTarget(task, ws, rows, '2026-03-31');
    const share = rankUnits(ws, rows, year, '2026-03-31', 'investmentShare', 'county').entries.find((e) => e.id === 'c1');
    expect(share).toMatchObject({ value: result.share, numerator: 310, denominator: 1300 });
    const gap = rankUnits(ws, rows, year, '2026-03-31', 'paceGap', 'county').entries.find((e) => e.id === 'c1');
    expect(gap?.value).toBe(result.gapPoints);
  });
  it('a county without a task is judged on its projects’ annual plan', () => {
    const west = rankUnits(ws, rows, year, '2026-03-31', 'investmentShare', 'county').entries.find((e) => e.id === 'c2');
    expect(west).toMatchObject({ value: 0.25, numerator: 250, denominator: 1000 });
  });
  it('a task for another period or a filtered one is not the unit’s task', () => {
    const q1 = target('q1', { scope: { kind: 'unit', unitId: 'c2' }, end: '2026-03-31', goal: 300 });
    const province = target('pv', { scope: { kind: 'unit', unitId: 'c2' }, goal: 400, metric: { kind: 'investmentSum', filter: { keyLevels: ['province'] } } });
    const other = workspace({ units: ws.units, targets: [q1, province] });
    expect(rankUnits(other, rows, year, '2026-03-31', 'investmentShare', 'county').entries.find((e) => e.id === 'c2')?.denominator).toBe(1000);
  });
});

describe('落地率 is ranked too', () => {
  it('of the attracted projects signed this year, the share started', () => {
    const ws = workspace({ units: [unit('tf', { kind: 'taskForce' })] });
    const rows = [
      row('a', { unitId: 'tf', source: 'attracted', stage: 'started', stageDates: { signed: '2026-02-01', started: '2026-04-01' } }),
      row('b', { unitId: 'tf', source: 'attracted', stage: 'signed', stageDates: { signed: '2026-03-01' } }),
    ];
    expect(rankUnits(ws, rows, year, '2026-06-30', 'landingRate', 'taskForce').entries[0]).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
  });
});
