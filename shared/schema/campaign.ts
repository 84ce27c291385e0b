import * as z from 'zod/mini';
import { CalendarDateSchema, IdSchema, NameSchema } from './common';
import { STAGES, StageSchema } from './stage';

/** Quarter themes: 开门红 / 双过半 / 攻坚 / 收官. */
export const QUARTER_THEMES = ['strongStart', 'doubleHalf', 'tackle', 'finish'] as const;
export const QuarterThemeSchema = z.enum(QUARTER_THEMES, { error: 'err.campaign.theme' });
export type QuarterTheme = z.infer<typeof QuarterThemeSchema>;

export const QuarterSchema = z.object({
  quarter: z.number().check(z.int(), z.gte(1), z.lte(4)),
  theme: QuarterThemeSchema,
});
export type Quarter = z.infer<typeof QuarterSchema>;

/** A custom window with its own targets, e.g. 百日会战. */
export const CampaignWindowSchema = z
  .object({
    id: IdSchema,
    name: NameSchema,
    start: CalendarDateSchema,
    end: CalendarDateSchema,
  })
  .check(z.refine((w) => w.end >= w.start, { path: ['end'], error: 'err.dates.endBeforeStart' }));
export type CampaignWindow = z.infer<typeof CampaignWindowSchema>;

/** 序时 basis: elapsed months ÷ 12 (official bulletins), elapsed days, or a custom monthly plan curve. */
export const PaceBasisSchema = z.enum(['months', 'days', 'curve'], { error: 'err.pace.basis' });
export type PaceBasis = z.infer<typeof PaceBasisSchema>;

/** Cumulative planned share at the end of each month (12 values, 0..1, non-decreasing, ending at 1). */
export const PaceCurveSchema = z
  .array(z.number().check(z.gte(0, { error: 'err.pace.curve' }), z.lte(1, { error: 'err.pace.curve' })), { error: 'err.pace.curve' })
  .check(
    z.length(12, { error: 'err.pace.curveLength' }),
    z.superRefine((curve, ctx) => {
      curve.forEach((share, i) => {
        const before = curve[i - 1];
        if (before !== undefined && share < before) ctx.addIssue({ code: 'custom', path: [i], message: 'err.pace.curveDecreasing' });
      });
      const december = curve[11];
      if (curve.length === 12 && december !== undefined && Math.abs(december - 1) > 1e-9)
        ctx.addIssue({ code: 'custom', path: [11], message: 'err.pace.curveEnd' });
    }),
  );

/** 三色督办 thresholds, in percentage points behind 序时 and days before a deadline. */
export const LightThresholdsSchema = z
  .object({
    /** Behind pace by more than this many points → 黄. */
    yellowBehindPoints: z.number().check(z.gte(0, { error: 'err.lights.threshold' }), z.lte(100, { error: 'err.lights.threshold' })),
    /** Behind pace by more than this many points → 红. */
    redBehindPoints: z.number().check(z.gte(0, { error: 'err.lights.threshold' }), z.lte(100, { error: 'err.lights.threshold' })),
    /** Due within this many days and not yet met → 蓝. */
    dueSoonDays: z.number().check(z.int(), z.gte(0, { error: 'err.lights.threshold' }), z.lte(366, { error: 'err.lights.threshold' })),
  })
  .check(z.refine((t) => t.redBehindPoints >= t.yellowBehindPoints, { path: ['redBehindPoints'], error: 'err.lights.order' }));
export type LightThresholds = z.infer<typeof LightThresholdsSchema>;

/** 交办 → 提醒 → 督办: days past a deadline at which an open problem or slipping milestone climbs. */
export const EscalationRulesSchema = z
  .object({
    remindAfterDays: z.number().check(z.int(), z.gte(0, { error: 'err.escalation.days' }), z.lte(365, { error: 'err.escalation.days' })),
    superviseAfterDays: z.number().check(z.int(), z.gte(0, { error: 'err.escalation.days' }), z.lte(365, { error: 'err.escalation.days' })),
  })
  .check(z.refine((r) => r.superviseAfterDays >= r.remindAfterDays, { path: ['superviseAfterDays'], error: 'err.escalation.order' }));
export type EscalationRules = z.infer<typeof EscalationRulesSchema>;

/**
 * 月报 correction and back-filing rules (SPEC §3): until `correctionUntilDay` of the following month a month's 月报 may
 * be filed, back-filed or corrected by the project's people; after it, when `lateNeedsApproval`, a member's filing or
 * correction is a request that counts only once the 项目办 approves it (审核). Absent in campaigns set up before the
 * rule: `reportRules` (shared/calc/report-window.ts) reads the window as closing on the report due day, with approval required.
 */
export const ReportRulesSchema = z.object({
  correctionUntilDay: z
    .number({ error: 'err.campaign.correctionUntilDay' })
    .check(
      z.int({ error: 'err.campaign.correctionUntilDay' }),
      z.gte(1, { error: 'err.campaign.correctionUntilDay' }),
      z.lte(28, { error: 'err.campaign.correctionUntilDay' }),
    ),
  lateNeedsApproval: z.boolean({ error: 'err.type' }),
});
export type ReportRules = z.infer<typeof ReportRulesSchema>;

/** Who confirms a 销号 request: the 项目办 alone, or the 项目办 and members flagged 督查. */
export const PROBLEM_CLOSURE_CONFIRMERS = ['office', 'officeAndInspectors'] as const;
export const ProblemClosureSchema = z.enum(PROBLEM_CLOSURE_CONFIRMERS, { error: 'err.campaign.problemClosure' });
export type ProblemClosure = z.infer<typeof ProblemClosureSchema>;

export const PaceSettingsSchema = z
  .object({
    basis: PaceBasisSchema,
    curve: z.optional(PaceCurveSchema),
  })
  .check(z.refine((p) => p.basis !== 'curve' || p.curve !== undefined, { path: ['curve'], error: 'err.pace.curveRequired' }));
export type PaceSettings = z.infer<typeof PaceSettingsSchema>;

export const CampaignSchema = z
  .object({
    name: NameSchema,
    year: z
      .number({ error: 'err.campaign.year' })
      .check(z.int({ error: 'err.campaign.year' }), z.gte(2000, { error: 'err.campaign.year' }), z.lte(2100, { error: 'err.campaign.year' })),
    quarters: z.array(QuarterSchema).check(z.length(4, { error: 'err.campaign.quarters' })),
    windows: z.array(CampaignWindowSchema),
    /** Day of the month by which last month's 月报 is due (1–28). */
    reportDueDay: z
      .number({ error: 'err.campaign.reportDueDay' })
      .check(
        z.int({ error: 'err.campaign.reportDueDay' }),
        z.gte(1, { error: 'err.campaign.reportDueDay' }),
        z.lte(28, { error: 'err.campaign.reportDueDay' }),
      ),
    /** 月报 correction window and late approval; see ReportRulesSchema (absent: the due day, approval required). */
    reports: z.optional(ReportRulesSchema),
    pace: PaceSettingsSchema,
    lights: LightThresholdsSchema,
    escalation: EscalationRulesSchema,
    /** Who confirms 销号 (absent in campaigns written before the setting existed: the 项目办 alone). */
    problemClosure: z.optional(ProblemClosureSchema),
    /** The stages this campaign tracks, in pipeline order (a subset of the default pipeline). */
    stages: z.array(StageSchema).check(z.minLength(2, { error: 'err.campaign.stages' })),
  })
  .check(
    z.superRefine((c, ctx) => {
      c.windows.forEach((w, i) => {
        if (!w.start.startsWith(`${c.year}-`) && !w.end.startsWith(`${c.year}-`)) {
          ctx.addIssue({ code: 'custom', path: ['windows', i, 'start'], message: 'err.campaign.windowOutsideYear' });
        }
      });
      const quarters = c.quarters.map((q) => q.quarter).sort();
      if (quarters.join() !== '1,2,3,4') ctx.addIssue({ code: 'custom', path: ['quarters'], message: 'err.campaign.quarters' });
      const order = c.stages.map((s) => STAGES.indexOf(s));
      const outOfOrder = order.some((v, i) => {
        const before = order[i - 1];
        return before !== undefined && v <= before;
      });
      if (outOfOrder) ctx.addIssue({ code: 'custom', path: ['stages'], message: 'err.campaign.stageOrder' });
    }),
  );
export type Campaign = z.infer<typeof CampaignSchema>;

/** Settings a new campaign starts with; the defaults follow official bulletins. */
export function defaultCampaign(year: number, name = `${year}年项目建设年`): Campaign {
  return {
    name,
    year,
    quarters: [
      { quarter: 1, theme: 'strongStart' },
      { quarter: 2, theme: 'doubleHalf' },
      { quarter: 3, theme: 'tackle' },
      { quarter: 4, theme: 'finish' },
    ],
    windows: [],
    reportDueDay: 5,
    reports: { correctionUntilDay: 5, lateNeedsApproval: true },
    pace: { basis: 'months' },
    lights: { yellowBehindPoints: 0, redBehindPoints: 10, dueSoonDays: 15 },
    escalation: { remindAfterDays: 1, superviseAfterDays: 7 },
    problemClosure: 'office',
    stages: [...STAGES],
  };
}
