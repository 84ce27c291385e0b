/**
 * Durable storage of Yjs documents with an attributed, tamper-evident history.
 * Every backend (SQLite, PostgreSQL, the tests' memory store) implements this and passes tests/server/storage/contract.ts.
 */
import type { SnapshotOwners } from './client-owners';

/** One accepted update as it was stored: who sent it, when, and the hash chaining it to the one before. */
export interface StoredUpdate {
  docName: string;
  /** Position in the document's history, 1, 2, 3, … without gaps. */
  seq: number;
  update: Uint8Array;
  /** Member id of the author ("server" for updates the server wrote itself). */
  author: string;
  /** Epoch milliseconds when the server accepted it. */
  at: number;
  /** hex sha-256 over the previous hash and this record (see hash-chain.ts). */
  hash: string;
}

/** One update to append: what `append` takes, as a record so several can go in one call. */
export interface AppendRequest {
  docName: string;
  update: Uint8Array;
  author: string;
  at: number;
  /**
   * A write only the holder of a lease may make (the summary deriver's, docs/scale-out.md §4): a store shared by
   * several instances refuses the whole batch unless the lease still carries this token. Single-process stores ignore it.
   */
  fence?: WriteFence;
}

/** The lease a fenced write was made under: its name (e.g. "summary:<workspaceId>") and the token it was granted with. */
export interface WriteFence {
  lease: string;
  token: number;
}

export interface AppendedUpdate {
  seq: number;
  hash: string;
}

export interface ChainReport {
  ok: boolean;
  documents: number;
  updates: number;
  /** The first record whose hash does not match, if any. */
  brokenAt?: { docName: string; seq: number; reason: string };
}

export interface DocumentStore {
  /**
   * The document's whole state as one Yjs update (snapshot plus every update after it), or null if nothing is stored.
   */
  load(docName: string): Promise<Uint8Array | null>;
  /** Append an accepted update; durable when the promise resolves. */
  append(docName: string, update: Uint8Array, author: string, at: number): Promise<AppendedUpdate>;
  /**
   * Append several updates, possibly to several documents, in one durable step (the sync server's group commit):
   * each document's updates take consecutive seqs in the order given; the results are in the order given.
   * All or nothing: when any entry is refused or the write fails, nothing of the batch is stored.
   */
  appendMany(entries: readonly AppendRequest[]): Promise<AppendedUpdate[]>;
  /**
   * Store a snapshot of the state up to `uptoSeq` so loading stays fast; the attributed history is kept.
   * The snapshot must contain every update with seq ≤ uptoSeq.
   */
  compact(docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
  /**
   * Stored updates of one document in order, optionally from a seq on and at most `limit` of them (a page of the
   * history costs that page, however long the history).
   */
  history(docName: string, fromSeq?: number, limit?: number): Promise<StoredUpdate[]>;
  /**
   * Which member each client id belongs to as of the latest snapshot (compact records them from the stored history,
   * whatever the caller sent); null when no snapshot has them. A load then reads the owners of later updates only.
   */
  snapshotOwners(docName: string): Promise<SnapshotOwners | null>;
  /** Number of updates stored after the latest snapshot (the server compacts when this grows). */
  pendingSinceSnapshot(docName: string): Promise<number>;
  /** Names of every stored document, optionally those starting with a prefix. */
  listDocuments(prefix?: string): Promise<string[]>;
  /** Recompute the hash chain of one document or all of them. */
  verify(docName?: string): Promise<ChainReport>;
  close(): Promise<void>;
}
