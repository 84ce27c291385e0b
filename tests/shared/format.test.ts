import { describe, expect, it } from 'vitest';
import { formatMoneyWan, formatPercent, formatPoints, formatShanghaiTime, shanghaiDate } from '../../shared/format';

describe('formatting for people', () => {
  it('writes money in 万元 below 1 亿 and in 亿元 from there, in English as yuan', () => {
    expect(formatMoneyWan(309)).toBe('309 万元');
    expect(formatMoneyWan(12_500)).toBe('1.25 亿元');
    expect(formatMoneyWan(-0.5)).toBe('-0.5 万元');
    expect(formatMoneyWan(309, 'en')).toBe('CNY 3.09 million');
    expect(formatMoneyWan(12_500, 'en')).toBe('CNY 125 million');
    expect(formatMoneyWan(125_000, 'en')).toBe('CNY 1.25 billion');
    expect(formatMoneyWan(1.5, 'en')).toBe('CNY 15,000');
  });

  it('prints shares as bulletins do, and points without sign', () => {
    expect(formatPercent(0.309)).toBe('30.90%');
    expect(formatPoints(-5.9)).toBe('5.90');
  });

  it('tells the day and time in Asia/Shanghai, which is ahead of UTC by eight hours', () => {
    const lateEveningUtc = Date.UTC(2026, 2, 31, 16, 30);
    expect(shanghaiDate(lateEveningUtc)).toBe('2026-04-01');
    expect(formatShanghaiTime(lateEveningUtc)).toBe('2026-04-01 00:30');
  });
});
