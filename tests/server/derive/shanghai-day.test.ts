import { describe, expect, it } from 'vitest';
import { shanghaiToday } from '../../../server/derive/shanghai-day';

describe('the Shanghai calendar day', () => {
  it('turns at 16:00 UTC', () => {
    expect(shanghaiToday(Date.UTC(2026, 2, 31, 15, 59))).toBe('2026-03-31');
    expect(shanghaiToday(Date.UTC(2026, 2, 31, 16, 0))).toBe('2026-04-01');
  });
});
