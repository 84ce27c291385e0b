import { formatPercent } from '../../shared/format';
import { LightDot } from '../common/light-dot';
import { useMessages } from '../common/i18n-context';
import type { TargetLine } from '../../client/view-models/checklist/checklist-data';
import { paceGapWords } from './pace-gap';

/** One target: light, title, share against 序时, and the gap in words ("超序时进度 5.90 个百分点"). */
export function TargetRow({ target }: { target: TargetLine }) {
  const { t } = useMessages();
  return (
    <li className={`target light-row-${target.light}`} data-id={target.targetId}>
      <div className="item-main">
        <LightDot light={target.light} />
        <span className="item-title">{target.title}</span>
        {target.met ? <span className="met-tag">{t('ui.target.met')}</span> : null}
      </div>
      <div className="item-meta">
        <span>{t('ui.target.progress', { share: formatPercent(target.share), expected: formatPercent(target.expectedShare) })}</span>
        <span className={target.gapPoints < 0 ? 'gap behind' : 'gap ahead'}>{paceGapWords(t, target.gapPoints)}</span>
      </div>
    </li>
  );
}
