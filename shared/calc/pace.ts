import { labelMessages } from '../i18n/labels';
import { createTranslator } from '../i18n/translate';
import { formatPoints } from '../format';
import { isPercentLabel } from './metrics/manual-value';
import type { PaceSettings } from '../schema/campaign';
import type { CalendarDate, Locale } from '../schema/common';
import {
  addDays,
  daysBetween,
  daysInMonth,
  daysInRange,
  endOfMonth,
  isWholeMonths,
  monthNumber,
  monthsInRange,
  startOfMonth,
  yearOf,
  type DateRange,
} from './dates';

// Only the table these words come from, so the popup does not bundle every message table.
const labels = createTranslator([labelMessages]);

/** 序时进度 by elapsed whole months: a month counts once as-of reaches its last day (31 March → 1–3月 → 3 of 12). */
function monthsShare(period: DateRange, asOf: CalendarDate): number {
  return elapsedWholeMonths(period, asOf) / monthsInRange(period).length;
}

/** 序时进度 by days, as-of counted as elapsed (the day's work is in by the evening report). */
function daysShare(period: DateRange, asOf: CalendarDate): number {
  return (daysBetween(period.start, asOf) + 1) / daysInRange(period);
}

/**
 * Cumulative planned share at the end of `date` on a monthly plan curve, continuous across years: the curve repeats
 * each year, each year adds 1, and within a month the plan accrues evenly by day (only used for periods that are not
 * whole months, such as a 百日会战 window).
 */
function curvePosition(curve: readonly number[], baseYear: number, date: CalendarDate): number {
  const month = monthNumber(date);
  const before = month === 1 ? 0 : (curve[month - 2] ?? 0);
  const atEnd = curve[month - 1] ?? 1;
  const dayFraction = Number(date.slice(8, 10)) / daysInMonth(date);
  return yearOf(date) - baseYear + before + (atEnd - before) * dayFraction;
}

function curveShare(period: DateRange, asOf: CalendarDate, curve: readonly number[]): number {
  const baseYear = yearOf(period.start);
  const origin = curvePosition(curve, baseYear, addDays(period.start, -1));
  const total = curvePosition(curve, baseYear, period.end) - origin;
  // A curve that plans nothing for this period gives no pace of its own: count time instead.
  if (total <= 1e-12) return timeShare(period, asOf);
  // Whole-month periods count completed months only, like the months basis: the plan for April is due on 30 April.
  let effective = asOf;
  if (isWholeMonths(period) && asOf < endOfMonth(asOf)) {
    effective = addDays(startOfMonth(asOf), -1);
    if (effective < period.start) return 0;
  }
  return (curvePosition(curve, baseYear, effective) - origin) / total;
}

/** Elapsed time on the bulletin rule: whole months when the period is whole months, else days. */
function timeShare(period: DateRange, asOf: CalendarDate): number {
  return isWholeMonths(period) ? monthsShare(period, asOf) : daysShare(period, asOf);
}

/**
 * 序时进度: the share of a period's goal expected by `asOf` (0..1). Before the period 0, from its last day on 1.
 * Months basis falls back to days for a period that does not start on a 1st and end on a month's last day.
 */
export function expectedShare(period: DateRange, asOf: CalendarDate, pace: PaceSettings): number {
  if (asOf < period.start) return 0;
  if (asOf >= period.end) return 1;
  switch (pace.basis) {
    case 'days':
      return daysShare(period, asOf);
    case 'curve':
      return pace.curve ? clampShare(curveShare(period, asOf, pace.curve)) : timeShare(period, asOf);
    case 'months':
      return timeShare(period, asOf);
  }
}

function clampShare(share: number): number {
  return Math.min(1, Math.max(0, share));
}

/** Round half away from zero to 2 decimals, immune to 5.8999999 float noise, never −0. */
export function roundTo2(value: number): number {
  const rounded = Math.round(Math.abs(value) * 100 + 1e-7) / 100;
  return rounded === 0 ? 0 : Math.sign(value) * rounded;
}

/** The gap to 序时 in percentage points, 2 decimals: 30.90% against 25% → 5.9 (超序时); negative = 落后序时进度. */
export function paceGap(actualShare: number, expected: number): number {
  return roundTo2((actualShare - expected) * 100);
}

/** "超序时进度 5.90 个百分点" / "落后序时进度 3.10 个百分点" / "与序时进度持平" (and the English). */
export function paceGapText(locale: Locale, gapPoints: number): string {
  if (gapPoints > 0) return labels.t(locale, 'pace.ahead', { points: formatPoints(gapPoints) });
  if (gapPoints < 0) return labels.t(locale, 'pace.behind', { points: formatPoints(gapPoints) });
  return labels.t(locale, 'pace.onPace');
}

/** A hand-entered value with its unit as entered: 8.6 and "%" → "8.60%", 3 and "亿元" → "3 亿元". */
export function manualValueText(value: number, unitLabel: string): string {
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(2);
  const label = unitLabel.trim();
  if (!label) return shown;
  return isPercentLabel(label) ? `${shown}%` : `${shown} ${label}`;
}

/**
 * A rate target's gap to its goal in words: "高于目标 0.60 个百分点" for a % rate (points), "低于目标 12 万元/亩" for a
 * ratio in its own unit, "与目标持平" (and the English).
 */
export function goalGapText(locale: Locale, gap: number, unitLabel: string): string {
  if (gap === 0) return labels.t(locale, 'goal.level');
  const points = formatPoints(gap);
  const label = unitLabel.trim();
  const amount = isPercentLabel(label) ? labels.t(locale, 'goal.points', { points }) : label ? `${points} ${label}` : points;
  return labels.t(locale, gap > 0 ? 'goal.above' : 'goal.below', { amount });
}

/** A target's gap in words: against 序时 for a paced target, against the goal for a rate (expectedShare null). */
export function targetGapText(locale: Locale, result: { expectedShare: number | null; gapPoints: number }, unitLabel: string): string {
  return result.expectedShare === null ? goalGapText(locale, result.gapPoints, unitLabel) : paceGapText(locale, result.gapPoints);
}

/** Year-end (period-end) forecast: the actual scaled by the elapsed share on the pace basis; with nothing elapsed, the actual. */
export function forecastAtPeriodEnd(actual: number, elapsedShare: number): number {
  return elapsedShare > 0 ? actual / elapsedShare : actual;
}

/** Number of whole months of the period elapsed by `asOf` (bulletins' "1–N月"); 0 before the first month ends. */
export function elapsedWholeMonths(period: DateRange, asOf: CalendarDate): number {
  const months = monthsInRange(period);
  return months.filter((m) => asOf >= endOfMonth(m)).length;
}
