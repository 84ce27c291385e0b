import type * as z from 'zod/mini';
import { toFieldErrors, type FieldError } from '../schema/field-errors';
import { checkPlain, describeRaw, jsonEqual } from './plain-json';
import { fieldError, type ModelResult, type RecordRead, PARSE } from './result';
import { err, ok } from '../result';

/**
 * Values that must stay consistent together are stored under one key as one JSON value (e.g. a project's stage and
 * its dates): `fields` maps the stored sub-key to the schema field.
 */
export interface FieldGroup {
  key: string;
  fields: Readonly<Record<string, string>>;
  /** Sub-keys older documents stored in this group: read (under any keyed value of the same field), never written. */
  legacy?: Readonly<Record<string, string>>;
}

/**
 * A record-valued schema field stored one key per entry (`<prefix><entry>`), so two replicas writing different
 * entries concurrently both keep theirs. A stored null is an entry someone cleared.
 */
export interface KeyedField {
  field: string;
  prefix: string;
  entries: readonly string[];
}

/** How one kind of record is laid out in a Yjs map: one key per field or group, plain JSON values. */
export interface RecordLayout<T extends object> {
  schema: z.ZodMiniType<T>;
  /** The schema field taken from the record's key in a flat collection (`<id>/<field>`); null for single records. */
  idField: string | null;
  /** Schema fields stored directly under their own key. */
  fields: readonly string[];
  groups: readonly FieldGroup[];
  keyed?: readonly KeyedField[];
  /**
   * Reconciles what concurrent writers left (e.g. the stage that follows from the dates every writer kept), on the
   * shape as read, before the schema parses it. Must be deterministic: every replica reads the same record.
   */
  settle?: (shape: Record<string, unknown>) => void;
}

function keyedKeys(keyed: KeyedField): string[] {
  return keyed.entries.map((e) => keyed.prefix + e);
}

export function storedKeys(layout: RecordLayout<object>): string[] {
  return [...layout.fields, ...layout.groups.map((g) => g.key), ...(layout.keyed ?? []).flatMap(keyedKeys)];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface Unpacked {
  shape: Record<string, unknown>;
  reasons: FieldError[];
  /** Schema fields whose stored value was unusable (reasons already say why). */
  badFields: Set<string>;
}

/** Stored key → value, as read from the document, into the shape the schema parses. */
export function unpack(layout: RecordLayout<object>, id: string | null, stored: ReadonlyMap<string, unknown>): Unpacked {
  const shape: Record<string, unknown> = {};
  const reasons: FieldError[] = [];
  const badFields = new Set<string>();
  for (const field of layout.fields) {
    if (!stored.has(field)) continue;
    const value = stored.get(field);
    const check = checkPlain(value);
    if (check.ok) shape[field] = value;
    else {
      reasons.push(fieldError(check.key, field));
      badFields.add(field);
    }
  }
  for (const group of layout.groups) {
    if (!stored.has(group.key)) continue;
    const value = stored.get(group.key);
    const check = checkPlain(value);
    const schemaFields = Object.values(group.fields);
    if (!check.ok || typeof value !== 'object' || value === null || Array.isArray(value)) {
      reasons.push(fieldError(check.ok ? 'err.type' : check.key, group.key));
      for (const f of schemaFields) badFields.add(f);
      continue;
    }
    const record = value as Record<string, unknown>;
    for (const [sub, field] of [...Object.entries(group.legacy ?? {}), ...Object.entries(group.fields)]) {
      if (Object.hasOwn(record, sub)) shape[field] = record[sub];
    }
  }
  for (const keyed of layout.keyed ?? []) {
    const base = shape[keyed.field];
    const anyEntry = keyed.entries.some((entry) => stored.has(keyed.prefix + entry));
    // an older document's value that is not a record stays as it is, for the schema to say why
    if (base !== undefined && !isPlainObject(base) && !anyEntry) continue;
    // no entry stored is an empty record (a project that has reached no dated stage yet)
    const merged: Record<string, unknown> = isPlainObject(base) ? { ...base } : {};
    for (const entry of keyed.entries) {
      const key = keyed.prefix + entry;
      if (!stored.has(key)) continue;
      const value = stored.get(key);
      const check = checkPlain(value);
      if (!check.ok) {
        reasons.push(fieldError(check.key, key));
        badFields.add(keyed.field);
      } else if (value === null) delete merged[entry];
      else merged[entry] = value;
    }
    shape[keyed.field] = merged;
  }
  if (layout.idField !== null && id !== null) shape[layout.idField] = id;
  layout.settle?.(shape);
  return { shape, reasons, badFields };
}

/** A valid record into stored key → JSON value. */
export function pack<T extends object>(layout: RecordLayout<T>, value: T): Map<string, unknown> {
  const record = new Map<string, unknown>(Object.entries(value));
  const out = new Map<string, unknown>();
  for (const field of layout.fields) if (record.get(field) !== undefined) out.set(field, record.get(field));
  for (const group of layout.groups) {
    const obj: Record<string, unknown> = {};
    for (const [sub, field] of Object.entries(group.fields)) if (record.get(field) !== undefined) obj[sub] = record.get(field);
    out.set(group.key, obj);
  }
  for (const keyed of layout.keyed ?? []) {
    const value = record.get(keyed.field);
    if (!isPlainObject(value)) continue;
    for (const entry of keyed.entries) if (value[entry] !== undefined) out.set(keyed.prefix + entry, value[entry]);
  }
  return out;
}

function rawOf(stored: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of stored) raw[k] = describeRaw(v);
  return raw;
}

/** Parses one stored record; never throws: whatever goes wrong becomes an invalid record with its reasons. */
export function parseStored<T extends object>(
  layout: RecordLayout<T>,
  id: string,
  stored: ReadonlyMap<string, unknown>,
  recordId: string | null = id,
): RecordRead<T> {
  try {
    const { shape, reasons, badFields } = unpack(layout, recordId, stored);
    const parsed = layout.schema.safeParse(shape, PARSE);
    if (parsed.success && reasons.length === 0) return ok({ value: parsed.data });
    const zodReasons = parsed.success ? [] : toFieldErrors(parsed.error).filter((e) => !badFields.has(e.path.split('.')[0] ?? ''));
    return err({ id, reasons: [...reasons, ...zodReasons], raw: rawOf(stored) });
  } catch {
    return err({ id, reasons: [fieldError('err.model.unreadable')], raw: null });
  }
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface PlannedWrite<T> {
  value: T;
  /** Stored keys whose value changes, with the new value. */
  writes: Map<string, unknown>;
  /** Schema fields of the patch whose value changes (for the activity stream). */
  changes: FieldChange[];
}

/**
 * Validates the record as it would be after applying `patch` to what is stored, and works out which stored keys
 * change. Nothing is written here, so a refused write leaves the document untouched.
 */
export function planWrite<T extends object>(
  layout: RecordLayout<T>,
  recordId: string | null,
  stored: ReadonlyMap<string, unknown>,
  patch: Record<string, unknown>,
): ModelResult<{ plan: PlannedWrite<T> }> {
  const { shape } = unpack(layout, recordId, stored);
  const next = { ...shape };
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) next[k] = v;
  const parsed = layout.schema.safeParse(next, PARSE);
  if (!parsed.success) return err({ errors: toFieldErrors(parsed.error) });
  const packed = pack(layout, parsed.data);
  const writes = new Map<string, unknown>();
  for (const [k, v] of packed) if (!jsonEqual(stored.get(k), v)) writes.set(k, v);
  // an entry of a keyed field that was there and is no more is cleared (written null), never left to a concurrent writer
  for (const keyed of layout.keyed ?? []) {
    const was = shape[keyed.field];
    for (const entry of keyed.entries) {
      const key = keyed.prefix + entry;
      if (!packed.has(key) && isPlainObject(was) && was[entry] !== undefined) writes.set(key, null);
    }
  }
  const after = new Map<string, unknown>(Object.entries(parsed.data));
  const changes: FieldChange[] = [];
  for (const field of Object.keys(patch)) {
    if (patch[field] === undefined) continue;
    const before = shape[field];
    const to = after.get(field);
    if (!jsonEqual(before, to)) changes.push({ field, from: before === undefined || !checkPlain(before).ok ? null : before, to: to ?? null });
  }
  return ok({ plan: { value: parsed.data, writes, changes } });
}
