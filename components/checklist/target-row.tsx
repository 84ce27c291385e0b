import { formatPercent } from '../../shared/format';
import { LightDot } from '../common/light-dot';
import { useMessages } from '../common/i18n-context';
import type { TargetLine } from '../../client/view-models/checklist/checklist-data';
import { goalGapWords, paceGapWords, valueWithUnit } from './pace-gap';

/**
 * One target: light, title, share against 序时, and the gap in words ("超序时进度 5.90 个百分点"). A rate target (增速 %,
 * no 序时) shows its value against the goal instead ("当前 8.60% · 目标 8%", "高于目标 0.60 个百分点").
 */
export function TargetRow({ target }: { target: TargetLine }) {
  const { t } = useMessages();
  const unit = target.unitLabel ?? '';
  return (
    <li className={`target light-row-${target.light}`} data-id={target.targetId}>
      <div className="item-main">
        <LightDot light={target.light} />
        <span className="item-title">{target.title}</span>
        {target.met ? <span className="met-tag">{t('ui.target.met')}</span> : null}
      </div>
      {target.expectedShare === null ? (
        <div className="item-meta">
          <span>{t('ui.target.rate', { actual: valueWithUnit(target.actual, unit), goal: valueWithUnit(target.goal, unit) })}</span>
          <span className={target.gapPoints < 0 ? 'gap behind' : 'gap ahead'}>{goalGapWords(t, target.gapPoints, unit)}</span>
        </div>
      ) : (
        <div className="item-meta">
          <span>{t('ui.target.progress', { share: formatPercent(target.share), expected: formatPercent(target.expectedShare) })}</span>
          <span className={target.gapPoints < 0 ? 'gap behind' : 'gap ahead'}>{paceGapWords(t, target.gapPoints)}</span>
        </div>
      )}
    </li>
  );
}
