import type { MessageKey, MessageParams } from '../i18n';
import { toFieldErrors, type FieldError } from '../schema/field-errors';
import type { z } from 'zod';

/** The outcome of a mutation: on error nothing was written. */
export type ModelResult<T extends object = object> = ({ ok: true } & T) | { ok: false; errors: FieldError[] };

/** One record as read from a document: valid, or invalid with the reasons and what was stored. */
export type RecordRead<T> = { ok: true; value: T } | { ok: false; id: string; reasons: FieldError[]; raw: unknown };

export function fieldError(key: MessageKey, path = '', params: MessageParams = {}): FieldError {
  return { path, key, params };
}

export function refuse(key: MessageKey, path = '', params: MessageParams = {}): { ok: false; errors: FieldError[] } {
  return { ok: false, errors: [fieldError(key, path, params)] };
}

export function refuseZod(error: z.ZodError): { ok: false; errors: FieldError[] } {
  return { ok: false, errors: toFieldErrors(error) };
}

/** The valid values of a list of reads. */
export function validValues<T>(reads: readonly RecordRead<T>[]): T[] {
  const out: T[] = [];
  for (const r of reads) if (r.ok) out.push(r.value);
  return out;
}

/** Parse options for every boundary parse: with the input reported, a wrong type reads "wrong type", not "required". */
export const PARSE = { reportInput: true } as const;
