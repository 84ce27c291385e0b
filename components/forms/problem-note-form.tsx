import { useId, useState, type FormEvent } from 'react';
import { sortErrors } from '../common/field-errors';
import { useMessages } from '../common/i18n-context';
import { useSubmit, type SubmitResult } from '../common/use-submit';
import { FormActions } from './form-actions';
import { FormField } from './form-field';

/** 报进展 (the progress note), 申请销号 (the evidence), 退回 (the reason the request goes back). */
export type ProblemNoteKind = 'progress' | 'request' | 'return';

export interface ProblemNoteFormProps {
  kind: ProblemNoteKind;
  onSubmit: (text: string) => Promise<SubmitResult> | SubmitResult;
  onCancel: () => void;
  onDone?: () => void;
}

/** Where the model reports a refused note, per kind (the record's field and the note inside it). */
const FIELDS = {
  progress: { text: ['progress', 'note'] },
  request: { text: ['request', 'evidence', 'resolution'] },
  return: { text: ['returned', 'reason'] },
} as const;

const LABELS = {
  progress: { title: 'ui.problem.progress', label: 'ui.problem.progressNote', hint: 'ui.problem.progressHint', submit: 'ui.problem.progressSubmit' },
  request: { title: 'ui.problem.requestClose', label: 'ui.problem.evidence', hint: 'ui.problem.evidenceHint', submit: 'ui.problem.requestClose' },
  return: { title: 'ui.problem.returnClose', label: 'ui.problem.returnReason', hint: 'ui.problem.returnHint', submit: 'ui.problem.returnClose' },
} as const;

/** One note a problem's loop needs (the model refuses an empty one, at this field). */
export function ProblemNoteForm({ kind, onSubmit, onCancel, onDone }: ProblemNoteFormProps) {
  const { t } = useMessages();
  const id = useId();
  const [text, setText] = useState('');
  const { run, pending, errors } = useSubmit(onSubmit, onDone);
  const { byField, rest } = sortErrors(errors, FIELDS[kind]);
  const labels = LABELS[kind];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(text);
  };
  return (
    <form className={`inline-form problem-note-form note-${kind}`} onSubmit={submit} aria-label={t(labels.title)}>
      <FormField id={`${id}-text`} label={t(labels.label)} errors={byField.text}>
        {(control) => <textarea {...control} rows={2} autoFocus placeholder={t(labels.hint)} value={text} onChange={(e) => setText(e.target.value)} />}
      </FormField>
      <FormActions idPrefix={id} submitLabel={t(labels.submit)} pending={pending} onCancel={onCancel} errors={rest} />
    </form>
  );
}
