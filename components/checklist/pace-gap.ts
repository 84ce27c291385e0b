import { formatPoints } from '../../shared/format';
import type { Messages } from '../common/i18n-context';

/**
 * The gap against 序时 in words ("超序时进度 5.90 个百分点"): the words of shared/calc/pace's `paceGapText`, spoken through
 * the page's own tables (importing that module would bring every message table into the popup's first paint).
 */
export function paceGapWords(t: Messages['t'], gapPoints: number): string {
  if (gapPoints > 0) return t('pace.ahead', { points: formatPoints(gapPoints) });
  if (gapPoints < 0) return t('pace.behind', { points: formatPoints(gapPoints) });
  return t('pace.onPace');
}

/** Percent labels, as shared/calc/metrics/manual-value's `isPercentLabel` reads them. */
const PERCENT = new Set(['%', '％', '百分比', '个百分点']);

/** A rate target's gap to its goal ("高于目标 0.60 个百分点"): shared/calc/pace's `goalGapText` in the page's tables. */
export function goalGapWords(t: Messages['t'], gap: number, unitLabel: string): string {
  if (gap === 0) return t('goal.level');
  const points = formatPoints(gap);
  const label = unitLabel.trim();
  const amount = PERCENT.has(label) ? t('goal.points', { points }) : label ? `${points} ${label}` : points;
  return t(gap > 0 ? 'goal.above' : 'goal.below', { amount });
}

/** A value with its unit as entered: 8.6 and "%" → "8.60%", 3 and "亿元" → "3 亿元". */
export function valueWithUnit(value: number, unitLabel: string): string {
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(2);
  const label = unitLabel.trim();
  if (!label) return shown;
  return PERCENT.has(label) ? `${shown}%` : `${shown} ${label}`;
}
