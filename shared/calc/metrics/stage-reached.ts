import type { CalendarDate } from '../../schema/common';
import { STAGES, stageIndex, type Stage } from '../../schema/stage';
import type { SummaryRow } from '../../schema/summary';

/**
 * The day a project reached `stage`, or null if it has not. A project recorded at a later stage without this stage's
 * date passed through it no later than the first later date recorded, so that date stands in.
 */
export function stageReachedOn(row: Pick<SummaryRow, 'stageDates'>, stage: Stage): CalendarDate | null {
  for (const s of STAGES.slice(stageIndex(stage))) {
    const date = row.stageDates[s];
    if (date) return date;
  }
  return null;
}

/** True when the project reached `stage` on or before `date`. */
export function reachedBy(row: Pick<SummaryRow, 'stageDates'>, stage: Stage, date: CalendarDate): boolean {
  const on = stageReachedOn(row, stage);
  return on !== null && on <= date;
}
