import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/calc/dates';
import { expectedShare, forecastAtPeriodEnd, paceGap, paceGapText } from '../../../shared/calc/pace';
import type { PaceSettings } from '../../../shared/schema/campaign';

const year = { start: '2026-01-01', end: '2026-12-31' };
const months: PaceSettings = { basis: 'months' };
const days: PaceSettings = { basis: 'days' };
// Front-loaded for 开门红: cumulative plan share at the end of each month.
const frontLoaded: PaceSettings = { basis: 'curve', curve: [0.12, 0.2, 0.3, 0.38, 0.46, 0.55, 0.63, 0.71, 0.79, 0.87, 0.94, 1] };

describe('序时进度 on the months basis, as bulletins count', () => {
  it('as of 31 March, 1–3月 are elapsed: 25%', () => {
    expect(expectedShare(year, '2026-03-31', months)).toBe(0.25);
  });
  it('as of 15 April April has not ended: still 25%; as of 30 April 4/12', () => {
    expect(expectedShare(year, '2026-04-15', months)).toBe(0.25);
    expect(expectedShare(year, '2026-04-30', months)).toBeCloseTo(4 / 12, 12);
  });
  it('is 0 before the period and 1 from its last day on', () => {
    expect(expectedShare(year, '2025-12-31', months)).toBe(0);
    expect(expectedShare(year, '2026-01-30', months)).toBe(0);
    expect(expectedShare(year, '2026-12-31', months)).toBe(1);
    expect(expectedShare(year, '2027-02-01', months)).toBe(1);
  });
  it('counts a quarter on its own months: Q2 as of 31 May is 2/3', () => {
    expect(expectedShare({ start: '2026-04-01', end: '2026-06-30' }, '2026-05-31', months)).toBeCloseTo(2 / 3, 12);
  });
  it('falls back to days for a 百日会战 window that does not follow month ends', () => {
    // 1 April – 9 July is 100 days; as of 20 May, 30 + 20 = 50 days have passed.
    expect(expectedShare({ start: '2026-04-01', end: '2026-07-09' }, '2026-05-20', months)).toBe(0.5);
  });
});

describe('序时进度 on the days basis', () => {
  it('counts the as-of day as elapsed', () => {
    // 31 January days + 14 February days = 45 of 365.
    expect(expectedShare(year, '2026-02-14', days)).toBeCloseTo(45 / 365, 12);
    expect(expectedShare(year, '2026-01-01', days)).toBeCloseTo(1 / 365, 12);
  });
  it('works on a quarter: Q2 as of 15 May is 45 of 91 days', () => {
    expect(expectedShare({ start: '2026-04-01', end: '2026-06-30' }, '2026-05-15', days)).toBeCloseTo(45 / 91, 12);
  });
});

describe('序时进度 on a custom plan curve', () => {
  it('follows the curve at month ends and waits for the month to end', () => {
    expect(expectedShare(year, '2026-03-31', frontLoaded)).toBeCloseTo(0.3, 12);
    expect(expectedShare(year, '2026-04-15', frontLoaded)).toBeCloseTo(0.3, 12);
    expect(expectedShare(year, '2026-01-20', frontLoaded)).toBe(0);
  });
  it('rescales the curve for a quarter: Q2 as of 31 May = (0.46 − 0.30) ÷ (0.55 − 0.30) = 64%', () => {
    expect(expectedShare({ start: '2026-04-01', end: '2026-06-30' }, '2026-05-31', frontLoaded)).toBeCloseTo(0.64, 12);
  });
  it('spreads a month evenly by day for a window off the month ends', () => {
    // Window 1 April – 9 July. Plan in it: April 0.08 + May 0.08 + June 0.09 + 9/31 of July's 0.08.
    // As of 15 April: half of April's 0.08 = 0.04.
    const total = 0.08 + 0.08 + 0.09 + (0.08 * 9) / 31;
    expect(expectedShare({ start: '2026-04-01', end: '2026-07-09' }, '2026-04-15', frontLoaded)).toBeCloseTo(0.04 / total, 12);
  });
  it('falls back to days when the curve plans nothing for the period', () => {
    const flatSummer: PaceSettings = { basis: 'curve', curve: [0.2, 0.4, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.7, 0.8, 0.9, 1] };
    // A 20-day drive in May: 10 of 20 days; the whole of May as of 10 May: no month has ended yet.
    expect(expectedShare({ start: '2026-05-01', end: '2026-05-20' }, '2026-05-10', flatSummer)).toBe(0.5);
    expect(expectedShare({ start: '2026-05-01', end: '2026-06-30' }, '2026-05-31', flatSummer)).toBe(0.5);
    expect(expectedShare({ start: '2026-05-01', end: '2026-05-31' }, '2026-05-10', flatSummer)).toBe(0);
  });
});

describe('the gap to 序时 in percentage points and its words', () => {
  it('309 of 1000 万元 as of 31 March is 超序时进度 5.90 个百分点', () => {
    const gap = paceGap(0.309, expectedShare(year, '2026-03-31', months));
    expect(gap).toBe(5.9);
    expect(paceGapText('zh-CN', gap)).toBe('超序时进度 5.90 个百分点');
    expect(paceGapText('en', gap)).toBe('5.90 points ahead of pace');
  });
  it('1–8月 at 74% against 8/12 = 66.67% is 超 7.33 个百分点', () => {
    const gap = paceGap(0.74, expectedShare(year, '2026-08-31', months));
    expect(gap).toBe(7.33);
    expect(paceGapText('zh-CN', gap)).toBe('超序时进度 7.33 个百分点');
  });
  it('behind and level read as 落后序时进度 and 与序时进度持平', () => {
    const behind = paceGap(0.2, 0.25);
    expect(behind).toBe(-5);
    expect(paceGapText('zh-CN', behind)).toBe('落后序时进度 5.00 个百分点');
    expect(paceGapText('en', behind)).toBe('5.00 points behind pace');
    expect(paceGap(0.25, 0.25)).toBe(0);
    expect(paceGapText('zh-CN', 0)).toBe('与序时进度持平');
    // A gap that rounds to zero is level, not "−0".
    expect(Object.is(paceGap(0.25 - 1e-6, 0.25), 0)).toBe(true);
  });
});

describe('year-end forecast at the current pace', () => {
  it('309 at 25% elapsed forecasts 1236', () => {
    expect(forecastAtPeriodEnd(309, 0.25)).toBe(1236);
  });
  it('with nothing elapsed, the forecast is what is already done', () => {
    expect(forecastAtPeriodEnd(40, 0)).toBe(40);
  });
});

describe('序时进度 never goes backwards (seeded property)', () => {
  it('stays within 0..1 and never falls as the days pass, on every basis', () => {
    const bases: PaceSettings[] = [months, days, frontLoaded];
    const day = fc.integer({ min: 0, max: 400 }).map((n) => addDays('2025-12-15', n));
    fc.assert(
      fc.property(day, day, fc.integer({ min: 0, max: 200 }), fc.constantFrom(...bases), (a, b, length, pace) => {
        const period = { start: a, end: addDays(a, length) };
        const [early, late] = a <= b ? [a, b] : [b, a];
        const x = expectedShare(period, early, pace);
        const y = expectedShare(period, late, pace);
        return x >= 0 && y <= 1 && x <= y + 1e-12;
      }),
      { seed: 20260331, numRuns: 2000 },
    );
  });
});
