import { toFieldErrors, type FieldError } from '../schema/field-errors';
import { MonthlyReportSeriesSchema, type MonthlyReport } from '../schema/monthly-report';
import type { RecordRead } from './result';

/**
 * Problems of a project's 月报 taken together. Each report can be valid while the series is not: two people filing
 * different months offline can merge into a cumulative investment that goes down. Filing refuses that; a merge cannot,
 * so the reader flags it for a person to correct. Paths name the month (e.g. `2026-03.cumulativeWan`).
 */
export function reportSeriesProblems(reports: readonly RecordRead<MonthlyReport>[]): FieldError[] {
  const valid = reports.flatMap((r) => (r.ok ? [r.value] : []));
  const checked = MonthlyReportSeriesSchema.safeParse(valid);
  if (checked.success) return [];
  return toFieldErrors(checked.error).map((e) => {
    const [index, ...rest] = e.path.split('.');
    const month = valid[Number(index)]?.month ?? index ?? '';
    return { ...e, path: [month, ...rest].join('.') };
  });
}
