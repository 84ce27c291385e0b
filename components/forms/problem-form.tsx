import { useId, useState, type FormEvent } from 'react';
import { addDays } from '../../shared/calc/dates';
import { sortErrors } from '../common/field-errors';
import { useMessages } from '../common/i18n-context';
import { useSubmit, type SubmitResult } from '../common/use-submit';
import { FormActions } from './form-actions';
import { FormField } from './form-field';

export interface ProblemFormInput {
  description: string;
  /** 涉及哪个部门，就由哪个部门一把手负责. */
  departmentId: string | null;
  /** 责任人: null = the department's head (一把手), whoever that is when it is read. */
  ownerId: string | null;
  deadline: string;
}

export interface ProblemFormProps {
  /** Departments to choose from (the workspace's units, with their heads); may be empty before the workspace document loads. */
  units: ReadonlyArray<{ id: string; name: string; headId?: string | null }>;
  /** Members who may be named 责任人 instead of the head: the chosen department's are offered. */
  people?: ReadonlyArray<{ id: string; name: string; unitId: string | null }>;
  today: string;
  onSubmit: (input: ProblemFormInput) => Promise<SubmitResult> | SubmitResult;
  onCancel: () => void;
  onDone?: () => void;
}

/** A week is the usual first deadline a dispatch meeting gives a problem. */
const DEFAULT_DEADLINE_DAYS = 7;
const FIELDS = { description: ['description'], department: ['departmentId'], owner: ['ownerId'], deadline: ['deadline'] } as const;

/** Adds a problem to the 问题清单: what is wrong, which department answers for it, by when. */
export function ProblemForm({ units, people = [], today, onSubmit, onCancel, onDone }: ProblemFormProps) {
  const { t } = useMessages();
  const id = useId();
  const [description, setDescription] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const head = units.find((u) => u.id === departmentId)?.headId ?? null;
  const headName = people.find((p) => p.id === head)?.name;
  // the head answers unless someone else of the department is named
  const staff = people.filter((p) => departmentId !== '' && p.unitId === departmentId && p.id !== head);
  const [deadline, setDeadline] = useState(() => addDays(today, DEFAULT_DEADLINE_DAYS));
  const { run, pending, errors } = useSubmit(onSubmit, onDone);
  const { byField, rest } = sortErrors(errors, FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run({ description, departmentId: departmentId === '' ? null : departmentId, ownerId: ownerId === '' ? null : ownerId, deadline });
  };
  return (
    <form className="inline-form problem-form" onSubmit={submit} aria-label={t('ui.problem.add')}>
      <FormField id={`${id}-description`} label={t('ui.problem.description')} errors={byField.description}>
        {(control) => <textarea {...control} rows={2} autoFocus value={description} onChange={(e) => setDescription(e.target.value)} />}
      </FormField>
      <div className="form-row">
        <FormField id={`${id}-department`} label={t('ui.problem.department')} errors={byField.department}>
          {(control) => (
            <select
              {...control}
              value={departmentId}
              onChange={(e) => {
                setDepartmentId(e.target.value);
                setOwnerId('');
              }}
            >
              <option value="">{t('ui.problem.noDepartment')}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={`${id}-owner`} label={t('ui.problem.owner')} errors={byField.owner}>
          {(control) => (
            <select {...control} value={ownerId} title={t('ui.problem.ownerHint')} disabled={departmentId === ''} onChange={(e) => setOwnerId(e.target.value)}>
              <option value="">{headName ? `${headName} ${t('ui.problem.ownerDefault')}` : t('ui.problem.ownerDefault')}</option>
              {staff.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={`${id}-deadline`} label={t('ui.problem.deadline')} errors={byField.deadline}>
          {(control) => <input {...control} type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />}
        </FormField>
      </div>
      <FormActions idPrefix={id} submitLabel={t('ui.action.save')} pending={pending} onCancel={onCancel} errors={rest} />
    </form>
  );
}
