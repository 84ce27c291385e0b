import type { FieldError } from '../../shared/schema/field-errors';
import { useAdminMessages } from './admin-messages';

/**
 * Errors for a whole form or row, in the console's words too (an invite that needs the server, one's own rights):
 * components/common/field-error-text.tsx speaks only the tables the popup bundles.
 */
export function AdminErrorText({ id, errors }: { id: string; errors: readonly FieldError[] | undefined }) {
  const { say } = useAdminMessages();
  if (!errors || errors.length === 0) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {errors.map((e) => say(e.key, e.params)).join('；')}
    </p>
  );
}
