import { formatMoneyWan } from '../format';
import type { Locale } from '../schema/common';
import type { Target } from '../schema/target';
import { manualValueText } from './pace';

/** How a target's values read: money (万元/亿元), a count (个), or a manual value with its own unit label. */
export type TargetMeasure = 'money' | 'count' | 'manual';

export function targetMeasure(target: Pick<Target, 'metric'>): { measure: TargetMeasure; unitLabel: string } {
  switch (target.metric.kind) {
    case 'investmentSum':
      return { measure: 'money', unitLabel: '' };
    case 'stageCount':
    case 'memberQuota':
      return { measure: 'count', unitLabel: '' };
    case 'manual':
      return { measure: 'manual', unitLabel: target.metric.unitLabel };
  }
}

/**
 * A target's goal, actual or forecast in the metric's own unit — money in 万元 below 1 亿 and 亿元 from there, counts as
 * 个, manual values as entered (8.60%, 3.5 亿元) — the one way the board, the circular and its export print them.
 */
export function formatTargetValue(measure: TargetMeasure, unitLabel: string, value: number, locale: Locale): string {
  switch (measure) {
    case 'money':
      return formatMoneyWan(value, locale);
    case 'count':
      return locale === 'zh-CN' ? `${Math.round(value)} 个` : String(Math.round(value));
    case 'manual':
      return manualValueText(value, unitLabel);
  }
}

/** A ranking entry's parts as text: money in 万元/亿元 for 投资完成率 and the 序时 gap ("8.38 亿元/77.85 亿元"), counts as they are ("12/18"). */
export function formatRankingParts(metric: string, numerator: number, denominator: number, locale: Locale): string {
  if (metric === 'investmentShare' || metric === 'paceGap') return `${formatMoneyWan(numerator, locale)}/${formatMoneyWan(denominator, locale)}`;
  return `${numerator}/${denominator}`;
}
