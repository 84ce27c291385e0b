import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, fromDayNumber, lastDayOfMonth, shanghaiDate, shanghaiInstant } from '../../../server/demo/dates';
import { itemAt, lastOf } from '../../../server/demo/lists';
import { roundWan, stageAsOf } from '../../../server/demo/project-schedule';
import { deriveSeed, rngFor, sample } from '../../../server/demo/random';

describe('demo helpers', () => {
  it('puts Shanghai wall-clock times 8 hours ahead of UTC', () => {
    // 2025-01-01 00:00 in Shanghai is 2024-12-31 16:00 UTC.
    expect(shanghaiInstant('2025-01-01', 0)).toBe(Date.UTC(2024, 11, 31, 16, 0));
    expect(shanghaiInstant('2025-03-05', 9 * 60 + 30)).toBe(Date.UTC(2025, 2, 5, 1, 30));
    expect(shanghaiDate(Date.UTC(2024, 11, 31, 16, 0))).toBe('2025-01-01');
    expect(shanghaiDate(Date.UTC(2024, 11, 31, 15, 59))).toBe('2024-12-31');
  });

  it('counts calendar days across month and leap-year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(lastDayOfMonth(2024, 2)).toBe('2024-02-29');
    expect(lastDayOfMonth(2025, 12)).toBe('2025-12-31');
  });

  it('rounds money as a project list prints it', () => {
    expect(roundWan(12_345)).toBe(12_300);
    expect(roundWan(12_351)).toBe(12_400);
    expect(roundWan(2_345)).toBe(2_350);
    expect(roundWan(3)).toBe(10);
  });

  it('takes the stage reached by the as-of day and only the dates up to it', () => {
    const timeline = { planning: '2024-11-02', signed: '2025-02-10', preparation: '2025-03-01', started: '2025-05-20', completed: '2026-08-01' };
    expect(stageAsOf(timeline, '2025-04-30')).toEqual({
      stage: 'preparation',
      stageDates: { planning: '2024-11-02', signed: '2025-02-10', preparation: '2025-03-01' },
    });
    expect(stageAsOf(timeline, '2025-05-20').stage).toBe('started');
    expect(stageAsOf(timeline, '2024-10-01')).toEqual({ stage: 'planning', stageDates: {} });
  });

  it('derives distinct non-zero seeds, the same every time', () => {
    expect(deriveSeed(42, 'a')).toBe(deriveSeed(42, 'a'));
    expect(deriveSeed(42, 'a')).not.toBe(deriveSeed(42, 'b'));
    expect(deriveSeed(42, 'a')).not.toBe(deriveSeed(43, 'a'));
    for (let s = 0; s < 200; s++) expect(deriveSeed(s, s)).not.toBe(0);
  });

  it('samples distinct items', () => {
    const picked = sample(rngFor(1, 'x'), [1, 2, 3, 4, 5, 6, 7, 8], 5);
    expect(new Set(picked).size).toBe(5);
    expect(sample(rngFor(1, 'x'), [1, 2], 5)).toHaveLength(2);
  });

  it('reads a list item it is sure of, and says which list fell short when it is not there', () => {
    expect(itemAt(['a', 'b'], 1, 'letters')).toBe('b');
    expect(lastOf(['a', 'b'], 'letters')).toBe('b');
    expect(() => itemAt(['a', 'b'], 2, 'letters')).toThrow(/^letters: no item 2 in a list of 2$/);
    expect(() => itemAt(['a'], -1, 'letters')).toThrow(RangeError);
    expect(() => lastOf([], 'letters')).toThrow(/letters/);
  });
});

describe('day numbers', () => {
  it('agree with the calendar for every day of 1999–2031', () => {
    let day = dayNumber('1999-01-01');
    expect(day).toBe(Date.UTC(1999, 0, 1) / 86_400_000);
    for (let ms = Date.UTC(1999, 0, 1); ms <= Date.UTC(2031, 11, 31); ms += 86_400_000, day++) {
      const date = new Date(ms).toISOString().slice(0, 10);
      if (dayNumber(date) !== day || fromDayNumber(day) !== date) throw new Error(`day numbers disagree at ${date}`);
    }
    expect(fromDayNumber(day - 1)).toBe('2031-12-31');
  });
});
