import * as Y from 'yjs';
import type { AppendRequest, AppendedUpdate, ChainReport, DocumentStore, StoredUpdate } from '../../../server/storage/document-store';

/**
 * An in-memory DocumentStore for sync tests, with switches to make it slow or failing.
 * No hash chain (the SQLite store's own tests cover that); `hash` is the seq as text.
 */
export class MemoryStore implements DocumentStore {
  readonly updates = new Map<string, StoredUpdate[]>();
  readonly snapshots = new Map<string, { state: Uint8Array; uptoSeq: number }>();
  loads = 0;
  /** When set, load() waits for this promise first (to prove the server waits for stored state). */
  loadGate: Promise<void> | null = null;
  failAppends = false;
  /** When set, appendMany waits for this promise first (to prove peers get an update before it is stored). */
  appendGate: Promise<void> | null = null;
  /** Sizes of the appendMany batches, in order. */
  readonly batches: number[] = [];

  async load(docName: string): Promise<Uint8Array | null> {
    this.loads++;
    if (this.loadGate) await this.loadGate;
    const snapshot = this.snapshots.get(docName);
    const rows = (this.updates.get(docName) ?? []).filter((row) => row.seq > (snapshot?.uptoSeq ?? 0));
    const parts = [...(snapshot ? [snapshot.state] : []), ...rows.map((row) => row.update)];
    return parts.length === 0 ? null : Y.mergeUpdates(parts);
  }

  async append(docName: string, update: Uint8Array, author: string, at: number): Promise<AppendedUpdate> {
    if (this.failAppends) throw new Error('disk full (simulated)');
    const rows = this.updates.get(docName) ?? [];
    const seq = rows.length + 1;
    rows.push({ docName, seq, update: update.slice(), author, at, hash: String(seq) });
    this.updates.set(docName, rows);
    return { seq, hash: String(seq) };
  }

  /** Appends the batch one by one; with failAppends set, nothing of it. Counts batches (the group commit's size). */
  async appendMany(entries: readonly AppendRequest[]): Promise<AppendedUpdate[]> {
    if (this.appendGate) await this.appendGate;
    if (this.failAppends) throw new Error('disk full (simulated)');
    this.batches.push(entries.length);
    const results: AppendedUpdate[] = [];
    for (const entry of entries) results.push(await this.append(entry.docName, entry.update, entry.author, entry.at));
    return results;
  }

  async compact(docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    this.snapshots.set(docName, { state: snapshot.slice(), uptoSeq });
  }

  async history(docName: string, fromSeq = 1, limit = Number.POSITIVE_INFINITY): Promise<StoredUpdate[]> {
    return (this.updates.get(docName) ?? []).filter((row) => row.seq >= fromSeq).slice(0, limit);
  }

  async pendingSinceSnapshot(docName: string): Promise<number> {
    const upto = this.snapshots.get(docName)?.uptoSeq ?? 0;
    return (this.updates.get(docName) ?? []).filter((row) => row.seq > upto).length;
  }

  async listDocuments(prefix = ''): Promise<string[]> {
    return [...this.updates.keys()].filter((name) => name.startsWith(prefix)).sort();
  }

  async verify(): Promise<ChainReport> {
    let updates = 0;
    for (const rows of this.updates.values()) updates += rows.length;
    return { ok: true, documents: this.updates.size, updates };
  }

  async close(): Promise<void> {}
}
