import { useId } from 'react';
import { ESCALATION_LEVELS, type EscalationLevel } from '../../shared/schema/problem';
import { FieldErrorText } from '../common/field-error-text';
import { useMessages } from '../common/i18n-context';
import { useSubmit, type SubmitResult } from '../common/use-submit';

export interface EscalateChoicesProps {
  /** The level the problem is at now (effective: hand-set or by the rules). */
  current: EscalationLevel;
  onSubmit: (level: EscalationLevel) => Promise<SubmitResult> | SubmitResult;
  onCancel: () => void;
  onDone?: () => void;
}

/** 交办 → 提醒 → 督办: one button per higher level, so escalating is the second click. */
export function EscalateChoices({ current, onSubmit, onCancel, onDone }: EscalateChoicesProps) {
  const { t } = useMessages();
  const id = useId();
  const { run, pending, errors } = useSubmit(onSubmit, onDone);
  const higher = ESCALATION_LEVELS.slice(ESCALATION_LEVELS.indexOf(current) + 1);
  return (
    <fieldset className="inline-form escalate-choices" aria-label={t('ui.problem.escalate')}>
      <div className="form-actions">
        {higher.map((level) => (
          <button key={level} type="button" className={`primary level-${level}`} disabled={pending} onClick={() => void run(level)}>
            {t('ui.problem.escalateTo', { level: t(`escalation.${level}`) })}
          </button>
        ))}
        <button type="button" onClick={onCancel}>
          {t('ui.action.cancel')}
        </button>
      </div>
      <FieldErrorText id={`${id}-error`} errors={errors} />
    </fieldset>
  );
}
