import { useId, useState, type FormEvent } from 'react';
import { formatMoneyWan } from '../../shared/format';
import { sortErrors } from '../common/field-errors';
import { useMessages } from '../common/i18n-context';
import { useSubmit, type SubmitResult } from '../common/use-submit';
import { FormActions } from './form-actions';
import { FormField } from './form-field';
import { parseWan } from './parse-wan';

/** What the 月报 form hands to the model's fileMonthlyReport: one figure typed, the cumulative derived (一次填报). */
export interface ReportFormInput {
  month: string;
  completedWan?: number;
  progress: string;
  issues: string;
}

/** The month's report as filed, when the form corrects it (更正): its values fill the form. */
export interface FiledReportValues {
  completedWan: number;
  progress: string;
  issues: string;
}

export interface ReportFormProps {
  projectName: string;
  month: string;
  /** 今年累计 as last reported before this month, when known: the form shows what the cumulative will become. */
  previousCumulativeWan?: number | null;
  /** The report already filed for the month: the form corrects it (更正) instead of filing a new one. */
  filed?: FiledReportValues | null;
  /** The month's window has closed (补报/更正 after the deadline): the form says the 项目办 must approve it. */
  needsApproval?: boolean;
  onSubmit: (input: ReportFormInput) => Promise<SubmitResult> | SubmitResult;
  onCancel: () => void;
  onDone?: () => void;
}

const FIELDS = { completed: ['completedWan', 'cumulativeWan', 'month'], progress: ['progress'], issues: ['issues'] } as const;

/** 月报: this month's completed investment (万元), 形象进度 and 问题和建议; opens with the figure field focused. */
export function ReportForm({ projectName, month, previousCumulativeWan, filed, needsApproval, onSubmit, onCancel, onDone }: ReportFormProps) {
  const { t, locale } = useMessages();
  const id = useId();
  const [figure, setFigure] = useState(filed ? String(filed.completedWan) : '');
  const [progress, setProgress] = useState(filed?.progress ?? '');
  const [issues, setIssues] = useState(filed?.issues ?? '');
  const { run, pending, errors, setErrors } = useSubmit(onSubmit, onDone);
  const typed = parseWan(figure);
  const { byField, rest } = sortErrors(errors, FIELDS);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (typed !== null && Number.isNaN(typed)) {
      setErrors([{ path: 'completedWan', key: 'ui.err.number', params: {} }]);
      return;
    }
    void run({ month, ...(typed === null ? {} : { completedWan: typed }), progress, issues });
  };

  const cumulative = typed !== null && !Number.isNaN(typed) && typed >= 0 && previousCumulativeWan != null ? previousCumulativeWan + typed : null;
  const title = t(filed ? 'ui.report.correctTitle' : 'ui.report.formTitle', { project: projectName, month });
  return (
    <form className="inline-form report-form" onSubmit={submit} aria-label={title}>
      <p className="form-title">{title}</p>
      {needsApproval ? (
        <p className="form-notice" role="note">
          {t('ui.report.needsApproval')}
        </p>
      ) : null}
      <FormField
        id={`${id}-completed`}
        label={t('ui.report.completed')}
        errors={byField.completed}
        hint={cumulative !== null ? t('ui.report.cumulative', { value: formatMoneyWan(Math.round(cumulative * 1e6) / 1e6, locale) }) : undefined}
      >
        {(control) => (
          <input {...control} type="text" inputMode="decimal" autoComplete="off" autoFocus value={figure} onChange={(e) => setFigure(e.target.value)} />
        )}
      </FormField>
      <FormField id={`${id}-progress`} label={t('ui.report.progress')} errors={byField.progress}>
        {(control) => (
          <textarea {...control} rows={2} placeholder={t('ui.report.progressHint')} value={progress} onChange={(e) => setProgress(e.target.value)} />
        )}
      </FormField>
      <FormField id={`${id}-issues`} label={t('ui.report.issues')} errors={byField.issues}>
        {(control) => <textarea {...control} rows={2} placeholder={t('ui.report.issuesHint')} value={issues} onChange={(e) => setIssues(e.target.value)} />}
      </FormField>
      <FormActions idPrefix={id} submitLabel={t(filed ? 'ui.report.correct' : 'ui.report.submit')} pending={pending} onCancel={onCancel} errors={rest} />
    </form>
  );
}
