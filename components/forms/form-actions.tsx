import type { FieldError } from '../../shared/schema/field-errors';
import { FieldErrorText } from '../common/field-error-text';
import { useMessages } from '../common/i18n-context';

/** Submit and cancel, with the errors that belong to no single field above them. */
export function FormActions({
  submitLabel,
  pending,
  onCancel,
  errors,
  idPrefix,
}: {
  submitLabel: string;
  pending: boolean;
  onCancel: () => void;
  errors: readonly FieldError[];
  idPrefix: string;
}) {
  const { t } = useMessages();
  return (
    <>
      <FieldErrorText id={`${idPrefix}-form-error`} errors={errors} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={pending}>
          {pending ? t('ui.action.saving') : submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t('ui.action.cancel')}
        </button>
      </div>
    </>
  );
}
