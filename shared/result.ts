/**
 * The one outcome type of the tree: success or failure, told apart by `ok`. `T` and `E` are the fields each side
 * carries, so a result reads in the domain's words (`verified.principal`, `refused.failure`) rather than as a generic
 * `value`/`error`; narrowing on `ok` gives exactly one side's fields.
 */
export type Result<T extends object = object, E extends object = object> = ({ ok: true } & T) | ({ ok: false } & E);

/** The success side of a Result, with `fields` (none for a bare success). */
export function ok(): { ok: true };
export function ok<const T extends object>(fields: T): { ok: true } & T;
export function ok(fields: object = {}): { ok: true } {
  return { ok: true, ...fields };
}

/** The failure side of a Result, with what went wrong. */
export function err<const E extends object>(fields: E): { ok: false } & E {
  return { ok: false, ...fields };
}
