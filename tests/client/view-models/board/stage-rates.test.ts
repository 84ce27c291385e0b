import { describe, expect, it } from 'vitest';
import { rankUnits } from '../../../../shared/calc/rankings';
import { stageRateLines } from '../../../../client/view-models/board/stage-rates';
import { row, unit, workspace } from '../../../shared/calc/campaign-fixtures';

describe('stage rates on the board', () => {
  const ws = workspace({ units: [unit('c1'), unit('c2')] });
  const rows = [
    row('a', {
      countyId: 'c1',
      source: 'attracted',
      plannedStart: '2026-03-01',
      stage: 'started',
      stageDates: { signed: '2026-01-10', started: '2026-03-05' },
    }),
    row('b', { countyId: 'c1', source: 'attracted', plannedStart: '2026-04-01', stage: 'signed', stageDates: { signed: '2026-02-01' } }),
    row('c', {
      countyId: 'c2',
      plannedCompletion: '2026-05-01',
      stage: 'operating',
      stageDates: { started: '2025-03-01', completed: '2026-04-20', operating: '2026-05-10' },
    }),
  ];
  it('落地率, 开工率, 竣工率, 投产率 in pipeline order, with their parts and formulas', () => {
    expect(stageRateLines(ws, rows, '2026-06-30', null).map((l) => [l.kind, l.numerator, l.denominator, l.formulaKey])).toEqual([
      ['landingRate', 1, 2, 'calc.formula.landingRate'],
      ['startRate', 1, 2, 'calc.formula.startRate'],
      ['completionRate', 1, 1, 'calc.formula.completionRate'],
      ['productionRate', 1, 1, 'calc.formula.productionRate'],
    ]);
  });
  it('a unit’s rate is the figure of its ranking entry', () => {
    const [landing] = stageRateLines(ws, rows, '2026-06-30', 'c1');
    const entry = rankUnits(ws, rows, { start: '2026-01-01', end: '2026-12-31' }, '2026-06-30', 'landingRate', 'county').entries.find((e) => e.id === 'c1');
    expect(landing).toMatchObject({ rate: entry?.value, numerator: entry?.numerator, denominator: entry?.denominator });
  });
});
