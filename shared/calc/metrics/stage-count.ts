import type { CalendarDate } from '../../schema/common';
import type { Stage } from '../../schema/stage';
import type { SummaryRow } from '../../schema/summary';
import { STARTED_OR_CONTINUING } from '../../schema/target';
import { minDate, type DateRange } from '../dates';
import { reachedBy, stageReachedOn } from './stage-reached';

function reachedWithin(row: SummaryRow, stage: Stage, from: CalendarDate, to: CalendarDate): boolean {
  const on = stageReachedOn(row, stage);
  return on !== null && on >= from && on <= to;
}

/**
 * 开复工: started in the period, plus 续建 projects under construction in it — started on or before the cut-off and not
 * completed (竣工) before the period began. Each project counts once.
 */
export function isStartedOrContinuing(row: SummaryRow, period: DateRange, cut: CalendarDate): boolean {
  if (reachedWithin(row, 'started', period.start, cut)) return true;
  if (row.kind !== 'continued' || !reachedBy(row, 'started', cut)) return false;
  const completed = stageReachedOn(row, 'completed');
  return completed === null || completed >= period.start;
}

/** Projects that reached `stage` within [start, min(end, asOf)]. */
export function countStage(rows: readonly SummaryRow[], stage: Stage | typeof STARTED_OR_CONTINUING, period: DateRange, asOf: CalendarDate): number {
  if (asOf < period.start) return 0;
  const cut = minDate(period.end, asOf);
  if (stage === STARTED_OR_CONTINUING) return rows.filter((r) => isStartedOrContinuing(r, period, cut)).length;
  return rows.filter((r) => reachedWithin(r, stage, period.start, cut)).length;
}

/**
 * The most projects a stage count can reach by the period's end: those counted as of `asOf` plus those that have not
 * reached the stage yet (a project that reached it before the period can no longer count; for 开复工, one that has not
 * started can still start). What caps a count's forecast: never "1896 开复工" with 1000 projects.
 */
export function stageCountCeiling(rows: readonly SummaryRow[], stage: Stage | typeof STARTED_OR_CONTINUING, period: DateRange, asOf: CalendarDate): number {
  const cut = minDate(period.end, asOf < period.start ? period.start : asOf);
  const reachStage: Stage = stage === STARTED_OR_CONTINUING ? 'started' : stage;
  const counted = countStage(rows, stage, period, asOf);
  if (asOf >= period.end) return counted;
  const stillPossible = rows.filter((r) => {
    const on = stageReachedOn(r, reachStage);
    return on === null || (on > cut && on <= period.end);
  }).length;
  return counted + stillPossible;
}
