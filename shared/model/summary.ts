import * as Y from 'yjs';
import type { z } from 'zod';
import { toFieldErrors } from '../schema/field-errors';
import { TimestampSchema } from '../schema/common';
import { SummaryRowSchema, TargetResultSchema, type SummaryRow, type TargetResult } from '../schema/summary';
import { SUMMARY_KEYS } from './keys';
import type { ModelOrigin } from './origin';
import { checkPlain, describeRaw, jsonEqual } from './plain-json';
import { fieldError, refuseZod, type ModelResult, type RecordRead, PARSE } from './result';
import { err, ok } from '../result';

/**
 * The summary document is derived by the server from the project documents: one row per project (a whole JSON value,
 * always recomputed together) and the computed target results. Only the server writes it.
 */
export interface SummaryRead {
  /** When the target results were last computed (epoch ms), or null before the first computation. */
  computedAt: number | null;
  /** Sorted by project id. */
  rows: RecordRead<SummaryRow>[];
  /** Sorted by target id. */
  targetResults: RecordRead<TargetResult>[];
}

const SERVER_ORIGIN: ModelOrigin = { source: 'server' };

const summaryMap = (doc: Y.Doc, key: keyof typeof SUMMARY_KEYS): Y.Map<unknown> => doc.getMap<unknown>(SUMMARY_KEYS[key]);

/**
 * A record read, remembered by the stored value's identity: Y.Map hands back the same object until the entry is
 * written again, so re-reading after an update validates only the entries that changed (1000 rows through zod on every
 * update held the board's main thread for tens of ms). The key is kept too: the same value under another key reads
 * differently (key mismatch).
 */
type ReadCache<T> = WeakMap<object, { key: string; read: RecordRead<T> }>;

function readRecord<T>(key: string, value: unknown, schema: z.ZodType<T>, idOf: (value: T) => string): RecordRead<T> {
  try {
    const check = checkPlain(value);
    if (!check.ok) return err({ id: key, reasons: [fieldError(check.key)], raw: describeRaw(value) });
    const parsed = schema.safeParse(value, PARSE);
    if (!parsed.success) return err({ id: key, reasons: toFieldErrors(parsed.error), raw: value });
    if (idOf(parsed.data) !== key) return err({ id: key, reasons: [fieldError('err.model.keyMismatch')], raw: value });
    return ok({ value: parsed.data });
  } catch {
    return err({ id: key, reasons: [fieldError('err.model.unreadable')], raw: null });
  }
}

function readKeyedOne<T>(map: Y.Map<unknown>, key: string, schema: z.ZodType<T>, idOf: (value: T) => string, cache: ReadCache<T>): RecordRead<T> {
  const value = map.get(key);
  // Nested Yjs types change in place: only plain JSON values (immutable once stored) are remembered.
  if (typeof value !== 'object' || value === null || value instanceof Y.AbstractType) return readRecord(key, value, schema, idOf);
  const hit = cache.get(value);
  if (hit && hit.key === key) return hit.read;
  const read = readRecord(key, value, schema, idOf);
  cache.set(value, { key, read });
  return read;
}

function readKeyed<T>(map: Y.Map<unknown>, schema: z.ZodType<T>, idOf: (value: T) => string, cache: ReadCache<T>): RecordRead<T>[] {
  return [...map.keys()].sort().map((key) => readKeyedOne(map, key, schema, idOf, cache));
}

const rowReads: ReadCache<SummaryRow> = new WeakMap();
const targetResultReads: ReadCache<TargetResult> = new WeakMap();

/** Reads the summary document; never throws. */
export function readSummary(doc: Y.Doc): SummaryRead {
  const computedAt = TimestampSchema.safeParse(summaryMap(doc, 'meta').get('computedAt'));
  return {
    computedAt: computedAt.success ? computedAt.data : null,
    rows: readKeyed(summaryMap(doc, 'rows'), SummaryRowSchema, (r) => r.projectId, rowReads),
    targetResults: readKeyed(summaryMap(doc, 'targetResults'), TargetResultSchema, (r) => r.targetId, targetResultReads),
  };
}

/** Writes one project's row (server only); writes nothing when the row is unchanged. */
export function writeSummaryRow(doc: Y.Doc, row: SummaryRow): ModelResult {
  const parsed = SummaryRowSchema.safeParse(row, PARSE);
  if (!parsed.success) return refuseZod(parsed.error);
  const rows = summaryMap(doc, 'rows');
  if (!jsonEqual(rows.get(parsed.data.projectId), parsed.data)) doc.transact(() => rows.set(parsed.data.projectId, parsed.data), SERVER_ORIGIN);
  return ok();
}

/**
 * Replaces the computed target results (server only): results of targets no longer computed are dropped, since the
 * summary is derived data that the server can always recompute.
 */
export function writeTargetResults(doc: Y.Doc, results: readonly TargetResult[], computedAt: number): ModelResult {
  const at = TimestampSchema.safeParse(computedAt, PARSE);
  if (!at.success) return err({ errors: toFieldErrors(at.error).map((e) => ({ ...e, path: 'computedAt' })) });
  const valid: TargetResult[] = [];
  for (const [i, result] of results.entries()) {
    const parsed = TargetResultSchema.safeParse(result, PARSE);
    if (!parsed.success) return err({ errors: toFieldErrors(parsed.error).map((e) => ({ ...e, path: `${i}.${e.path}` })) });
    valid.push(parsed.data);
  }
  const map = summaryMap(doc, 'targetResults');
  doc.transact(() => {
    const keep = new Set(valid.map((r) => r.targetId));
    for (const key of [...map.keys()]) if (!keep.has(key)) map.delete(key);
    for (const r of valid) if (!jsonEqual(map.get(r.targetId), r)) map.set(r.targetId, r);
    summaryMap(doc, 'meta').set('computedAt', at.data);
  }, SERVER_ORIGIN);
  return ok();
}

/**
 * Reads (and remembers, see ReadCache) up to `count` rows starting at the `from`-th; returns where the next slice
 * starts, or null once every row has been read. The board validates the summary in slices between tasks before it
 * first renders it, so the first full `readSummary` finds every row already read and the page stays responsive.
 */
export function prereadSummaryRows(doc: Y.Doc, from: number, count: number): number | null {
  const map = summaryMap(doc, 'rows');
  const keys = [...map.keys()];
  for (const key of keys.slice(from, from + count)) readKeyedOne(map, key, SummaryRowSchema, (r) => r.projectId, rowReads);
  const next = from + count;
  return next < keys.length ? next : null;
}
