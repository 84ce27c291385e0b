import type { FieldError } from '../../shared/schema/field-errors';

/**
 * Model refusals sorted to the fields of a form: each error goes to the first field whose paths match its path (the
 * path itself, its first segment or its last: the model reports nested paths such as `3.cumulativeWan` or
 * `stageDates.preparation`); the rest are shown for the whole form.
 */
export function sortErrors<F extends string>(
  errors: readonly FieldError[],
  fields: Record<F, readonly string[]>,
): { byField: Partial<Record<F, FieldError[]>>; rest: FieldError[] } {
  const byField: Partial<Record<F, FieldError[]>> = {};
  const rest: FieldError[] = [];
  const entries = Object.entries(fields) as Array<[F, readonly string[]]>;
  for (const error of errors) {
    const segments = error.path.split('.').filter((s) => s !== '');
    const candidates = [error.path, segments[0], segments.at(-1)].filter((s): s is string => s !== undefined && s !== '');
    const field = entries.find(([, paths]) => candidates.some((c) => paths.includes(c)));
    if (!field) {
      rest.push(error);
      continue;
    }
    const list = byField[field[0]] ?? [];
    list.push(error);
    byField[field[0]] = list;
  }
  return { byField, rest };
}
