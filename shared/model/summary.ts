import * as Y from 'yjs';
import type * as z from 'zod/mini';
import { toFieldErrors } from '../schema/field-errors';
import { SummaryRowSchema, type SummaryRow } from '../schema/summary';
import { SUMMARY_KEYS } from './keys';
import type { ModelOrigin } from './origin';
import { checkPlain, describeRaw, jsonEqual } from './plain-json';
import { fieldError, refuseZod, type ModelResult, type RecordRead, PARSE } from './result';
import { err, ok } from '../result';

/**
 * The summary document is derived by the server from the project documents: one row per project (a whole JSON value,
 * always recomputed together). Only the server writes it. Target results are not in it: whoever shows them computes
 * them from the rows and the targets (evaluateTargets), since they move with the calendar and with offline edits to
 * targets. Documents written before that may still hold `meta.computedAt` and a `targetResults` map: never read.
 */
export interface SummaryRead {
  /** Sorted by project id. */
  rows: RecordRead<SummaryRow>[];
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

function readRecord<T>(key: string, value: unknown, schema: z.ZodMiniType<T>, idOf: (value: T) => string): RecordRead<T> {
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

function readKeyedOne<T>(map: Y.Map<unknown>, key: string, schema: z.ZodMiniType<T>, idOf: (value: T) => string, cache: ReadCache<T>): RecordRead<T> {
  const value = map.get(key);
  // Nested Yjs types change in place: only plain JSON values (immutable once stored) are remembered.
  if (typeof value !== 'object' || value === null || value instanceof Y.AbstractType) return readRecord(key, value, schema, idOf);
  const hit = cache.get(value);
  if (hit && hit.key === key) return hit.read;
  const read = readRecord(key, value, schema, idOf);
  cache.set(value, { key, read });
  return read;
}

function readKeyed<T>(map: Y.Map<unknown>, schema: z.ZodMiniType<T>, idOf: (value: T) => string, cache: ReadCache<T>): RecordRead<T>[] {
  return [...map.keys()].sort().map((key) => readKeyedOne(map, key, schema, idOf, cache));
}

const rowReads: ReadCache<SummaryRow> = new WeakMap();

/** Reads the summary document; never throws. */
export function readSummary(doc: Y.Doc): SummaryRead {
  return { rows: readKeyed(summaryMap(doc, 'rows'), SummaryRowSchema, (r) => r.projectId, rowReads) };
}

/** One project's stored row, or null when there is none or it does not validate. */
export function readSummaryRow(doc: Y.Doc, projectId: string): SummaryRow | null {
  const rows = summaryMap(doc, 'rows');
  if (!rows.has(projectId)) return null;
  const read = readKeyedOne(rows, projectId, SummaryRowSchema, (r) => r.projectId, rowReads);
  return read.ok ? read.value : null;
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
