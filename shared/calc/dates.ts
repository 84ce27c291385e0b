import type { CalendarDate, Month } from '../schema/common';

/**
 * Pure YYYY-MM-DD arithmetic. Dates are Asia/Shanghai calendar days already; computing on them as UTC midnights
 * never crosses a daylight-saving edge, so a day is always 86 400 000 ms.
 */

const DAY_MS = 86_400_000;

/** An inclusive range of calendar days: a target's period, a quarter, a 百日会战 window. */
export interface DateRange {
  start: CalendarDate;
  end: CalendarDate;
}

export type QuarterNumber = 1 | 2 | 3 | 4;

function toUtcMs(date: CalendarDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromUtcMs(ms: number): CalendarDate {
  return new Date(ms).toISOString().slice(0, 10);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Days from `from` to `to` (negative when `to` is earlier): daysBetween('2026-03-01', '2026-03-31') = 30. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** Number of days in an inclusive range: 1 January – 31 December 2026 = 365. */
export function daysInRange(range: DateRange): number {
  return daysBetween(range.start, range.end) + 1;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** The report month a day falls in: '2026-03-31' → '2026-03'. */
export function monthOf(date: CalendarDate): Month {
  return date.slice(0, 7);
}

/** Year of a date or month. */
export function yearOf(dateOrMonth: CalendarDate | Month): number {
  return Number(dateOrMonth.slice(0, 4));
}

/** Month number 1–12 of a date or month. */
export function monthNumber(dateOrMonth: CalendarDate | Month): number {
  return Number(dateOrMonth.slice(5, 7));
}

export function daysInMonth(dateOrMonth: CalendarDate | Month): number {
  return new Date(Date.UTC(yearOf(dateOrMonth), monthNumber(dateOrMonth), 0)).getUTCDate();
}

/** First day of the month of a date or month: '2026-02' → '2026-02-01'. */
export function startOfMonth(dateOrMonth: CalendarDate | Month): CalendarDate {
  return `${dateOrMonth.slice(0, 7)}-01`;
}

/** Last day of the month of a date or month: '2026-02-10' → '2026-02-28'. */
export function endOfMonth(dateOrMonth: CalendarDate | Month): CalendarDate {
  return `${dateOrMonth.slice(0, 7)}-${pad2(daysInMonth(dateOrMonth))}`;
}

export function isFirstDayOfMonth(date: CalendarDate): boolean {
  return date.slice(8, 10) === '01';
}

export function isLastDayOfMonth(date: CalendarDate): boolean {
  return date === endOfMonth(date);
}

/** The month `months` after (or before, when negative) `month`: addMonths('2026-12', 1) = '2027-01'. */
export function addMonths(month: Month, months: number): Month {
  const index = yearOf(month) * 12 + (monthNumber(month) - 1) + months;
  return `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`;
}

/** Months from `from` to `to` (negative when earlier): monthsBetween('2026-01', '2026-03') = 2. */
export function monthsBetween(from: Month, to: Month): number {
  return yearOf(to) * 12 + monthNumber(to) - (yearOf(from) * 12 + monthNumber(from));
}

/** Every month a range touches, in order: 2026-01-15 – 2026-03-02 → ['2026-01', '2026-02', '2026-03']. */
export function monthsInRange(range: DateRange): Month[] {
  const first = monthOf(range.start);
  const count = monthsBetween(first, monthOf(range.end)) + 1;
  const months: Month[] = [];
  for (let i = 0; i < count; i++) months.push(addMonths(first, i));
  return months;
}

/** True when the range starts on a 1st and ends on a month's last day (whole months, as bulletins count). */
export function isWholeMonths(range: DateRange): boolean {
  return isFirstDayOfMonth(range.start) && isLastDayOfMonth(range.end);
}

export function quarterOf(date: CalendarDate): QuarterNumber {
  return (Math.floor((monthNumber(date) - 1) / 3) + 1) as QuarterNumber;
}

/** Q1 2026 = 2026-01-01 – 2026-03-31. */
export function quarterRange(year: number, quarter: QuarterNumber): DateRange {
  const firstMonth = `${year}-${pad2((quarter - 1) * 3 + 1)}`;
  return { start: startOfMonth(firstMonth), end: endOfMonth(addMonths(firstMonth, 2)) };
}

export function yearRange(year: number): DateRange {
  return { start: `${year}-01-01`, end: `${year}-12-31` };
}

export function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a <= b ? a : b;
}

export function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a >= b ? a : b;
}

/** True when `date` lies within the inclusive range (YYYY-MM-DD compares correctly as text). */
export function isWithin(date: CalendarDate, range: DateRange): boolean {
  return date >= range.start && date <= range.end;
}

/** True when the month lies within [from, to] (YYYY-MM compares correctly as text). */
export function isMonthWithin(month: Month, from: Month, to: Month): boolean {
  return month >= from && month <= to;
}
