import type { CalendarDate, Month, Timestamp } from '../../shared/schema/common';
import { addDays } from '../../shared/calc/dates';

// The demo's date helpers beyond those the arithmetic already has.
export { addDays, maxDate, minDate } from '../../shared/calc/dates';
export { shanghaiDate } from '../../shared/format';

const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 all year (no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Days since 1970-01-01 of a calendar date: pure arithmetic (Hinnant's days-from-civil), no clock, no Date. */
export function dayNumber(date: CalendarDate): number {
  const y0 = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a day number (civil-from-days). */
export function fromDayNumber(day: number): CalendarDate {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return dateOf(y, m, d);
}

export function dateOf(year: number, month: number, day: number): CalendarDate {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function monthOf(year: number, month: number): Month {
  return `${year}-${String(month).padStart(2, '0')}`;
}

export function lastDayOfMonth(year: number, month: number): CalendarDate {
  return month === 12 ? dateOf(year, 12, 31) : addDays(dateOf(year, month + 1, 1), -1);
}

/** The instant of `minuteOfDay` (Shanghai wall clock) on `date`. */
export function shanghaiInstant(date: CalendarDate, minuteOfDay: number): Timestamp {
  return dayNumber(date) * DAY_MS - SHANGHAI_OFFSET_MS + minuteOfDay * 60_000;
}
