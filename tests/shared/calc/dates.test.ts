import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  daysInRange,
  endOfMonth,
  isLastDayOfMonth,
  isWholeMonths,
  monthOf,
  monthsBetween,
  monthsInRange,
  quarterOf,
  quarterRange,
  yearRange,
} from '../../../shared/calc/dates';

describe('calendar arithmetic on YYYY-MM-DD', () => {
  it('counts days across month and year ends', () => {
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(30);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-04-10', '2026-04-01')).toBe(-9);
    expect(daysInRange(yearRange(2026))).toBe(365);
    expect(daysInRange(yearRange(2028))).toBe(366);
  });
  it('adds days over February in common and leap years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    // 百日会战 from 1 April: the hundredth day is 9 July.
    expect(addDays('2026-04-01', 99)).toBe('2026-07-09');
  });
  it('knows month ends and months of a range', () => {
    expect(monthOf('2026-03-31')).toBe('2026-03');
    expect(endOfMonth('2026-02-10')).toBe('2026-02-28');
    expect(endOfMonth('2028-02')).toBe('2028-02-29');
    expect(isLastDayOfMonth('2026-06-30')).toBe(true);
    expect(isLastDayOfMonth('2026-06-29')).toBe(false);
    expect(monthsInRange({ start: '2026-11-15', end: '2027-02-01' })).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthsBetween('2026-01', '2026-12')).toBe(11);
  });
  it('knows quarters and whole-month periods', () => {
    expect(quarterOf('2026-03-31')).toBe(1);
    expect(quarterOf('2026-04-01')).toBe(2);
    expect(quarterOf('2026-12-31')).toBe(4);
    expect(quarterRange(2026, 2)).toEqual({ start: '2026-04-01', end: '2026-06-30' });
    expect(isWholeMonths(quarterRange(2026, 3))).toBe(true);
    expect(isWholeMonths({ start: '2026-04-01', end: '2026-07-09' })).toBe(false);
  });
});
