/**
 * The admin console's forms as data: which fields, what each may hold, and how typed text becomes a model input.
 * Components draw any such list (components/admin/record-form.tsx); adding a field is one entry in a list.
 */
import type { MessageKey } from '../../../shared/i18n';
import type { MessageParams } from '../../../shared/i18n/translate';
import type { FieldError } from '../../../shared/schema/field-errors';
import { err, ok, type Result } from '../../../shared/result';

/** Text to show: a message (translated by the component) or a name typed by a person. */
export type Label = { key: MessageKey; params?: MessageParams } | { text: string };

export interface Choice {
  value: string;
  label: Label;
}

export type FieldControl = 'text' | 'textarea' | 'number' | 'date' | 'select' | 'multi';

export interface FormFieldSpec {
  /** The value's name in FormValues; also the model path its errors come back under. */
  name: string;
  label: MessageKey;
  labelParams?: MessageParams;
  control: FieldControl;
  choices?: readonly Choice[];
  /** Other model paths whose errors belong at this field (e.g. `scope` for the scope's unit). */
  paths?: readonly string[];
  hint?: MessageKey;
  /** Shown only when another field holds one of these values. */
  when?: { field: string; is: readonly string[] };
  /** Shown but not editable (e.g. a target's metric after creation). */
  readOnly?: boolean;
  /** A heading the field starts (settings forms group their fields). */
  group?: MessageKey;
}

/** What a form holds: text as typed, lists for multi-selects. */
export type FormValues = Record<string, string | string[]>;

/** A conversion from typed text to a model input, or the errors at their fields. */
export type Parsed<T> = Result<{ value: T }, { errors: FieldError[] }>;

export const NONE = '';

export function text(values: FormValues, name: string): string {
  const v = values[name];
  return typeof v === 'string' ? v : '';
}

export function list(values: FormValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : [];
}

/** An optional reference: '' means none. */
export function optionalId(values: FormValues, name: string): string | null {
  const v = text(values, name).trim();
  return v === NONE ? null : v;
}

/** A date field: '' means none. */
export function optionalDate(values: FormValues, name: string): string | null {
  const v = text(values, name).trim();
  return v === '' ? null : v;
}

/**
 * Collects number fields: each typed value parsed (full-width digits and thousands separators forgiven), or an
 * error at that field. Empty text is an error too unless the field may be empty.
 */
export class NumberReader {
  readonly errors: FieldError[] = [];
  constructor(private readonly values: FormValues) {}

  read(name: string, errorKey: MessageKey = 'err.number.type'): number {
    const raw = text(this.values, name)
      .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
      .replace(/[,，\s]/g, '')
      .replace('．', '.');
    const n = raw === '' ? Number.NaN : Number(raw);
    if (!Number.isFinite(n)) {
      this.errors.push({ path: name, key: raw === '' ? 'err.required' : errorKey, params: {} });
      return 0;
    }
    return n;
  }

  result<T>(value: T): Parsed<T> {
    return this.errors.length > 0 ? err({ errors: this.errors }) : ok({ value });
  }
}

/** The fields whose value differs from what the form was filled with. */
export function changedFields(values: FormValues, baseline: FormValues): Set<string> {
  const out = new Set<string>();
  for (const name of new Set([...Object.keys(values), ...Object.keys(baseline)])) {
    if (JSON.stringify(values[name] ?? '') !== JSON.stringify(baseline[name] ?? '')) out.add(name);
  }
  return out;
}

/**
 * The part of a patch the person changed: a key is kept when its own field changed or one of the fields it is made
 * of (`parts`: a target's scope from its kind, unit and member fields). Untouched fields are not written, so a
 * change someone else made to them meanwhile stands.
 */
export function onlyChanged<T extends object>(patch: T, changed: ReadonlySet<string>, parts: Record<string, readonly string[]> = {}): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(patch) as (keyof T & string)[]) {
    if (changed.has(key) || (parts[key] ?? []).some((p) => changed.has(p))) out[key] = patch[key];
  }
  return out;
}

/** Choices from an enum's values and their label keys, e.g. `role.admin`. */
export function enumChoices(values: readonly string[], prefix: string): Choice[] {
  return values.map((value) => ({ value, label: { key: `${prefix}.${value}` as MessageKey } }));
}

/** Choices of named records (units, members), optionally led by "none". */
export function namedChoices(records: readonly { id: string; name: string }[], withNone: boolean): Choice[] {
  const out: Choice[] = withNone ? [{ value: NONE, label: { key: 'admin.none' } }] : [];
  for (const r of records) out.push({ value: r.id, label: { text: r.name } });
  return out;
}
