import type { CalendarDate } from '../../schema/common';
import type { TargetMetric } from '../../schema/target';
import { monthOf, monthsInRange, type DateRange } from '../dates';

type ManualMetric = Extract<TargetMetric, { kind: 'manual' }>;

/** A hand-entered monthly value (GDP, 税收): the sum of the period's months up to the as-of month, or the latest one. */
export function manualValue(metric: ManualMetric, period: DateRange, asOf: CalendarDate): number {
  const last = monthOf(asOf);
  const entered = monthsInRange(period)
    .filter((m) => m <= last)
    .map((m) => metric.values[m])
    .filter((v): v is number => v !== undefined);
  if (metric.aggregate === 'latest') return entered.at(-1) ?? 0;
  return entered.reduce((sum, v) => sum + v, 0);
}
