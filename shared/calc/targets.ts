import type { WorkspaceData } from '../schema/bundle';
import type { CalendarDate, Id } from '../schema/common';
import type { SummaryRow, TargetResult } from '../schema/summary';
import type { Target } from '../schema/target';
import type { DateRange } from './dates';
import { lightFor } from './lights';
import { sumInvestment } from './metrics/investment-sum';
import { manualValue } from './metrics/manual-value';
import { membersOwingQuota, quotaPeriod, quotaStanding } from './metrics/member-quota';
import { indexRows, indexedRowsInScope, type RowIndex } from './metrics/row-index';
import { matchesFilter } from './metrics/row-scope';
import { countStage } from './metrics/stage-count';
import { expectedShare, forecastAtPeriodEnd, paceGap } from './pace';
import { trustedRows } from './trusted-rows';

/** What a target measured, before it is judged against its goal and 序时. */
interface Measure {
  actual: number;
  /** The goal `met` needs (a personal quota also needs perMember). */
  needed: number;
  /** A member whose rank has no quota threshold owes nothing: the target reads as met. */
  exempt: boolean;
}

/** The period a target is judged over: its own, except a quota, which ends at its deadline. */
export function targetPeriod(target: Target): DateRange {
  return target.metric.kind === 'memberQuota' ? quotaPeriod(target.start, target.metric) : { start: target.start, end: target.end };
}

function measure(target: Target, workspace: WorkspaceData, index: RowIndex, period: DateRange, asOf: CalendarDate): Measure {
  const metric = target.metric;
  const plain = (actual: number): Measure => ({ actual, needed: target.goal, exempt: false });
  switch (metric.kind) {
    case 'stageCount': {
      const scoped = indexedRowsInScope(index, target.scope).filter((r) => matchesFilter(r, metric.filter));
      return plain(countStage(scoped, metric.stage, period, asOf));
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
        if (standing.thresholdWan === null) return { actual: 0, needed: target.goal, exempt: true };
        return { actual: standing.qualifyingProjectIds.length, needed: Math.max(target.goal, metric.perMember), exempt: false };
      }
      // Workspace or unit: how many of the members who owe a quota have met it by the deadline.
      const owing = membersOwingQuota(workspace.members, metric, scope);
      return plain(owing.filter((m) => quotaStanding(m, metric, attracted(m.id), period, asOf).met).length);
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

function evaluateIndexed(target: Target, workspace: WorkspaceData, index: RowIndex, asOf: CalendarDate): TargetResult {
  const period = targetPeriod(target);
  const { actual, needed, exempt } = measure(target, workspace, index, period, asOf);
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
    forecast: forecastAtPeriodEnd(actual, expected),
    met,
  };
}

/** Every non-archived target of the workspace, in the workspace's order, over the trusted rows (see evaluateTarget). */
export function evaluateTargets(workspace: WorkspaceData, rows: readonly SummaryRow[], asOf: CalendarDate): TargetResult[] {
  const index = indexRows(trustedRows(rows, workspace));
  return workspace.targets.filter((t) => !t.archived).map((t) => evaluateIndexed(t, workspace, index, asOf));
}
