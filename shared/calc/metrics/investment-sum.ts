import type { CalendarDate } from '../../schema/common';
import type { SummaryRow } from '../../schema/summary';
import { monthOf, monthsInRange, type DateRange } from '../dates';

/**
 * 完成投资 (万元) over the months the period touches, up to the as-of month: monthly reports carry no days, so a
 * window ending mid-month counts that month whole.
 */
export function sumInvestment(rows: readonly SummaryRow[], period: DateRange, asOf: CalendarDate): number {
  const last = monthOf(asOf);
  const months = monthsInRange(period).filter((m) => m <= last);
  let total = 0;
  for (const row of rows) {
    for (const month of months) total += row.completedByMonth[month] ?? 0;
  }
  return total;
}

/** 今年计划投资 of the rows (万元). */
export function sumAnnualPlan(rows: readonly SummaryRow[]): number {
  return rows.reduce((sum, r) => sum + r.annualPlanWan, 0);
}
