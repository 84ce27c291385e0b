import { describe, expect, it } from 'vitest';
import { msUntilNextShanghaiDay, shanghaiToday } from '../../../server/derive/shanghai-day';

describe('the Shanghai calendar day', () => {
  it('turns at 16:00 UTC', () => {
    expect(shanghaiToday(Date.UTC(2026, 2, 31, 15, 59))).toBe('2026-03-31');
    expect(shanghaiToday(Date.UTC(2026, 2, 31, 16, 0))).toBe('2026-04-01');
  });

  it('the daily pass fires just after the next midnight there', () => {
    // 23:59 in Shanghai: one minute, plus five seconds of slack.
    expect(msUntilNextShanghaiDay(Date.UTC(2026, 2, 31, 15, 59))).toBe(65_000);
    // exactly midnight: the next one, a day later
    expect(msUntilNextShanghaiDay(Date.UTC(2026, 2, 31, 16, 0), 0)).toBe(86_400_000);
  });
});
