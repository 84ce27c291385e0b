import { targetGapText } from '../../shared/calc/pace';
import { formatTargetValue as formatMeasured } from '../../shared/calc/target-value';
import { t } from '../../shared/i18n';
import { formatPercent, formatPoints } from '../../shared/format';
import type { Locale } from '../../shared/schema/common';
import type { TargetLine } from '../../client/view-models/board/target-lines';

/** A target's goal, actual or forecast in the metric's own unit: money in 万元/亿元, counts as 个, manual values as entered. */
export function formatTargetValue(line: Pick<TargetLine, 'measure' | 'unitLabel'>, value: number, locale: Locale): string {
  return formatMeasured(line.measure, line.unitLabel, value, locale);
}

/**
 * "超序时进度 5.90 个百分点" / "落后序时进度 3.10 个百分点" / "与序时进度持平"; a rate target (no 序时) against its goal:
 * "高于目标 0.60 个百分点".
 */
export function gapText(line: Pick<TargetLine, 'unitLabel' | 'result'>, locale: Locale): string {
  return targetGapText(locale, line.result, line.unitLabel);
}

/** A share, or "—" where it means nothing (a rate target has no 序时 and no forecast). */
export function percentOrDash(share: number | null): string {
  return share === null ? '—' : formatPercent(share);
}

/** A ranking value: points with a sign for the 序时 gap, a percentage otherwise, "无（分母为 0）" when undefined. */
export function formatRankingValue(metric: string, value: number | null, locale: Locale): string {
  if (value === null) return t(locale, 'calc.rate.none');
  if (metric === 'paceGap') return `${value > 0 ? '+' : value < 0 ? '−' : ''}${formatPoints(value)}`;
  return formatPercent(value);
}

export { formatPercent };
