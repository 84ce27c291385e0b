import type { CalendarDate, Id } from '../../schema/common';
import type { Member } from '../../schema/member';
import type { SummaryRow } from '../../schema/summary';
import type { TargetMetric, TargetScope } from '../../schema/target';
import { minDate, type DateRange } from '../dates';
import { stageReachedOn } from './stage-reached';

export type QuotaMetric = Extract<TargetMetric, { kind: 'memberQuota' }>;

/** One member's personal quota (引进项目任务) as of a day. */
export interface QuotaStanding {
  memberId: Id;
  /** Least total investment (万元) a project needs to count for the member's rank; null = the rank owes nothing. */
  thresholdWan: number | null;
  /** Projects that count: attracted by the member, big enough, signed (签约) within [start, deadline]. */
  qualifyingProjectIds: Id[];
  owed: number;
  met: boolean;
}

/** A quota runs from the target's start to the deadline: a project signed after the deadline never counts. */
export function quotaPeriod(targetStart: CalendarDate, metric: QuotaMetric): DateRange {
  return { start: minDate(targetStart, metric.deadline), end: metric.deadline };
}

export function quotaStanding(member: Member, metric: QuotaMetric, rows: readonly SummaryRow[], period: DateRange, asOf: CalendarDate): QuotaStanding {
  const threshold = metric.thresholdsWan[member.rank];
  if (threshold === undefined) return { memberId: member.id, thresholdWan: null, qualifyingProjectIds: [], owed: 0, met: true };
  const cut = minDate(period.end, asOf);
  const qualifying = rows.filter((r) => {
    if (r.archived || r.attractedById !== member.id || r.totalInvestmentWan < threshold) return false;
    const signed = stageReachedOn(r, 'signed');
    return signed !== null && signed >= period.start && signed <= cut;
  });
  return {
    memberId: member.id,
    thresholdWan: threshold,
    qualifyingProjectIds: qualifying.map((r) => r.projectId),
    owed: metric.perMember,
    met: qualifying.length >= metric.perMember,
  };
}

/** The members a workspace- or unit-scoped quota target counts: active, in scope, with a threshold for their rank. */
export function membersOwingQuota(members: readonly Member[], metric: QuotaMetric, scope: TargetScope): Member[] {
  return members.filter((m) => {
    if (m.archived || metric.thresholdsWan[m.rank] === undefined) return false;
    if (scope.kind === 'unit') return m.unitId === scope.unitId;
    if (scope.kind === 'member') return m.id === scope.memberId;
    return true;
  });
}
