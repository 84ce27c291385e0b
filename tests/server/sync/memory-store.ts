import type { AppendRequest, AppendedUpdate, ChainReport, DocumentStore, StoredUpdate } from '../../../server/storage/document-store';
import { addFirstOwners, type ClientOwners, type SnapshotOwners } from '../../../server/storage/client-owners';
import { EMPTY_HEAD, chainHash, verifyRecords } from '../../../server/storage/hash-chain';
import { mergeUpdatesInBatches } from '../../../server/storage/merge-updates';
import { StorageInputError, checkAppend, checkDocName, checkSeq, checkYjsUpdate } from '../../../server/storage/store-input';

/** What a MemoryStore keeps; a reopened store works on the same (as a reopened SQLite store on the same file). */
export interface MemoryData {
  updates: Map<string, StoredUpdate[]>;
  snapshots: Map<string, { state: Uint8Array; uptoSeq: number; owners: ClientOwners }>;
}

function rejectIf(problem: StorageInputError | null): void {
  if (problem) throw problem;
}

/**
 * An in-memory DocumentStore for sync tests, with switches to make it slow or failing. It keeps the same contract as
 * the SQLite store (tests/server/storage/memory-store.test.ts runs tests/server/storage/contract.ts against it): the
 * same hash chain, the same input checks, all-or-nothing batches.
 */
export class MemoryStore implements DocumentStore {
  readonly updates: Map<string, StoredUpdate[]>;
  readonly snapshots: Map<string, { state: Uint8Array; uptoSeq: number; owners: ClientOwners }>;
  loads = 0;
  /** When set, load() waits for this promise first (to prove the server waits for stored state). */
  loadGate: Promise<void> | null = null;
  failAppends = false;
  /** When set, appendMany waits for this promise first (to prove peers get an update before it is stored). */
  appendGate: Promise<void> | null = null;
  /** Sizes of the appendMany batches, in order. */
  readonly batches: number[] = [];
  private closed = false;

  constructor(data: MemoryData = { updates: new Map(), snapshots: new Map() }) {
    this.updates = data.updates;
    this.snapshots = data.snapshots;
  }

  /** A new store over the same data (this one should be closed first). */
  reopen(): MemoryStore {
    return new MemoryStore({ updates: this.updates, snapshots: this.snapshots });
  }

  async load(docName: string): Promise<Uint8Array | null> {
    this.checkOpen();
    rejectIf(checkDocName(docName));
    this.loads++;
    if (this.loadGate) await this.loadGate;
    const snapshot = this.snapshots.get(docName);
    const rows = (this.updates.get(docName) ?? []).filter((row) => row.seq > (snapshot?.uptoSeq ?? 0));
    return mergeUpdatesInBatches([...(snapshot ? [snapshot.state] : []), ...rows.map((row) => row.update)]);
  }

  async append(docName: string, update: Uint8Array, author: string, at: number): Promise<AppendedUpdate> {
    this.checkOpen();
    rejectIf(checkAppend(docName, update, author, at));
    if (this.failAppends) throw new Error('disk full (simulated)');
    return this.appendChecked({ docName, update, author, at });
  }

  /** Appends the batch one by one; with failAppends set, nothing of it. Counts batches (the group commit's size). */
  async appendMany(entries: readonly AppendRequest[]): Promise<AppendedUpdate[]> {
    this.checkOpen();
    for (const entry of entries) rejectIf(checkAppend(entry.docName, entry.update, entry.author, entry.at));
    if (this.appendGate) await this.appendGate;
    this.checkOpen();
    if (this.failAppends) throw new Error('disk full (simulated)');
    if (entries.length === 0) return [];
    this.batches.push(entries.length);
    // every entry is checked and nothing awaits from here on: the batch lands whole
    return entries.map((entry) => this.appendChecked(entry));
  }

  async compact(docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    this.checkOpen();
    rejectIf(checkDocName(docName) ?? checkSeq('uptoSeq', uptoSeq) ?? checkYjsUpdate('snapshot', snapshot));
    const last = this.head(docName).seq;
    if (uptoSeq > last) throw new StorageInputError('uptoSeq', `document "${docName}" has no update ${uptoSeq} (last is ${last})`);
    // the owners as of uptoSeq, from the stored history (the only snapshot kept is the latest, as in SQLite)
    const owners: ClientOwners = new Map();
    addFirstOwners(
      owners,
      (this.updates.get(docName) ?? []).filter((row) => row.seq <= uptoSeq),
    );
    this.snapshots.set(docName, { state: snapshot.slice(), uptoSeq, owners });
  }

  async snapshotOwners(docName: string): Promise<SnapshotOwners | null> {
    this.checkOpen();
    rejectIf(checkDocName(docName));
    const snapshot = this.snapshots.get(docName);
    return snapshot ? { uptoSeq: snapshot.uptoSeq, owners: new Map(snapshot.owners) } : null;
  }

  async history(docName: string, fromSeq = 1, limit?: number): Promise<StoredUpdate[]> {
    this.checkOpen();
    rejectIf(checkDocName(docName) ?? checkSeq('fromSeq', fromSeq) ?? (limit === undefined ? null : checkSeq('limit', limit)));
    return (this.updates.get(docName) ?? [])
      .filter((row) => row.seq >= fromSeq)
      .slice(0, limit)
      .map((row) => ({ ...row, update: row.update.slice() }));
  }

  async pendingSinceSnapshot(docName: string): Promise<number> {
    this.checkOpen();
    rejectIf(checkDocName(docName));
    return this.head(docName).seq - (this.snapshots.get(docName)?.uptoSeq ?? 0);
  }

  async listDocuments(prefix = ''): Promise<string[]> {
    this.checkOpen();
    // default sort compares UTF-16 code units, as SQLite's BINARY collation does for the same text
    return [...this.updates.keys()].filter((name) => name.startsWith(prefix)).sort();
  }

  async verify(docName?: string): Promise<ChainReport> {
    this.checkOpen();
    if (docName !== undefined) rejectIf(checkDocName(docName));
    const names = docName === undefined ? [...this.updates.keys()].sort() : [docName];
    let documents = 0;
    let updates = 0;
    for (const name of names) {
      const rows = this.updates.get(name) ?? [];
      if (rows.length === 0) continue;
      documents += 1;
      const result = verifyRecords(rows);
      updates += result.updates;
      if (!result.ok) return { ok: false, documents, updates, brokenAt: { docName: name, ...result.brokenAt } };
    }
    return { ok: true, documents, updates };
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('memory store is closed');
  }

  /** The last record of a document, or the empty head. */
  private head(docName: string): { seq: number; hash: string } {
    const rows = this.updates.get(docName);
    const last = rows?.[rows.length - 1];
    return last === undefined ? EMPTY_HEAD : { seq: last.seq, hash: last.hash };
  }

  /** Appends one checked entry at once (no await): concurrent callers each take the next seq. */
  private appendChecked({ docName, update, author, at }: AppendRequest): AppendedUpdate {
    const head = this.head(docName);
    const seq = head.seq + 1;
    const hash = chainHash({ prevHash: head.hash, docName, seq, author, at, update });
    const rows = this.updates.get(docName) ?? [];
    // a copy: the caller may reuse its buffer, and what is stored must not change with it
    rows.push({ docName, seq, update: update.slice(), author, at, hash });
    this.updates.set(docName, rows);
    return { seq, hash };
  }
}
