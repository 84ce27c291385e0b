/**
 * A project's attributed history, replayed from the stored updates: each update is applied in order to a scratch
 * document and the model's reads before and after are compared field by field. The author and time are the ones the
 * server stored when it accepted the update, never what a client wrote into the document.
 */
import * as Y from 'yjs';
import { PROJECT_KEYS } from '../../shared/model/keys';
import { parseStored } from '../../shared/model/layout';
import { jsonEqual } from '../../shared/model/plain-json';
import { projectMap, projectSlot } from '../../shared/model/project-doc';
import { MILESTONE_LAYOUT, PROBLEM_LAYOUT, PROJECT_LAYOUT, REPORT_LAYOUT } from '../../shared/model/project-layout';
import type { RecordRead } from '../../shared/model/result';
import type { RecordLayout } from '../../shared/model/layout';
import { flatSlot, readCollection, readSlot } from '../../shared/model/slots';
import type { StoredUpdate } from '../storage/document-store';

export type HistoryRecordKind = 'project' | 'milestone' | 'problem' | 'report';

export interface HistoryChange {
  /** `title`: the milestone's title or the problem's description as the record stands after the update. */
  record: { kind: HistoryRecordKind; id: string; title?: string };
  field: string;
  from: unknown;
  to: unknown;
}

export interface HistoryEntry {
  seq: number;
  author: string;
  at: number;
  changes: HistoryChange[];
}

export interface HistoryPage {
  entries: HistoryEntry[];
  /** Pass as `after` for the next page; null when the history ends here. */
  nextAfter: number | null;
}

/** Bookkeeping fields: every edit bumps them, and the entry itself says who and when. */
const SKIPPED_FIELDS = new Set(['updated']);

/** One field of one record as the document stands after an update. */
export interface HistoryField {
  record: HistoryChange['record'];
  field: string;
  value: unknown;
}

function addRecord<T extends object>(out: Map<string, HistoryField>, kind: HistoryRecordKind, read: RecordRead<T>, idOf: (value: T) => string): void {
  const id = read.ok ? idOf(read.value) : read.id;
  const fields: Record<string, unknown> = read.ok
    ? (read.value as Record<string, unknown>)
    : typeof read.raw === 'object' && read.raw !== null
      ? (read.raw as Record<string, unknown>)
      : {};
  for (const [field, value] of Object.entries(fields)) {
    if (SKIPPED_FIELDS.has(field) || value === undefined) continue;
    out.set(`${kind}\u0000${id}\u0000${field}`, { record: { kind, id }, field, value });
  }
}

/** One kind of record kept in a flat collection map (`<id>/<field>` keys): how to read all of it, or one record. */
interface Collection {
  kind: HistoryRecordKind;
  key: string;
  readAll(map: Y.Map<unknown>, out: Map<string, HistoryField>): void;
  readOne(map: Y.Map<unknown>, id: string, out: Map<string, HistoryField>): void;
}

function collection<T extends object>(kind: HistoryRecordKind, key: string, layout: RecordLayout<T>, idOf: (value: T) => string): Collection {
  return {
    kind,
    key,
    readAll(map, out) {
      for (const read of readCollection(map, layout)) addRecord(out, kind, read, idOf);
    },
    readOne(map, id, out) {
      const fields = readSlot(flatSlot(map, id), layout);
      if (fields.size > 0) addRecord(out, kind, parseStored(layout, id, fields), idOf);
    },
  };
}

/** The collections in the order of the fields (and of the changes): after the project record, by kind. */
const COLLECTIONS: readonly Collection[] = [
  collection('milestone', PROJECT_KEYS.milestones, MILESTONE_LAYOUT, (v) => v.id),
  collection('problem', PROJECT_KEYS.problems, PROBLEM_LAYOUT, (v) => v.id),
  collection('report', PROJECT_KEYS.reports, REPORT_LAYOUT, (v) => v.month),
];
const KIND_ORDER: Record<HistoryRecordKind, number> = { project: 0, milestone: 1, problem: 2, report: 3 };

function flattenProject(doc: Y.Doc, out: Map<string, HistoryField>): void {
  addRecord(out, 'project', parseStored(PROJECT_LAYOUT, PROJECT_KEYS.project, readSlot(projectSlot(doc), PROJECT_LAYOUT)), (p) => p.id);
}

/**
 * Every field of a project document, keyed by record and field. Reads the records as readProjectDoc does but not the
 * activity stream: it grows with every edit and the history never shows it, so reading it would make each step O(history).
 */
function flatten(doc: Y.Doc): Map<string, HistoryField> {
  const out = new Map<string, HistoryField>();
  flattenProject(doc, out);
  for (const c of COLLECTIONS) c.readAll(doc.getMap<unknown>(c.key), out);
  return out;
}

/** What one update touched: the project record, and the ids of the collections' records (`everything`: a key with no id). */
interface Touched {
  project: boolean;
  records: Map<HistoryRecordKind, Set<string>>;
  everything: boolean;
}

const recordKey = (field: HistoryField): string => `${field.record.kind}\u0000${field.record.id}`;

function compareRecords(a: HistoryField, b: HistoryField): number {
  const byKind = KIND_ORDER[a.record.kind] - KIND_ORDER[b.record.kind];
  if (byKind !== 0) return byKind;
  return a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0;
}

/**
 * The fields after an update, re-reading only the records it touched: `before` with those records read again, in
 * flatten's order (by kind, then record id as readCollection sorts; a record's fields as it reads). Each step then
 * costs the update's records, not the document's: parsing every record after every update made a long history
 * quadratic. A key without a record id (a malformed document) falls back to reading everything.
 */
function reflatten(doc: Y.Doc, before: ReadonlyMap<string, HistoryField>, touched: Touched): Map<string, HistoryField> {
  if (touched.everything) return flatten(doc);
  const fresh = new Map<string, HistoryField>();
  if (touched.project) flattenProject(doc, fresh);
  for (const c of COLLECTIONS) {
    const map = doc.getMap<unknown>(c.key);
    for (const id of touched.records.get(c.kind) ?? []) c.readOne(map, id, fresh);
  }
  const isTouched = (field: HistoryField) =>
    field.record.kind === 'project' ? touched.project : (touched.records.get(field.record.kind)?.has(field.record.id) ?? false);
  const records = new Map<string, HistoryField[]>();
  for (const field of [...before.values()].filter((f) => !isTouched(f)).concat([...fresh.values()])) {
    const key = recordKey(field);
    const fields = records.get(key);
    if (fields) fields.push(field);
    else records.set(key, [field]);
  }
  const out = new Map<string, HistoryField>();
  const ordered = [...records.values()].sort((a, b) => compareRecords(a[0] as HistoryField, b[0] as HistoryField));
  for (const fields of ordered) for (const field of fields) out.set(`${recordKey(field)}\u0000${field.field}`, field);
  return out;
}

/** Records an update's transaction touches (Yjs names each changed map key). */
function watchTouched(doc: Y.Doc): { touched: Touched; stop(): void } {
  const touched: Touched = { project: false, records: new Map(), everything: false };
  const project = doc.getMap<unknown>(PROJECT_KEYS.project);
  const kinds = new Map<unknown, HistoryRecordKind>(COLLECTIONS.map((c) => [doc.getMap<unknown>(c.key), c.kind]));
  const note = (transaction: Y.Transaction) => {
    for (const [type, keys] of transaction.changed) {
      if ((type as unknown) === project) touched.project = true;
      const kind = kinds.get(type);
      if (kind === undefined) continue;
      const ids = touched.records.get(kind) ?? new Set<string>();
      touched.records.set(kind, ids);
      for (const key of keys) {
        const slash = key === null ? -1 : key.indexOf('/');
        if (key === null || slash < 0) touched.everything = true;
        else ids.add(key.slice(0, slash));
      }
    }
  };
  doc.on('afterTransaction', note);
  return { touched, stop: () => doc.off('afterTransaction', note) };
}

/** The field that names a record to a person: a milestone's title, a problem's description. */
const TITLE_FIELD: Partial<Record<HistoryRecordKind, string>> = { milestone: 'title', problem: 'description' };

/** The record with its title (as it stands after the update, else before), so a tick reads "完成节点「开工」". */
export function titled(
  record: HistoryChange['record'],
  before: ReadonlyMap<string, HistoryField>,
  after: ReadonlyMap<string, HistoryField>,
): HistoryChange['record'] {
  const field = TITLE_FIELD[record.kind];
  if (field === undefined) return record;
  const key = `${record.kind}\u0000${record.id}\u0000${field}`;
  const title = after.get(key)?.value ?? before.get(key)?.value;
  return typeof title === 'string' ? { ...record, title } : record;
}

function diff(before: Map<string, HistoryField>, after: Map<string, HistoryField>): HistoryChange[] {
  const changes: HistoryChange[] = [];
  for (const [key, now] of after) {
    const was = before.get(key);
    if (!was || !jsonEqual(was.value, now.value))
      changes.push({ record: titled(now.record, before, after), field: now.field, from: was?.value ?? null, to: now.value });
  }
  for (const [key, was] of before) {
    if (!after.has(key)) changes.push({ record: titled(was.record, before, after), field: was.field, from: was.value, to: null });
  }
  return changes;
}

/**
 * Replays one document's stored updates one at a time, from seq 1, and can be continued later: it keeps the scratch
 * document and the fields it last read, so the next update costs one apply and one read, whatever came before.
 */
/**
 * The stage moves one update wrote, each from the stage its writer saw: the value its write overwrote in the writer's
 * own document (the item's origin), not the one the server held when the update arrived. Two people who moved the
 * project offline (竣工 by one, 投产 by the other) each moved it from 开工; the merged state says nothing of that.
 */
function stageMoves(doc: Y.Doc, update: Uint8Array): HistoryChange[] {
  const map = projectMap(doc, 'project');
  const moves: HistoryChange[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item)) continue;
    let item: Y.Item;
    try {
      const found = Y.getItem(doc.store, struct.id);
      if (!(found instanceof Y.Item)) continue;
      item = found;
    } catch {
      continue;
    }
    if (item.parent !== map || item.parentSub !== 'stage') continue;
    const to = stageOf(lastContent(item));
    if (to === null) continue;
    let from: string | null = null;
    if (item.origin !== null) {
      try {
        const overwritten = Y.getItem(doc.store, item.origin);
        if (overwritten instanceof Y.Item) from = stageOf(lastContent(overwritten));
      } catch {
        from = null;
      }
    }
    const id = map.get('id');
    moves.push({ record: { kind: 'project', id: typeof id === 'string' ? id : PROJECT_KEYS.project }, field: 'stage', from, to });
  }
  return moves;
}

function lastContent(item: Y.Item): unknown {
  const content = item.content.getContent();
  return content[content.length - 1];
}

function stageOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const stage = (value as { stage?: unknown }).stage;
  return typeof stage === 'string' ? stage : null;
}

/**
 * The changes of one update, just applied to `doc` (kept without garbage collection), with its stage changes replaced
 * by the moves its writer made.
 */
export function withOwnStageMoves(doc: Y.Doc, update: Uint8Array, changes: HistoryChange[]): HistoryChange[] {
  const moves = stageMoves(doc, update);
  if (moves.length === 0) return changes;
  const own = moves.filter((m) => m.from !== m.to);
  const at = changes.findIndex((c) => c.record.kind === 'project' && c.field === 'stage');
  if (at < 0) return [...own, ...changes];
  return [...changes.slice(0, at), ...own, ...changes.slice(at + 1)];
}

export class HistoryReplayer {
  /** Without garbage collection, so the values an update overwrote are still there to say what its writer saw. */
  private readonly doc = new Y.Doc({ gc: false });
  private fields: Map<string, HistoryField>;
  /** The seq of the last update applied (0 before the first). */
  private last = 0;
  /** Bytes of every update applied: a cheap stand-in for the scratch document's size (cache accounting). */
  private bytes = 0;

  constructor() {
    this.fields = flatten(this.doc);
  }

  get seq(): number {
    return this.last;
  }

  get appliedBytes(): number {
    return this.bytes;
  }

  /** Every field of the document as it stands after the last update applied, keyed by record and field. */
  get state(): ReadonlyMap<string, HistoryField> {
    return this.fields;
  }

  /** Applies the next stored update; its entry, or null when it changed nothing a person reads (a resent edit). */
  apply(stored: StoredUpdate): HistoryEntry | null {
    if (stored.seq <= this.last) throw new Error(`history replay: update ${stored.seq} after ${this.last}`);
    const watch = watchTouched(this.doc);
    try {
      Y.applyUpdate(this.doc, stored.update);
    } finally {
      watch.stop();
    }
    this.last = stored.seq;
    this.bytes += stored.update.byteLength;
    const next = reflatten(this.doc, this.fields, watch.touched);
    const changes = withOwnStageMoves(this.doc, stored.update, diff(this.fields, next));
    this.fields = next;
    return changes.length > 0 ? { seq: stored.seq, author: stored.author, at: stored.at, changes } : null;
  }

  destroy(): void {
    this.doc.destroy();
  }
}

/** Updates replayed between two turns of the event loop: a long history must not hold up sync and other requests. */
const REPLAY_YIELD_EVERY = 100;

/**
 * Replays a whole stored history in seq order, telling `visit` of each update with its entry (null when it changed
 * nothing a person reads) and the replayer as it stands after it; the scratch document is freed whatever happens.
 * It lets other work run every REPLAY_YIELD_EVERY updates.
 */
export async function replayHistory(
  history: readonly StoredUpdate[],
  visit: (stored: StoredUpdate, entry: HistoryEntry | null, replayer: HistoryReplayer) => void,
  yieldToLoop: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve)),
): Promise<void> {
  const replayer = new HistoryReplayer();
  try {
    for (const [i, stored] of history.entries()) {
      if (i > 0 && i % REPLAY_YIELD_EVERY === 0) await yieldToLoop();
      visit(stored, replayer.apply(stored), replayer);
    }
  } finally {
    replayer.destroy();
  }
}
