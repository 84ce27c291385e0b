import type { EscalationLevel } from '../../shared/schema/problem';

/** 三色督办单: 交办 blue, 提醒 yellow, 督办 red (shared/calc/escalation supervisionColour, written out for the first paint). */
const SLIP = { assigned: 'blue', reminded: 'yellow', supervised: 'red' } as const;
import { useMessages } from '../common/i18n-context';

/** 交办 / 提醒 / 督办 on its 蓝/黄/红 督办单, coloured by how serious it is. */
export function EscalationTag({ level }: { level: EscalationLevel }) {
  const { t } = useMessages();
  const slip = t('ui.problem.supervisionSlip', { colour: t(`ui.problem.colour.${SLIP[level]}`) });
  return (
    <span className={`escalation escalation-${level} slip-${SLIP[level]}`} title={`${slip} · ${t('ui.problem.level', { level: t(`escalation.${level}`) })}`}>
      {t(`escalation.${level}`)}
    </span>
  );
}
