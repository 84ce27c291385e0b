import * as z from 'zod/mini';
import { AttributionSchema, IdSchema, MoneyWanSchema, MonthSchema } from './common';

/**
 * 审核: figures and claims a member cannot make count on their own word. A 月报 figure that fails a plausibility rule
 * (shared/calc/plausibility.ts) and the leader, team and attracted-by member of a project the server registered from a
 * member's offline-created document count toward targets and rankings only once the 项目办 (admin) confirms them.
 */

/** Why a 月报 figure was flagged; the rules and their thresholds are in shared/calc/plausibility.ts. */
export const PLAUSIBILITY_REASONS = [
  /** 今年累计完成投资 above the project's total investment (beyond a small tolerance). */
  'cumulativeAboveTotal',
  /** 本月完成投资 far above the project's pace: more than a multiple of its whole annual plan in one month. */
  'monthAbovePace',
  /** 今年累计完成投资 lower than the year's previous 月报 (shared/model/report-series.ts). */
  'cumulativeDecreased',
  /**
   * Filed, back-filed or corrected by a member after the month's window closed (shared/calc/report-window.ts): a
   * request that counts once the 项目办 approves it. Judged by the filing's time and, on the server, its arrival.
   */
  'filedLate',
] as const;
export const PlausibilityReasonSchema = z.enum(PLAUSIBILITY_REASONS);
export type PlausibilityReason = z.infer<typeof PlausibilityReasonSchema>;

/** One flagged 月报 figure as the summary row carries it: the raw figures, who filed them, and why they were flagged. */
export const ReportFlagSchema = z.object({
  month: MonthSchema,
  completedWan: MoneyWanSchema,
  cumulativeWan: MoneyWanSchema,
  filed: AttributionSchema,
  reasons: z.array(PlausibilityReasonSchema).check(z.minLength(1)),
  /** The year's previous report (for cumulativeDecreased: what the cumulative fell from), or null for the first. */
  previous: z.nullable(z.object({ month: MonthSchema, cumulativeWan: MoneyWanSchema })),
});
export type ReportFlag = z.infer<typeof ReportFlagSchema>;

/**
 * The 项目办 confirms one 月报 figure: project, month and the very values confirmed, so a later change of the figure is
 * flagged again and needs a new confirmation.
 */
export const ReportReviewSchema = z.object({
  id: IdSchema,
  kind: z.literal('report'),
  projectId: IdSchema,
  month: MonthSchema,
  completedWan: MoneyWanSchema,
  cumulativeWan: MoneyWanSchema,
  /** Who confirmed (an admin) and when. */
  confirmed: AttributionSchema,
  archived: z.boolean(),
});
export type ReportReview = z.infer<typeof ReportReviewSchema>;

/**
 * The 项目办 confirms a project registered by the server from a member's document: who leads it (联系领导), its team
 * and who attracted it (招商 credit), as confirmed.
 */
export const RegistrationReviewSchema = z.object({
  id: IdSchema,
  kind: z.literal('registration'),
  projectId: IdSchema,
  leaderId: z.nullable(IdSchema),
  team: z.array(IdSchema),
  attractedById: z.nullable(IdSchema),
  confirmed: AttributionSchema,
  archived: z.boolean(),
});
export type RegistrationReview = z.infer<typeof RegistrationReviewSchema>;

/** One record of the workspace's `reviews` map. */
export const ReviewSchema = z.discriminatedUnion('kind', [ReportReviewSchema, RegistrationReviewSchema]);
export type Review = z.infer<typeof ReviewSchema>;
