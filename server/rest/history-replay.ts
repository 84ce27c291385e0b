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
import { readCollection, readSlot } from '../../shared/model/slots';
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

/**
 * Every field of a project document, keyed by record and field. Reads the records as readProjectDoc does but not the
 * activity stream: it grows with every edit and the history never shows it, so reading it would make each step O(history).
 */
function flatten(doc: Y.Doc): Map<string, HistoryField> {
  const out = new Map<string, HistoryField>();
  addRecord(out, 'project', parseStored(PROJECT_LAYOUT, PROJECT_KEYS.project, readSlot(projectSlot(doc), PROJECT_LAYOUT)), (p) => p.id);
  for (const m of readCollection(projectMap(doc, 'milestones'), MILESTONE_LAYOUT)) addRecord(out, 'milestone', m, (v) => v.id);
  for (const p of readCollection(projectMap(doc, 'problems'), PROBLEM_LAYOUT)) addRecord(out, 'problem', p, (v) => v.id);
  for (const r of readCollection(projectMap(doc, 'reports'), REPORT_LAYOUT)) addRecord(out, 'report', r, (v) => v.month);
  return out;
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
    Y.applyUpdate(this.doc, stored.update);
    this.last = stored.seq;
    this.bytes += stored.update.byteLength;
    const next = flatten(this.doc);
    const changes = withOwnStageMoves(this.doc, stored.update, diff(this.fields, next));
    this.fields = next;
    return changes.length > 0 ? { seq: stored.seq, author: stored.author, at: stored.at, changes } : null;
  }

  destroy(): void {
    this.doc.destroy();
  }
}

/**
 * Replays a whole stored history in seq order, telling `visit` of each update with its entry (null when it changed
 * nothing a person reads) and the replayer as it stands after it; the scratch document is freed whatever happens.
 */
export function replayHistory(
  history: readonly StoredUpdate[],
  visit: (stored: StoredUpdate, entry: HistoryEntry | null, replayer: HistoryReplayer) => void,
): void {
  const replayer = new HistoryReplayer();
  try {
    for (const stored of history) visit(stored, replayer.apply(stored), replayer);
  } finally {
    replayer.destroy();
  }
}
