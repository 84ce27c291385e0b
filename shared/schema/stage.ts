import * as z from 'zod/mini';
import { CalendarDateSchema } from './common';

/**
 * The default stage pipeline, in order:
 * 谋划储备 → 签约 → 前期 (立项/审批) → 开工 → 竣工 → 投产 → 达产.
 */
export const STAGES = ['planning', 'signed', 'preparation', 'started', 'completed', 'operating', 'fullProduction'] as const;
export const StageSchema = z.enum(STAGES, { error: 'err.stage.unknown' });
export type Stage = z.infer<typeof StageSchema>;

export function stageIndex(stage: Stage): number {
  return STAGES.indexOf(stage);
}

/** True when `stage` is `reference` or later in the pipeline. */
export function stageAtLeast(stage: Stage, reference: Stage): boolean {
  return stageIndex(stage) >= stageIndex(reference);
}

/**
 * The date each stage was reached, as stored. Each stage's date is its own key in the document, so two people moving
 * the same project offline both keep their date; a merge may then leave dates out of order (竣工 12-06 by one, 投产
 * 12-05 by the other), which must still read: the order is checked when a person moves the stage (OrderedStageDatesSchema).
 */
export const StageDatesSchema = z.partialRecord(StageSchema, CalendarDateSchema);
export type StageDates = z.infer<typeof StageDatesSchema>;

/**
 * The stage before `stage` whose date is later than `date`, or null: a person may not date a stage before one they
 * already passed. Only the new date is checked, so dates a merge left out of order do not block the next move.
 */
export function stageDateBefore(dates: StageDates, stage: Stage, date: string): Stage | null {
  let found: Stage | null = null;
  for (const earlier of STAGES.slice(0, stageIndex(stage))) {
    const d = dates[earlier];
    if (d !== undefined && d > date) found = earlier;
  }
  return found;
}

/** The furthest stage that carries a date, or null when none does. */
export function furthestDatedStage(dates: Readonly<Record<string, unknown>>): Stage | null {
  for (let i = STAGES.length - 1; i >= 0; i--) {
    const stage = STAGES[i] as Stage;
    if (typeof dates[stage] === 'string') return stage;
  }
  return null;
}
