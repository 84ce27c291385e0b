import type { ReactElement, ReactNode } from 'react';
import type { FieldError } from '../../shared/schema/field-errors';
import { FieldErrorText } from '../common/field-error-text';

/** A labelled field with its errors under it; the control gets its id, aria-invalid and aria-describedby from here. */
export function FormField({
  id,
  label,
  errors,
  hint,
  children,
}: {
  id: string;
  label: string;
  errors: readonly FieldError[] | undefined;
  hint?: ReactNode;
  children: (control: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactElement;
}) {
  const invalid = (errors?.length ?? 0) > 0;
  const errorId = `${id}-error`;
  return (
    <div className={invalid ? 'form-field invalid' : 'form-field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': invalid, 'aria-describedby': invalid ? errorId : undefined })}
      {hint ? <span className="field-hint">{hint}</span> : null}
      <FieldErrorText id={errorId} errors={errors} />
    </div>
  );
}
