import type { LightThresholds } from '../schema/campaign';
import type { CalendarDate } from '../schema/common';
import type { Light } from '../schema/summary';
import { daysBetween } from './dates';

/** What the 三色督办 light looks at for one target as of a day. */
export interface LightInput {
  /** Last day of the period (for a quota, its deadline). */
  periodEnd: CalendarDate;
  asOf: CalendarDate;
  /** Points ahead (+) or behind (−) 序时. */
  gapPoints: number;
  met: boolean;
}

/**
 * 三色督办: 红 = period over and not met, or behind by more than redBehindPoints; 黄 = behind by more than
 * yellowBehindPoints; 蓝 = not met and the period ends within dueSoonDays; 绿 = on or ahead of pace, or met.
 * Precedence red > yellow > blue > green. A met target is green whatever the pace says.
 */
export function lightFor(input: LightInput, thresholds: LightThresholds): Light {
  if (input.met) return 'green';
  const behind = -input.gapPoints;
  if (input.asOf > input.periodEnd || behind > thresholds.redBehindPoints) return 'red';
  if (behind > thresholds.yellowBehindPoints) return 'yellow';
  if (daysBetween(input.asOf, input.periodEnd) <= thresholds.dueSoonDays) return 'blue';
  return 'green';
}
