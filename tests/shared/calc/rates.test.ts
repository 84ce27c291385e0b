import { describe, expect, it } from 'vitest';
import { RATE_KINDS, unitRates } from '../../../shared/calc/rates';
import { t } from '../../../shared/i18n';
import type { SummaryProblem, SummaryRow } from '../../../shared/schema/summary';
import { row } from './campaign-fixtures';

const year = { start: '2026-01-01', end: '2026-12-31' };
const all = { unitId: null, ...year };

function problem(id: string, raisedOn: string, resolvedOn: string | null): SummaryProblem {
  return {
    id,
    description: '用地指标未落实',
    departmentId: null,
    ownerId: null,
    deadline: '2026-12-31',
    status: resolvedOn ? 'resolved' : 'open',
    escalation: 'assigned',
    raisedOn,
    resolvedOn,
  };
}

describe('落地率: attracted projects signed in the period that have started', () => {
  const rows: SummaryRow[] = [
    row('L1', { source: 'attracted', stage: 'started', stageDates: { signed: '2026-02-01', started: '2026-05-01' } }),
    row('L2', { source: 'attracted', stage: 'signed', stageDates: { signed: '2026-03-01' } }),
    row('L3', { source: 'attracted', stage: 'started', stageDates: { signed: '2025-10-01', started: '2026-02-01' } }),
    row('L4', { source: 'government', stage: 'started', stageDates: { signed: '2026-02-01', started: '2026-03-01' } }),
    row('L5', { source: 'attracted', stage: 'started', stageDates: { signed: '2026-04-01', started: '2026-07-15' } }),
  ];
  it('as of 30 June: L1 of L1, L2, L5 → 1/3', () => {
    expect(unitRates(rows, all, '2026-06-30').landingRate).toMatchObject({ numerator: 1, denominator: 3, rate: 1 / 3 });
  });
  it('as of 31 August L5 has started too → 2/3', () => {
    expect(unitRates(rows, all, '2026-08-31').landingRate).toMatchObject({ numerator: 2, denominator: 3 });
  });
});

describe('开工率 and 竣工率: of the projects planned in the period so far', () => {
  const rows: SummaryRow[] = [
    row('S1', { plannedStart: '2026-03-01', stage: 'started', stageDates: { started: '2026-04-10' } }),
    row('S2', { plannedStart: '2026-05-01' }),
    row('S3', { plannedStart: '2026-09-01', stage: 'started', stageDates: { started: '2026-06-01' } }),
    row('S4', { plannedStart: '2025-11-01', stage: 'started', stageDates: { started: '2026-01-10' } }),
    row('C1', { plannedCompletion: '2026-03-31', stage: 'completed', stageDates: { started: '2025-03-01', completed: '2026-03-20' } }),
    row('C2', { plannedCompletion: '2026-06-30', stage: 'started', stageDates: { started: '2025-03-01' } }),
    row('C3', { plannedCompletion: '2026-12-31', stage: 'started', stageDates: { started: '2025-03-01' } }),
  ];
  it('开工率 as of 30 June: S1 of S1, S2 → 1/2 (S3 is planned later, S4 was due last year)', () => {
    expect(unitRates(rows, all, '2026-06-30').startRate).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5 });
  });
  it('竣工率 as of 30 June: C1 of C1, C2 → 1/2', () => {
    expect(unitRates(rows, all, '2026-06-30').completionRate).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5 });
  });
  it('at year end every plan of the year is due', () => {
    const r = unitRates(rows, all, '2026-12-31');
    expect(r.startRate).toMatchObject({ numerator: 2, denominator: 3 });
    expect(r.completionRate).toMatchObject({ numerator: 1, denominator: 3 });
  });
});

describe('投产率: projects completed in the period that are operating', () => {
  const rows: SummaryRow[] = [
    row('P1', { stage: 'operating', stageDates: { completed: '2026-03-20', operating: '2026-05-01' } }),
    row('P2', { stage: 'completed', stageDates: { completed: '2026-06-01' } }),
    row('P3', { stage: 'operating', stageDates: { completed: '2025-12-01', operating: '2026-02-01' } }),
    row('P4', { stage: 'operating', stageDates: { completed: '2026-04-01', operating: '2026-08-01' } }),
  ];
  it('as of 30 June: P1 of P1, P2, P4 → 1/3', () => {
    expect(unitRates(rows, all, '2026-06-30').productionRate).toMatchObject({ numerator: 1, denominator: 3 });
  });
});

describe('问题办结率: problems raised in the period that are resolved', () => {
  const rows: SummaryRow[] = [
    row('Q1', { problems: [problem('pr1', '2026-02-01', '2026-03-01'), problem('pr2', '2026-03-01', null)] }),
    row('Q2', { problems: [problem('pr3', '2025-12-20', '2026-01-05'), problem('pr4', '2026-06-01', '2026-07-02')] }),
  ];
  it('as of 30 June: pr1 of pr1, pr2, pr4 → 1/3; pr4 is resolved only in July', () => {
    expect(unitRates(rows, all, '2026-06-30').problemResolutionRate).toMatchObject({ numerator: 1, denominator: 3 });
    expect(unitRates(rows, all, '2026-07-31').problemResolutionRate).toMatchObject({ numerator: 2, denominator: 3 });
  });
});

describe('scope, zero denominators and formulas', () => {
  const rows: SummaryRow[] = [
    row('a', { unitId: 'u1', plannedStart: '2026-02-01', stage: 'started', stageDates: { started: '2026-02-10' } }),
    row('b', { countyId: 'u1', plannedStart: '2026-02-01' }),
    row('c', { unitId: 'u2', plannedStart: '2026-02-01' }),
    row('d', { unitId: 'u1', plannedStart: '2026-02-01', archived: true }),
  ];
  it('a unit counts its own and its county projects, never archived ones', () => {
    expect(unitRates(rows, { unitId: 'u1', ...year }, '2026-06-30').startRate).toMatchObject({ numerator: 1, denominator: 2 });
    expect(unitRates(rows, all, '2026-06-30').startRate).toMatchObject({ numerator: 1, denominator: 3 });
  });
  it('every rate is null, not 0%, when nothing was due', () => {
    const r = unitRates(rows, { unitId: 'u3', ...year }, '2026-06-30');
    for (const kind of RATE_KINDS) expect(r[kind]).toMatchObject({ numerator: 0, denominator: 0, rate: null });
    const before = unitRates(rows, all, '2025-12-31');
    for (const kind of RATE_KINDS) expect(before[kind].rate).toBeNull();
  });
  it('each rate carries its formula in both languages', () => {
    const r = unitRates(rows, all, '2026-06-30');
    const names = { landingRate: '落地率', startRate: '开工率', completionRate: '竣工率', productionRate: '投产率', problemResolutionRate: '问题办结率' };
    for (const kind of RATE_KINDS) {
      expect(t('zh-CN', r[kind].formulaKey).startsWith(`${names[kind]} = `)).toBe(true);
      expect(t('en', r[kind].formulaKey)).toMatch(/^[A-Z][a-z ]+rate = .+ ÷ .+/);
    }
  });
});
