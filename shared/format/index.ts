import type { Locale } from '../schema/common';

const SHANGHAI_OFFSET_MS = 8 * 3600_000; // Asia/Shanghai has no daylight saving: always UTC+8.

/** The calendar day in Asia/Shanghai at instant `ms` (YYYY-MM-DD). */
export function shanghaiDate(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant in Asia/Shanghai as YYYY-MM-DD HH:mm. */
export function formatShanghaiTime(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

function trimmed(n: number, digits: number): string {
  return n.toFixed(digits).replace(/\.?0+$/, '');
}

/**
 * Money given in 万元, shown as people write it: 万元 below 1 亿, 亿元 from there
 * (zh-CN: "309 万元", "1.25 亿元"; en: "CNY 3.09 million", "CNY 1.25 billion" — 1 万元 = 10,000 yuan).
 */
export function formatMoneyWan(wan: number, locale: Locale = 'zh-CN'): string {
  const sign = wan < 0 ? '-' : '';
  const abs = Math.abs(wan);
  if (locale === 'zh-CN') {
    if (abs >= 10_000) return `${sign}${trimmed(abs / 10_000, 2)} 亿元`;
    return `${sign}${trimmed(abs, 2)} 万元`;
  }
  const yuan = abs * 10_000;
  if (yuan >= 1e9) return `${sign}CNY ${trimmed(yuan / 1e9, 2)} billion`;
  if (yuan >= 1e6) return `${sign}CNY ${trimmed(yuan / 1e6, 2)} million`;
  return `${sign}CNY ${Math.round(yuan).toLocaleString('en-US')}`;
}

/** A share (0..1) as a percentage with two decimals, as bulletins print it: 0.309 → "30.90%". */
export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(2)}%`;
}

/** Percentage points with two decimals, without sign: 5.9 → "5.90". */
export function formatPoints(points: number): string {
  return Math.abs(points).toFixed(2);
}
