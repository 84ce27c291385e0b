import { Fragment, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { FormFieldSpec, FormValues } from '../../client/view-models/admin/form-fields';
import { AdminErrorText } from './admin-error-text';
import { sortErrors } from '../common/field-errors';
import { useSubmit, type SubmitResult } from '../common/use-submit';
import { FormField } from '../forms/form-field';
import { useAdminMessages, type AdminMessageKey } from './admin-messages';

export interface RecordFormProps {
  /** Names the form for assistive technology and tests (e.g. 新增单位). */
  title: string;
  fields: readonly FormFieldSpec[];
  initial: FormValues;
  submitLabel: AdminMessageKey;
  /**
   * `baseline`: the values the form started from (or last saved), so an edit writes only the fields the person
   * changed and keeps what someone else changed meanwhile in the others.
   */
  onSubmit: (values: FormValues, baseline: FormValues) => Promise<SubmitResult> | SubmitResult;
  onCancel?: () => void;
  /** After a successful save (a create form empties itself; an edit form closes). */
  onDone?: () => void;
  /** Empty the fields after a successful save. */
  resetOnDone?: boolean;
  className?: string;
  /** Shown for reading only: every field disabled, no buttons. */
  readOnly?: boolean;
}

function visible(field: FormFieldSpec, values: FormValues): boolean {
  if (!field.when) return true;
  const v = values[field.when.field];
  return typeof v === 'string' && field.when.is.includes(v);
}

/** Any list of fields as one form: errors next to the field they concern (the model's paths), the rest at the end. */
export function RecordForm({
  title,
  fields,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  onDone,
  resetOnDone = false,
  className,
  readOnly = false,
}: RecordFormProps) {
  const { t, label, say } = useAdminMessages();
  const id = useId();
  const [values, setValues] = useState<FormValues>(initial);
  const [saved, setSaved] = useState(false);
  const baseline = useRef<{ base: FormValues; submitted: FormValues }>({ base: initial, submitted: initial });
  const done = () => {
    if (resetOnDone) setValues(initial);
    else baseline.current.base = baseline.current.submitted;
    setSaved(true);
    onDone?.();
  };
  const { run, pending, errors } = useSubmit(onSubmit, done);
  const paths = useMemo(() => Object.fromEntries(fields.map((f) => [f.name, [f.name, ...(f.paths ?? [])]])), [fields]);
  const { byField, rest } = sortErrors(errors, paths);

  const set = (name: string, value: string | string[]) => {
    setSaved(false);
    setValues((v) => ({ ...v, [name]: value }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    baseline.current.submitted = values;
    void run(values, baseline.current.base);
  };

  return (
    <form className={`record-form ${className ?? ''}`} aria-label={title} onSubmit={submit} noValidate>
      {fields.map((field) => {
        if (!visible(field, values)) return null;
        const fieldId = `${id}-${field.name}`;
        const value = values[field.name];
        const str = typeof value === 'string' ? value : '';
        const hint = field.hint ? say(field.hint) : undefined;
        return (
          <Fragment key={field.name}>
            {field.group ? <h4 className="form-group">{say(field.group)}</h4> : null}
            <FormField id={fieldId} label={say(field.label, field.labelParams)} errors={byField[field.name]} hint={hint}>
              {(control) => {
                const common = { ...control, name: field.name, disabled: readOnly || field.readOnly === true };
                switch (field.control) {
                  case 'select':
                    return (
                      <select {...common} value={str} onChange={(e) => set(field.name, e.target.value)}>
                        {(field.choices ?? []).map((c) => (
                          <option key={c.value} value={c.value}>
                            {label(c.label)}
                          </option>
                        ))}
                      </select>
                    );
                  case 'multi': {
                    const chosen = Array.isArray(value) ? value : [];
                    return (
                      <select
                        {...common}
                        multiple
                        size={Math.min(6, Math.max(3, field.choices?.length ?? 3))}
                        value={chosen}
                        onChange={(e) =>
                          set(
                            field.name,
                            [...e.target.selectedOptions].map((o) => o.value),
                          )
                        }
                      >
                        {(field.choices ?? []).map((c) => (
                          <option key={c.value} value={c.value}>
                            {label(c.label)}
                          </option>
                        ))}
                      </select>
                    );
                  }
                  case 'textarea':
                    return <textarea {...common} rows={3} value={str} onChange={(e) => set(field.name, e.target.value)} />;
                  case 'number':
                    return <input {...common} type="text" inputMode="decimal" value={str} onChange={(e) => set(field.name, e.target.value)} />;
                  case 'date':
                    return <input {...common} type="date" value={str} onChange={(e) => set(field.name, e.target.value)} />;
                  default:
                    return <input {...common} type="text" value={str} onChange={(e) => set(field.name, e.target.value)} />;
                }
              }}
            </FormField>
          </Fragment>
        );
      })}
      <AdminErrorText id={`${id}-form-error`} errors={rest} />
      {readOnly ? null : (
        <div className="form-actions">
          <button type="submit" className="primary" disabled={pending}>
            {pending ? t('admin.action.saving') : t(submitLabel)}
          </button>
          {onCancel ? (
            <button type="button" onClick={onCancel}>
              {t('admin.action.cancel')}
            </button>
          ) : null}
          {saved && !pending && errors.length === 0 ? (
            <span className="saved" role="status">
              {t('admin.saved')}
            </span>
          ) : null}
        </div>
      )}
    </form>
  );
}
