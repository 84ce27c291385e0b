import type { FieldError } from '../../shared/schema/field-errors';
import { useMessages } from './i18n-context';

/** The errors of one field, right under it; `id` lets the input point at it with aria-describedby. */
export function FieldErrorText({ id, errors }: { id: string; errors: readonly FieldError[] | undefined }) {
  const { say } = useMessages();
  if (!errors || errors.length === 0) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {errors.map((e) => say(e.key, e.params)).join('；')}
    </p>
  );
}
