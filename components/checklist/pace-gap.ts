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
