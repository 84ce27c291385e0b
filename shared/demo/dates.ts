import type { CalendarDate, Month, Timestamp } from '../schema/common';

const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 all year (no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Days since 1970-01-01 of a calendar date (pure arithmetic, no clock). */
export function dayNumber(date: CalendarDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function fromDayNumber(day: number): CalendarDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(dayNumber(date) + days);
}

export function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a <= b ? a : b;
}

export function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a >= b ? a : b;
}

export function dateOf(year: number, month: number, day: number): CalendarDate {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function monthOf(year: number, month: number): Month {
  return `${year}-${String(month).padStart(2, '0')}`;
}

export function lastDayOfMonth(year: number, month: number): CalendarDate {
  return fromDayNumber(Math.round(Date.UTC(year, month, 0) / DAY_MS));
}

/** The instant of `minuteOfDay` (Shanghai wall clock) on `date`. */
export function shanghaiInstant(date: CalendarDate, minuteOfDay: number): Timestamp {
  return dayNumber(date) * DAY_MS - SHANGHAI_OFFSET_MS + minuteOfDay * 60_000;
}

/** The Shanghai calendar day of an instant. */
export function shanghaiDate(at: Timestamp): CalendarDate {
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
