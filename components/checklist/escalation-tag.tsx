import type { EscalationLevel } from '../../shared/schema/problem';
import { useMessages } from '../common/i18n-context';

/** 交办 / 提醒 / 督办, coloured by how serious it is. */
export function EscalationTag({ level }: { level: EscalationLevel }) {
  const { t } = useMessages();
  return (
    <span className={`escalation escalation-${level}`} title={t('ui.problem.level', { level: t(`escalation.${level}`) })}>
      {t(`escalation.${level}`)}
    </span>
  );
}
