import { useId, useState, type FormEvent } from 'react';
import { sortErrors } from '../common/field-errors';
import { useMessages } from '../common/i18n-context';
import { useSubmit, type SubmitResult } from '../common/use-submit';
import { FormActions } from './form-actions';
import { FormField } from './form-field';

export interface ResolveFormProps {
  onSubmit: (evidence: string) => Promise<SubmitResult> | SubmitResult;
  onCancel: () => void;
  onDone?: () => void;
}

const FIELDS = { evidence: ['evidence', 'resolution'] } as const;

/** 销号: closing a problem needs the evidence note (the model refuses an empty one, at this field). */
export function ResolveForm({ onSubmit, onCancel, onDone }: ResolveFormProps) {
  const { t } = useMessages();
  const id = useId();
  const [evidence, setEvidence] = useState('');
  const { run, pending, errors } = useSubmit(onSubmit, onDone);
  const { byField, rest } = sortErrors(errors, FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(evidence);
  };
  return (
    <form className="inline-form resolve-form" onSubmit={submit} aria-label={t('ui.problem.resolve')}>
      <FormField id={`${id}-evidence`} label={t('ui.problem.evidence')} errors={byField.evidence}>
        {(control) => (
          <textarea {...control} rows={2} autoFocus placeholder={t('ui.problem.evidenceHint')} value={evidence} onChange={(e) => setEvidence(e.target.value)} />
        )}
      </FormField>
      <FormActions idPrefix={id} submitLabel={t('ui.problem.resolve')} pending={pending} onCancel={onCancel} errors={rest} />
    </form>
  );
}
