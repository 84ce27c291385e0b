import { describe, expect, it } from 'vitest';
import { RANKING_METRICS, rankMembers, rankUnits } from '../../../shared/calc/rankings';
import { t } from '../../../shared/i18n';
import { member, row, unit, workspace } from './campaign-fixtures';

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
    const r = rankUnits(ws, rows, year, '2026-03-31', 'investmentShare');
    expect(r.entries.map((e) => [e.id, e.rank, e.value, e.numerator, e.denominator])).toEqual([
      ['u1', 1, 0.3, 300, 1000],
      ['u2', 1, 0.3, 600, 2000],
      ['u3', 3, 0.2, 100, 500],
      ['u5', 4, null, 0, 0],
    ]);
  });
  it('the 序时 gap ranks the same units in points: 30% and 20% against 25%', () => {
    const r = rankUnits(ws, rows, year, '2026-03-31', 'paceGap');
    expect(r.entries.map((e) => [e.id, e.rank, e.value])).toEqual([
      ['u1', 1, 5],
      ['u2', 1, 5],
      ['u3', 3, -5],
      ['u5', 4, null],
    ]);
  });
  it('names the units as people know them', () => {
    expect(rankUnits(ws, rows, year, '2026-03-31', 'investmentShare').entries[0]?.name).toBe('单位u1');
  });
});

describe('member rankings on the projects they own or lead', () => {
  const ws = workspace({ members: [member('m1'), member('m2'), member('m3'), member('m4', { archived: true })] });
  const rows = [
    row('a', { ownerId: 'm1', team: ['m2'], plannedStart: '2026-02-01', stage: 'started', stageDates: { started: '2026-02-20' } }),
    row('b', { leaderId: 'm1', plannedStart: '2026-03-01' }),
    row('c', { ownerId: 'm3', plannedStart: '2026-03-01', stage: 'started', stageDates: { started: '2026-03-02' } }),
    row('d', { ownerId: 'm4', plannedStart: '2026-03-01', stage: 'started', stageDates: { started: '2026-03-02' } }),
  ];

  it('开工率: m3 1/1 first, m1 1/2 second; m2 only sits on a team and has nothing to be ranked on', () => {
    const r = rankMembers(ws, rows, year, '2026-06-30', 'startRate');
    expect(r.entries.map((e) => [e.id, e.rank, e.value, e.numerator, e.denominator])).toEqual([
      ['m3', 1, 1, 1, 1],
      ['m1', 2, 0.5, 1, 2],
      ['m2', 3, null, 0, 0],
    ]);
  });
  it('投产率 and 问题办结率 rank outcomes the same way', () => {
    const more = [
      row('p', { ownerId: 'm1', stage: 'operating', stageDates: { completed: '2026-02-01', operating: '2026-04-01' } }),
      row('q', { ownerId: 'm2', stage: 'completed', stageDates: { completed: '2026-02-01' } }),
      row('r', {
        leaderId: 'm3',
        problems: [
          {
            id: 'x',
            description: '拆迁',
            departmentId: null,
            ownerId: null,
            deadline: '2026-05-01',
            status: 'resolved',
            escalation: 'assigned',
            raisedOn: '2026-03-01',
            resolvedOn: '2026-04-01',
          },
        ],
      }),
    ];
    expect(rankMembers(ws, more, year, '2026-06-30', 'productionRate').entries.map((e) => [e.id, e.rank, e.value])).toEqual([
      ['m1', 1, 1],
      ['m2', 2, 0],
      ['m3', 3, null],
    ]);
    expect(rankMembers(ws, more, year, '2026-06-30', 'problemResolutionRate').entries.map((e) => [e.id, e.rank])).toEqual([
      ['m3', 1],
      ['m1', 2],
      ['m2', 2],
    ]);
  });
});

describe('every ranking is an outcome and shows its formula', () => {
  it('ranks outcomes only', () => {
    expect([...RANKING_METRICS]).toEqual(['investmentShare', 'paceGap', 'startRate', 'productionRate', 'problemResolutionRate']);
  });
  it('carries a formula that reads in Chinese and English', () => {
    const ws = workspace({ units: [unit('u1')] });
    for (const metric of RANKING_METRICS) {
      const r = rankUnits(ws, [], year, '2026-06-30', metric);
      expect(r.metric).toBe(metric);
      expect(t('zh-CN', r.formulaKey)).toMatch(/^[\u4e00-\u9fa5]+ = /);
      expect(t('en', r.formulaKey)).toMatch(/^[A-Z][A-Za-z ]+ = /);
    }
  });
});
