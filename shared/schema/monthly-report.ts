import * as z from 'zod/mini';
import { AttributionSchema, LongTextSchema, MoneyWanSchema, MonthSchema } from './common';

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
    filed: AttributionSchema,
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
