import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import { PLAUSIBILITY, reportFlags } from '../../../shared/calc/plausibility';
import { summaryRow } from '../../../shared/calc/summary-row';
import { generateWorkspace } from '../../../server/demo/generate-workspace';
import { SummaryRowSchema } from '../../../shared/schema/summary';
import { bundle, report } from './report-fixtures';

/** 总投资 1000 万元, 今年计划 600 万元. */
const facts = { totalInvestmentWan: 1000, annualPlanWan: 600 };

describe('plausibility rules for 月报 figures', () => {
  it('flags a cumulative above the total investment, beyond the rounding tolerance', () => {
    const flags = reportFlags(facts, [report('2026-01', 300, 300), report('2026-02', 500, 800), report('2026-03', 400, 1200)]);
    expect(flags).toEqual([
      {
        month: '2026-03',
        completedWan: 400,
        cumulativeWan: 1200,
        filed: report('2026-03', 0, 0).filed,
        reasons: ['cumulativeAboveTotal'],
        previous: { month: '2026-02', cumulativeWan: 800 },
      },
    ]);
    // 2% over a rounded 总投资 is rounding, not a flag.
    expect(reportFlags(facts, [report('2026-01', 500, 500), report('2026-02', 520, 1020)])).toEqual([]);
  });

  it('flags a month far above the pace: more than 1.5 times the whole annual plan in one month', () => {
    expect(PLAUSIBILITY.monthPlanMultiple).toBe(1.5);
    const flags = reportFlags({ totalInvestmentWan: 100_000, annualPlanWan: 600 }, [report('2026-01', 50, 50), report('2026-02', 950, 1000)]);
    expect(flags.map((f) => [f.month, f.reasons])).toEqual([['2026-02', ['monthAbovePace']]]);
    // The year-end push at the plan's own size is not flagged.
    expect(reportFlags({ totalInvestmentWan: 100_000, annualPlanWan: 600 }, [report('2026-12', 600, 600)])).toEqual([]);
  });

  it('flags a falling cumulative, as the 月报 series check finds it', () => {
    const flags = reportFlags(facts, [report('2026-02', 500, 500), report('2026-03', 0, 300), report('2026-01', 100, 100)]);
    expect(flags).toEqual([
      expect.objectContaining({ month: '2026-03', cumulativeWan: 300, reasons: ['cumulativeDecreased'], previous: { month: '2026-02', cumulativeWan: 500 } }),
    ]);
  });

  it('the 1e9 万元 月报 on a 100 万元 project is flagged on two counts', () => {
    const flags = reportFlags({ totalInvestmentWan: 100, annualPlanWan: 100 }, [report('2026-03', 1e9, 1e9)]);
    expect(flags.map((f) => f.reasons)).toEqual([['cumulativeAboveTotal', 'monthAbovePace']]);
  });

  it('does not flag a normal series (seeded: 500 projects reporting at their own pace, lumps and slow months included)', () => {
    const gen = prng.create(20260331);
    for (let n = 0; n < 500; n++) {
      const total = prng.int32(gen, 500, 500_000);
      const plan = Math.round(total * (0.2 + 0.6 * prng.real53(gen)));
      const reports = [];
      let cumulative = 0;
      for (let m = 1; m <= 12; m++) {
        // Between nothing (春节, rains) and twice the month's share of the plan, never beyond what the project costs.
        const completed = Math.max(0, Math.min(total * 0.98 - cumulative, Math.round((plan / 12) * 2 * prng.real53(gen) * 10) / 10));
        cumulative = Math.round((cumulative + completed) * 10) / 10;
        reports.push(report(`2026-${String(m).padStart(2, '0')}`, completed, cumulative));
      }
      expect(reportFlags({ totalInvestmentWan: total, annualPlanWan: plan }, reports)).toEqual([]);
    }
  });

  it('flags under 0.1% of the months of the seeded demo cities, and never their cumulatives', () => {
    let months = 0;
    const reasons: string[] = [];
    for (const seed of [7, 20250915]) {
      const { projects } = generateWorkspace({ scale: 'city', seed, year: 2026, asOf: '2026-12-31' });
      for (const b of projects) {
        const row = summaryRow(b);
        expect(SummaryRowSchema.safeParse(row).success).toBe(true);
        months += Object.keys(row.completedByMonth).length;
        for (const flag of row.reportFlags ?? []) reasons.push(...flag.reasons);
      }
    }
    expect(months).toBeGreaterThan(10_000);
    expect(reasons.length / months).toBeLessThan(0.001);
    expect(reasons.every((r) => r === 'monthAbovePace')).toBe(true);
  });

  it('the summary row keeps the raw figure and lists the flag with who filed it', () => {
    const row = summaryRow(bundle({ totalInvestmentWan: 100, annualPlanWan: 100 }, { reports: [report('2026-03', 1e9, 1e9)] }));
    expect(row.completedByMonth).toEqual({ '2026-03': 1e9 });
    expect(row.cumulativeWan).toBe(1e9);
    expect(row.reportFlags).toEqual([expect.objectContaining({ month: '2026-03', filed: { by: 'zhang', at: expect.any(Number) } })]);
    expect(summaryRow(bundle({}, { reports: [report('2026-03', 900, 900)] })).reportFlags).toBeUndefined();
  });
});
