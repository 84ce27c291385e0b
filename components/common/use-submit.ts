import { useCallback, useRef, useState } from 'react';
import type { FieldError } from '../../shared/schema/field-errors';
import type { Result } from '../../shared/result';

/** What a form's submit handler returns: the model's ModelResult shape (on refusal, errors at their fields). */
export type SubmitResult = Result<object, { errors: FieldError[] }>;

/**
 * Runs a form's submit once at a time and keeps the refusal's field errors for display; a thrown error (a document
 * that could not be opened) becomes a form-level error instead of an unhandled rejection.
 */
export function useSubmit<A extends unknown[]>(submit: (...args: A) => Promise<SubmitResult> | SubmitResult, onDone?: () => void) {
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const busy = useRef(false);
  const run = useCallback(
    async (...args: A): Promise<boolean> => {
      if (busy.current) return false;
      busy.current = true;
      setPending(true);
      let result: SubmitResult;
      try {
        result = await submit(...args);
      } catch {
        result = { ok: false, errors: [{ path: '', key: 'ui.err.unknown', params: {} }] };
      }
      busy.current = false;
      setPending(false);
      setErrors(result.ok ? [] : result.errors);
      if (result.ok) onDone?.();
      return result.ok;
    },
    [submit, onDone],
  );
  return { run, pending, errors, setErrors };
}
