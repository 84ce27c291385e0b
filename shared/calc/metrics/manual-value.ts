import type { CalendarDate } from '../../schema/common';
import type { TargetMetric } from '../../schema/target';
import { monthOf, monthsInRange, type DateRange } from '../dates';

type ManualMetric = Extract<TargetMetric, { kind: 'manual' }>;

/** Unit labels that make a hand-entered latest value a rate: a percentage is never accumulated toward a goal. */
const PERCENT_LABELS: ReadonlySet<string> = new Set(['%', '％', '百分比', '个百分点']);

/** A value in percent: its differences are percentage points (个百分点). */
export function isPercentLabel(unitLabel: string): boolean {
  return PERCENT_LABELS.has(unitLabel.trim());
}

/**
 * A rate or ratio target (固定资产投资增速 8%, 增长率): its actual is the latest value entered and it is compared with the
 * goal directly — no 序时进度, no extrapolated forecast. Either declared (`aggregate: 'rate'`) or a `latest` value in %.
 */
export function isRateMetric(metric: TargetMetric): metric is ManualMetric {
  if (metric.kind !== 'manual') return false;
  return metric.aggregate === 'rate' || (metric.aggregate === 'latest' && isPercentLabel(metric.unitLabel));
}

function enteredValues(metric: ManualMetric, period: DateRange, asOf: CalendarDate): number[] {
  const last = monthOf(asOf);
  return monthsInRange(period)
    .filter((m) => m <= last)
    .map((m) => metric.values[m])
    .filter((v): v is number => v !== undefined);
}

/** True once at least one month of the period (up to the as-of month) has a value. */
export function hasManualValue(metric: ManualMetric, period: DateRange, asOf: CalendarDate): boolean {
  return enteredValues(metric, period, asOf).length > 0;
}

/** A hand-entered monthly value (GDP, 税收): the sum of the period's months up to the as-of month, or the latest one. */
export function manualValue(metric: ManualMetric, period: DateRange, asOf: CalendarDate): number {
  const entered = enteredValues(metric, period, asOf);
  if (metric.aggregate === 'sum') return entered.reduce((sum, v) => sum + v, 0);
  return entered.at(-1) ?? 0;
}
