import { useId, useState, type FormEvent } from 'react';
import { STAGES, stageIndex, type Stage } from '../../shared/schema/stage';
import { sortErrors } from '../common/field-errors';
import { useMessages } from '../common/i18n-context';
import { useSubmit, type SubmitResult } from '../common/use-submit';
import { FormActions } from './form-actions';
import { FormField } from './form-field';

export interface StageFormProps {
  current: Stage;
  /** The campaign's stages in pipeline order (default: the whole pipeline). */
  stages?: readonly Stage[];
  /** Today in Asia/Shanghai: the date the stage was reached, unless changed. */
  today: string;
  onSubmit: (stage: Stage, date: string) => Promise<SubmitResult> | SubmitResult;
  onCancel: () => void;
  onDone?: () => void;
}

const FIELDS = { stage: ['stage'], date: ['date', 'stageDates'] } as const;

/** Moves a project along the pipeline; the next stage and today are preselected, so it is one click to save. */
export function StageForm({ current, stages = STAGES, today, onSubmit, onCancel, onDone }: StageFormProps) {
  const { t } = useMessages();
  const id = useId();
  const next = stages.find((s) => stageIndex(s) > stageIndex(current)) ?? current;
  const [stage, setStage] = useState<Stage>(next);
  const [date, setDate] = useState(today);
  const { run, pending, errors } = useSubmit(onSubmit, onDone);
  const { byField, rest } = sortErrors(errors, FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(stage, date);
  };
  return (
    <form className="inline-form stage-form" onSubmit={submit} aria-label={t('ui.stage.move')}>
      <p className="form-title">{t('ui.stage.current', { stage: t(`stage.${current}`) })}</p>
      <div className="form-row">
        <FormField id={`${id}-stage`} label={t('ui.stage.label')} errors={byField.stage}>
          {(control) => (
            <select {...control} value={stage} onChange={(e) => setStage(stages.find((s) => s === e.target.value) ?? stage)} autoFocus>
              {stages.map((s) => (
                <option key={s} value={s}>
                  {t(`stage.${s}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={`${id}-date`} label={t('ui.stage.date')} errors={byField.date}>
          {(control) => <input {...control} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
        </FormField>
      </div>
      <FormActions idPrefix={id} submitLabel={t('ui.action.save')} pending={pending} onCancel={onCancel} errors={rest} />
    </form>
  );
}
