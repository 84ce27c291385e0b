import type { MessageKey } from '../i18n';
import type { MessageParams } from '../i18n/translate';
import { err, type Result } from '../result';
import { toFieldErrors, type FieldError } from '../schema/field-errors';
import type * as z from 'zod/mini';

/** Why a write was refused: every problem, each next to its field. */
export type Refusal = { errors: FieldError[] };

/** The outcome of a mutation: on error nothing was written. */
export type ModelResult<T extends object = object> = Result<T, Refusal>;

/** One record as read from a document: valid, or invalid with the reasons and what was stored. */
export type RecordRead<T> = Result<{ value: T }, { id: string; reasons: FieldError[]; raw: unknown }>;

export function fieldError(key: MessageKey, path = '', params: MessageParams = {}): FieldError {
  return { path, key, params };
}

export function refuse(key: MessageKey, path = '', params: MessageParams = {}): { ok: false } & Refusal {
  return err({ errors: [fieldError(key, path, params)] });
}

export function refuseZod(error: z.core.$ZodError): { ok: false } & Refusal {
  return err({ errors: toFieldErrors(error) });
}

/** The valid values of a list of reads. */
export function validValues<T>(reads: readonly RecordRead<T>[]): T[] {
  const out: T[] = [];
  for (const r of reads) if (r.ok) out.push(r.value);
  return out;
}

/** Parse options for every boundary parse: with the input reported, a wrong type reads "wrong type", not "required". */
export const PARSE = { reportInput: true } as const;
