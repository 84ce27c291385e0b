import type { WorkspaceData } from '../schema/bundle';
import type { CalendarDate, Id } from '../schema/common';
import type { SummaryRow, TargetResult } from '../schema/summary';
import type { Target } from '../schema/target';
import type { DateRange } from './dates';
import { lightFor } from './lights';
import { sumInvestment } from './metrics/investment-sum';
import { hasManualValue, isRateMetric, manualValue } from './metrics/manual-value';
import { membersOwingQuota, quotaPeriod, quotaStanding } from './metrics/member-quota';
import { indexRows, indexedRowsInScope, type RowIndex } from './metrics/row-index';
import { matchesFilter } from './metrics/row-scope';
import { countStage, stageCountCeiling } from './metrics/stage-count';
import { expectedShare, forecastAtPeriodEnd, paceGap, roundTo2 } from './pace';
import { trustedRows } from './trusted-rows';

/** What a target measured, before it is judged against its goal and 序时. */
interface Measure {
  actual: number;
  /** The goal `met` needs (a personal quota also needs perMember). */
  needed: number;
  /** A member whose rank has no quota threshold owes nothing: the target reads as met. */
  exempt: boolean;
  /**
   * The most the actual can still become by the period's end (a count: the projects or members that can still reach
   * it); null when nothing bounds it (money, hand-entered values). The forecast never exceeds it.
   */
  ceiling: number | null;
}

/** The period a target is judged over: its own, except a quota, which ends at its deadline. */
export function targetPeriod(target: Target): DateRange {
  return target.metric.kind === 'memberQuota' ? quotaPeriod(target.start, target.metric) : { start: target.start, end: target.end };
}

function measure(target: Target, workspace: WorkspaceData, index: RowIndex, period: DateRange, asOf: CalendarDate): Measure {
  const metric = target.metric;
  const plain = (actual: number, ceiling: number | null = null): Measure => ({ actual, needed: target.goal, exempt: false, ceiling });
  switch (metric.kind) {
    case 'stageCount': {
      const scoped = indexedRowsInScope(index, target.scope).filter((r) => matchesFilter(r, metric.filter));
      return plain(countStage(scoped, metric.stage, period, asOf), stageCountCeiling(scoped, metric.stage, period, asOf));
    }
    case 'investmentSum': {
      const scoped = indexedRowsInScope(index, target.scope).filter((r) => matchesFilter(r, metric.filter));
      return plain(sumInvestment(scoped, period, asOf));
    }
    case 'manual':
      return plain(manualValue(metric, period, asOf));
    case 'memberQuota': {
      const attracted = (memberId: Id): readonly SummaryRow[] => index.byAttractor.get(memberId) ?? [];
      const scope = target.scope;
      if (scope.kind === 'member') {
        const member = workspace.members.find((m) => m.id === scope.memberId);
        if (!member) return plain(0);
        const standing = quotaStanding(member, metric, attracted(member.id), period, asOf);
        if (standing.thresholdWan === null) return { actual: 0, needed: target.goal, exempt: true, ceiling: null };
        return { actual: standing.qualifyingProjectIds.length, needed: Math.max(target.goal, metric.perMember), exempt: false, ceiling: null };
      }
      // Workspace or unit: how many of the members who owe a quota have met it by the deadline.
      const owing = membersOwingQuota(workspace.members, metric, scope);
      return plain(owing.filter((m) => quotaStanding(m, metric, attracted(m.id), period, asOf).met).length, owing.length);
    }
  }
}

/**
 * A target's standing as of a day: actual, share, 序时, gap, light, forecast. Counts the rows as trusted: figures and
 * registrations awaiting 审核 are held back (trusted-rows.ts).
 */
export function evaluateTarget(target: Target, workspace: WorkspaceData, rows: readonly SummaryRow[], asOf: CalendarDate): TargetResult {
  return evaluateIndexed(target, workspace, indexRows(trustedRows(rows, workspace)), asOf);
}

/**
 * The year-end (period-end) forecast: the actual scaled by 序时, then held between what is done (it never falls below
 * the actual) and what can still happen (a count's ceiling). Money has no ceiling: nothing bounds next month's investment.
 */
export function cappedForecast(actual: number, expected: number, ceiling: number | null): number {
  const scaled = Math.max(actual, forecastAtPeriodEnd(actual, expected));
  return ceiling === null ? scaled : Math.max(actual, Math.min(scaled, ceiling));
}

/**
 * A rate or ratio target (增速 %): the latest value against the goal, no 序时 and no forecast. The gap is actual − goal
 * in the value's own unit; the light reads the shortfall as a share of the goal on the workspace's thresholds (7.6% of
 * 8% is 5 points short), and stays level until a first value is entered.
 */
function evaluateRate(target: Target, workspace: WorkspaceData, period: DateRange, asOf: CalendarDate): TargetResult {
  const metric = target.metric;
  const entered = isRateMetric(metric) && hasManualValue(metric, period, asOf);
  const actual = isRateMetric(metric) ? manualValue(metric, period, asOf) : 0;
  const share = actual / target.goal;
  const met = entered && actual >= target.goal;
  const shortfallPoints = entered ? paceGap(share, 1) : 0;
  return {
    targetId: target.id,
    asOf,
    goal: target.goal,
    actual,
    share,
    expectedShare: null,
    gapPoints: entered ? roundTo2(actual - target.goal) : 0,
    light: lightFor({ periodEnd: period.end, asOf, gapPoints: shortfallPoints, met }, workspace.campaign.lights),
    forecast: null,
    met,
  };
}

function evaluateIndexed(target: Target, workspace: WorkspaceData, index: RowIndex, asOf: CalendarDate): TargetResult {
  const period = targetPeriod(target);
  if (isRateMetric(target.metric)) return evaluateRate(target, workspace, period, asOf);
  const { actual, needed, exempt, ceiling } = measure(target, workspace, index, period, asOf);
  const expected = expectedShare(period, asOf, workspace.campaign.pace);
  const share = exempt ? 1 : actual / target.goal;
  const met = exempt || actual >= needed;
  const gapPoints = exempt ? 0 : paceGap(share, expected);
  return {
    targetId: target.id,
    asOf,
    goal: target.goal,
    actual,
    share,
    expectedShare: expected,
    gapPoints,
    light: lightFor({ periodEnd: period.end, asOf, gapPoints, met }, workspace.campaign.lights),
    forecast: cappedForecast(actual, expected, ceiling),
    met,
  };
}

/**
 * evaluateTarget for many targets over the same rows: the rows are trusted and indexed once (the rankings judge each
 * unit's investment task this way, so a ranking and the target row of the same figure are one computation).
 */
export function targetEvaluator(workspace: WorkspaceData, rows: readonly SummaryRow[]): (target: Target, asOf: CalendarDate) => TargetResult {
  const index = indexRows(trustedRows(rows, workspace));
  return (target, asOf) => evaluateIndexed(target, workspace, index, asOf);
}

/** Every non-archived target of the workspace, in the workspace's order, over the trusted rows (see evaluateTarget). */
export function evaluateTargets(workspace: WorkspaceData, rows: readonly SummaryRow[], asOf: CalendarDate): TargetResult[] {
  const index = indexRows(trustedRows(rows, workspace));
  return workspace.targets.filter((t) => !t.archived).map((t) => evaluateIndexed(t, workspace, index, asOf));
}
