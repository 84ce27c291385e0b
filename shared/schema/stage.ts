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

/** The date each stage was reached. Dates must not go backwards along the pipeline. */
export const StageDatesSchema = z.partialRecord(StageSchema, CalendarDateSchema).check(
  z.superRefine((dates, ctx) => {
    let previous: { stage: Stage; date: string } | undefined;
    for (const stage of STAGES) {
      const date = dates[stage];
      if (!date) continue;
      if (previous && date < previous.date) {
        ctx.addIssue({ code: 'custom', path: [stage], message: 'err.stage.dateOrder', params: { stage, previous: previous.stage } });
      }
      previous = { stage, date };
    }
  }),
);
export type StageDates = z.infer<typeof StageDatesSchema>;
