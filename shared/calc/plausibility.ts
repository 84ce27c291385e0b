import { reportSeriesProblems } from '../model/report-series';
import { ok } from '../result';
import type { MonthlyReport } from '../schema/monthly-report';
import type { Project } from '../schema/project';
import type { PlausibilityReason, ReportFlag } from '../schema/review';

/**
 * The plausibility rules for 月报 figures, all in one place (弄虚作假 must not pay). A figure a rule flags stays on the
 * board as filed but counts toward targets and rankings only once the 项目办 confirms it (审核; shared/calc/trusted-rows.ts).
 *
 * 1. 累计超总投资 (cumulativeAboveTotal): 今年累计完成投资 above the project's 总投资 by more than
 *    `cumulativeTolerance` of it (总投资 figures are rounded) and more than `roundingWan`.
 * 2. 单月远超进度 (monthAbovePace): 本月完成投资 above `monthPlanMultiple` × 今年计划投资 (plus `roundingWan`): one month
 *    worth one and a half times the whole year's plan, i.e. 18 months of the planned pace. A project with no plan this
 *    year is flagged for any month above `roundingWan`.
 * 3. 累计下降 (cumulativeDecreased): 今年累计完成投资 lower than the year's previous 月报, as the series check in
 *    shared/model/report-series.ts finds it.
 *
 * Over the seeded demo cities (which report realistically lumpy months, 前期 spending and folded-in missed months) the
 * rules flag about 0.02% of months, all by rule 2; tests/shared/calc/plausibility.test.ts keeps that under 0.1%.
 */
export const PLAUSIBILITY = {
  /** Rule 1: share of 总投资 a cumulative may exceed it by before it is flagged. */
  cumulativeTolerance: 0.02,
  /** Rule 2: how many times the whole annual plan one month may reach before it is flagged. */
  monthPlanMultiple: 1.5,
  /** Rules 1 and 2: amounts within this many 万元 of a limit are rounding, not a flag. */
  roundingWan: 1,
} as const;

type Facts = Pick<Project, 'totalInvestmentWan' | 'annualPlanWan'>;

function ruleReasons(project: Facts, report: MonthlyReport): PlausibilityReason[] {
  const reasons: PlausibilityReason[] = [];
  const total = project.totalInvestmentWan;
  if (report.cumulativeWan > total + Math.max(total * PLAUSIBILITY.cumulativeTolerance, PLAUSIBILITY.roundingWan)) {
    reasons.push('cumulativeAboveTotal');
  }
  if (report.completedWan > project.annualPlanWan * PLAUSIBILITY.monthPlanMultiple + PLAUSIBILITY.roundingWan) {
    reasons.push('monthAbovePace');
  }
  return reasons;
}

/** The months whose cumulative went down from the year's previous report (the series check's own finding). */
function decreasedMonths(reports: readonly MonthlyReport[]): Set<string> {
  const problems = reportSeriesProblems(reports.map((value) => ok({ value })));
  const months = new Set<string>();
  for (const p of problems) if (p.key === 'err.report.cumulativeDecreased') months.add(p.path.split('.')[0] ?? '');
  return months;
}

/**
 * The flagged figures among a project's 月报, by month. `reports` holds one report per month (summary-row's
 * reportsByMonth), in any order; a report that passes every rule is not listed.
 */
export function reportFlags(project: Facts, reports: readonly MonthlyReport[]): ReportFlag[] {
  const sorted = [...reports].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const decreased = decreasedMonths(sorted);
  const flags: ReportFlag[] = [];
  for (const [i, report] of sorted.entries()) {
    const reasons = ruleReasons(project, report);
    if (decreased.has(report.month)) reasons.push('cumulativeDecreased');
    if (reasons.length === 0) continue;
    const before = sorted[i - 1];
    const previous = before && before.month.slice(0, 4) === report.month.slice(0, 4) ? { month: before.month, cumulativeWan: before.cumulativeWan } : null;
    flags.push({ month: report.month, completedWan: report.completedWan, cumulativeWan: report.cumulativeWan, filed: { ...report.filed }, reasons, previous });
  }
  return flags;
}
