import { paceGapText } from '../../shared/calc/pace';
import { t } from '../../shared/i18n';
import { formatMoneyWan, formatPercent, formatPoints } from '../../shared/format';
import type { Locale } from '../../shared/schema/common';
import type { TargetLine } from '../../client/view-models/board/target-lines';

/** A target's goal, actual or forecast in the metric's own unit: money in 万元/亿元, counts as 个, manual values as entered. */
export function formatTargetValue(line: Pick<TargetLine, 'measure' | 'unitLabel'>, value: number, locale: Locale): string {
  switch (line.measure) {
    case 'money':
      return formatMoneyWan(value, locale);
    case 'count':
      return locale === 'zh-CN' ? `${Math.round(value)} 个` : String(Math.round(value));
    case 'manual': {
      const shown = Number.isInteger(value) ? String(value) : value.toFixed(2);
      return line.unitLabel ? `${shown} ${line.unitLabel}` : shown;
    }
  }
}

/** "超序时进度 5.90 个百分点" / "落后序时进度 3.10 个百分点" / "与序时进度持平". */
export function gapText(gapPoints: number, locale: Locale): string {
  return paceGapText(locale, gapPoints);
}

/** A ranking value: points with a sign for the 序时 gap, a percentage otherwise, "无（分母为 0）" when undefined. */
export function formatRankingValue(metric: string, value: number | null, locale: Locale): string {
  if (value === null) return t(locale, 'calc.rate.none');
  if (metric === 'paceGap') return `${value > 0 ? '+' : value < 0 ? '−' : ''}${formatPoints(value)}`;
  return formatPercent(value);
}

export { formatPercent };
