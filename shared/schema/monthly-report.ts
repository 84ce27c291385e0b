import * as z from 'zod/mini';
import { AttributionSchema, LongTextSchema, MoneyWanSchema, MonthSchema } from './common';

/** How many earlier versions a 月报 keeps in its own record (the activity stream and the server history keep all). */
export const REPORT_REVISIONS_KEPT = 24;

/** One earlier version of a month's 月报, as it stood before a correction (更正): its values and who filed them when. */
export const ReportRevisionSchema = z.object({
  completedWan: MoneyWanSchema,
  cumulativeWan: MoneyWanSchema,
  progress: LongTextSchema,
  issues: LongTextSchema,
  filed: AttributionSchema,
});
export type ReportRevision = z.infer<typeof ReportRevisionSchema>;

/** 月报: one per project per month. */
export const MonthlyReportSchema = z
  .object({
    month: MonthSchema,
    /** 本月完成投资 (万元). */
    completedWan: MoneyWanSchema,
    /** 今年累计完成投资 (万元), January to this month. */
    cumulativeWan: MoneyWanSchema,
    /** 本月进展 / 形象进度. */
    progress: LongTextSchema,
    /** 问题和建议. */
    issues: LongTextSchema,
    /** The latest filing or correction (更正): who and when. */
    filed: AttributionSchema,
    /**
     * Earlier versions, oldest first, appended on each correction (absent: never corrected). A correction keeps what it
     * replaced readable here; the server lets only the 项目办 rewrite this list.
     */
    revisions: z.optional(z.array(ReportRevisionSchema).check(z.maxLength(REPORT_REVISIONS_KEPT, { error: 'err.report.tooManyRevisions' }))),
  })
  .check(z.refine((r) => r.cumulativeWan + 1e-6 >= r.completedWan, { path: ['cumulativeWan'], error: 'err.report.cumulativeBelowMonth' }));
export type MonthlyReport = z.infer<typeof MonthlyReportSchema>;

/** A project's reports of one year: cumulative investment never goes down from month to month. */
export const MonthlyReportSeriesSchema = z.array(MonthlyReportSchema).check(
  z.superRefine((reports, ctx) => {
    const sorted = [...reports].map((r, i) => ({ r, i })).sort((a, b) => a.r.month.localeCompare(b.r.month));
    for (const [k, cur] of sorted.entries()) {
      const prev = sorted[k - 1];
      if (prev === undefined) continue; // the first month has none before it
      if (prev.r.month === cur.r.month) {
        ctx.addIssue({ code: 'custom', path: [cur.i, 'month'], message: 'err.report.duplicateMonth' });
      } else if (prev.r.month.slice(0, 4) === cur.r.month.slice(0, 4) && cur.r.cumulativeWan + 1e-6 < prev.r.cumulativeWan) {
        ctx.addIssue({
          code: 'custom',
          path: [cur.i, 'cumulativeWan'],
          message: 'err.report.cumulativeDecreased',
          params: { previous: prev.r.cumulativeWan, month: prev.r.month },
        });
      }
    }
  }),
);
