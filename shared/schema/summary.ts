import * as z from 'zod/mini';
import { AttributionSchema, CalendarDateSchema, IdSchema, MoneyWanSchema, MonthSchema, NameSchema, TimestampSchema } from './common';
import { EscalationLevelSchema, ProblemStatusSchema } from './problem';
import { CategorySchema, KeyLevelSchema, ProjectKindSchema, ProjectSourceSchema } from './project';
import { ReportFlagSchema } from './review';
import { StageDatesSchema, StageSchema } from './stage';

/** A milestone as the board needs it. */
export const SummaryMilestoneSchema = z.object({
  id: IdSchema,
  title: NameSchema,
  dueDate: CalendarDateSchema,
  /** Calendar day (Asia/Shanghai) it was ticked, or null while open. */
  doneOn: z.nullable(CalendarDateSchema),
});
export type SummaryMilestone = z.infer<typeof SummaryMilestoneSchema>;

/** A problem as the board needs it (the problem list by department, 问题办结率, escalation). */
export const SummaryProblemSchema = z.object({
  id: IdSchema,
  description: z.string().check(z.maxLength(20_000)),
  departmentId: z.nullable(IdSchema),
  ownerId: z.nullable(IdSchema),
  deadline: CalendarDateSchema,
  status: ProblemStatusSchema,
  /** The level set by hand; the effective level also follows the escalation rules and the date. */
  escalation: EscalationLevelSchema,
  raisedOn: CalendarDateSchema,
  resolvedOn: z.nullable(CalendarDateSchema),
  /** Who raised it ("problems I raised"); absent in rows derived before the 销号 loop. */
  raisedBy: z.optional(IdSchema),
  /** Who requested 销号, while the request awaits confirmation (the confirmer must be someone else). */
  requestedBy: z.optional(z.nullable(IdSchema)),
  /** The day progress was last reported, null before any. */
  progressOn: z.optional(z.nullable(CalendarDateSchema)),
});
export type SummaryProblem = z.infer<typeof SummaryProblemSchema>;

/**
 * How a month's 月报 came to stand as it does: the version's filing, when the server first saw it, and the version it
 * corrected (更正), so the board can say "已更正" with who and when, and readers can tell a late filing.
 */
export const ReportFilingSchema = z.object({
  filed: AttributionSchema,
  cumulativeWan: MoneyWanSchema,
  /** When the server first received this version (its deriver stamps it); absent where no server saw it arrive. */
  receivedAt: z.optional(TimestampSchema),
  /** How many times the month was corrected (its earlier versions). */
  corrections: z.number().check(z.int(), z.gte(0)),
  /** The version this one replaced, or null for a first filing. */
  previous: z.nullable(z.object({ completedWan: MoneyWanSchema, cumulativeWan: MoneyWanSchema, filed: AttributionSchema })),
});
export type ReportFiling = z.infer<typeof ReportFilingSchema>;

/**
 * One row per project: the facts the board, the targets and the rankings need, derived from the project document.
 * It holds facts with their dates, not judgements as of a day: whatever depends on "today" is computed from it with an
 * explicit as-of date.
 */
export const SummaryRowSchema = z.object({
  projectId: IdSchema,
  code: z.string().check(z.maxLength(64)),
  name: NameSchema,
  category: CategorySchema,
  kind: ProjectKindSchema,
  source: ProjectSourceSchema,
  keyLevel: KeyLevelSchema,
  unitId: z.nullable(IdSchema),
  serviceUnitId: z.nullable(IdSchema),
  countyId: z.nullable(IdSchema),
  leaderId: z.nullable(IdSchema),
  ownerId: z.nullable(IdSchema),
  team: z.array(IdSchema),
  attractedById: z.nullable(IdSchema),
  totalInvestmentWan: MoneyWanSchema,
  annualPlanWan: MoneyWanSchema,
  plannedStart: z.nullable(CalendarDateSchema),
  plannedCompletion: z.nullable(CalendarDateSchema),
  stage: StageSchema,
  stageDates: StageDatesSchema,
  /** 本月完成投资 per reported month (万元). */
  completedByMonth: z.record(MonthSchema, MoneyWanSchema),
  /** 今年累计完成投资 as last reported (万元). */
  cumulativeWan: MoneyWanSchema,
  lastReportMonth: z.nullable(MonthSchema),
  /**
   * 月报 figures that fail a plausibility rule (shared/calc/plausibility.ts), by month. The figures above stay as filed,
   * so the board shows them; targets and rankings leave a flagged month out until the 项目办 confirms it (审核, see
   * shared/calc/trusted-rows.ts). Absent when nothing is flagged (and in rows derived before the rules existed).
   */
  reportFlags: z.optional(z.array(ReportFlagSchema)),
  /** 建设内容, for the 月报 export (absent in rows derived before it was kept). */
  content: z.optional(z.string().check(z.maxLength(20_000))),
  /** Each reported month's filing (who, when, corrections); absent in rows derived before corrections existed. */
  reportFiling: z.optional(z.record(MonthSchema, ReportFilingSchema)),
  /** 形象进度 of the latest report or note. */
  progress: z.string().check(z.maxLength(20_000)),
  /** 问题和建议 of the latest report (absent when none was filed, and in rows derived before it was carried). */
  issues: z.optional(z.string().check(z.maxLength(20_000))),
  milestones: z.array(SummaryMilestoneSchema),
  problems: z.array(SummaryProblemSchema),
  /** Records in the project document that did not validate (written by a misbehaving replica). */
  invalidRecords: z.number().check(z.int(), z.gte(0)),
  archived: z.boolean(),
  updatedAt: TimestampSchema,
});
export type SummaryRow = z.infer<typeof SummaryRowSchema>;

/** 红 / 黄 / 蓝 / 绿 (三色督办 plus 蓝 for due soon). */
export const LightSchema = z.enum(['red', 'yellow', 'blue', 'green']);
export type Light = z.infer<typeof LightSchema>;

/** A target's standing as of a day, as the server stores it in the summary document and the REST report returns it. */
export const TargetResultSchema = z.object({
  targetId: IdSchema,
  asOf: CalendarDateSchema,
  goal: z.number(),
  actual: z.number(),
  /** actual ÷ goal. */
  share: z.number(),
  /**
   * 序时进度: the share expected by the as-of date; null for a rate or ratio target (增速 %), which is compared with its
   * goal directly (results stored before rates existed always hold a number).
   */
  expectedShare: z.nullable(z.number()),
  /**
   * Paced targets: (share − expectedShare) × 100, rounded to 2 decimals: positive = 超序时进度, negative = 落后序时进度.
   * Rate targets (expectedShare null): actual − goal in the value's own unit (percentage points for a % rate).
   */
  gapPoints: z.number(),
  light: LightSchema,
  /**
   * A simple year-end (period-end) forecast of the actual at the current pace, capped by what can still happen (a count
   * never above the projects that can still reach the stage, never below what is done); null for a rate target.
   */
  forecast: z.nullable(z.number()),
  met: z.boolean(),
});
export type TargetResult = z.infer<typeof TargetResultSchema>;
