import type { FieldError } from '../../shared/schema/field-errors';
import { useMessages } from './i18n-context';

/**
 * A record another replica wrote badly: shown, with why, instead of hidden or crashing the page
 * ("记录无效：请填写到达该阶段的日期").
 */
export function InvalidRecord({ where, reasons }: { where?: string; reasons: readonly FieldError[] }) {
  const { t, say } = useMessages();
  const reason = reasons.length > 0 ? reasons.map((r) => say(r.key, r.params)).join('；') : t('err.model.unreadable');
  return (
    <p className="invalid-record" role="note">
      {where ? t('ui.invalidRecord.where', { where, reason }) : t('ui.invalidRecord', { reason })}
    </p>
  );
}
