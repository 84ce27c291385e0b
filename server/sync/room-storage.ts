import * as Y from 'yjs';
import type { Logger } from '../log';
import { timeStorage, type SyncMetrics } from '../metrics';
import type { AppendRequest, AppendedUpdate, DocumentStore } from '../storage/document-store';
import { ClientBindings, type BindingsCache } from './client-bindings';
import type { UpdateOrigin } from './config';
import type { CommitSource, GroupCommit } from './group-commit';

/** How a server write learns that it was stored (or was not). */
export interface WriteReceipt {
  resolve(): void;
  reject(error: Error): void;
}

/** An accepted update not yet stored, and what to do once it is. */
interface Unstored {
  update: Uint8Array;
  origin: UpdateOrigin;
  at: number;
  /** Server writes reach clients only once stored (see Room.write); their promise settles then too. */
  receipt: WriteReceipt | null;
}

/** A document's stored state, as a room starts from it. */
export interface StoredState {
  /** The whole state as one update; null when nothing is stored. */
  state: Uint8Array | null;
  /** Updates stored after the latest snapshot (compaction starts counting from here). */
  pendingSinceSnapshot: number;
  /** Which member each client id of the stored history belongs to (derived from the attributed history). */
  bindings: ClientBindings;
}

export interface RoomStorageDeps {
  store: DocumentStore;
  metrics: SyncMetrics;
  /** Stores accepted updates after they are sent, a batch per event-loop turn. */
  commits: GroupCommit;
  compactionThreshold: number;
  now(): number;
  onDocumentUpdate?(docName: string, doc: Y.Doc, update: Uint8Array, origin: UpdateOrigin): void | Promise<void>;
}

/** What the storage needs of its room. */
export interface StorageHost {
  /** The document as it is now (replaced by a rebuild): compaction encodes it, onDocumentUpdate reads it. */
  doc(): Y.Doc;
  isBroken(): boolean;
  /** A server write is stored: send it to every connection. */
  sendStored(update: Uint8Array): void;
  /** Storing failed: the in-memory document is ahead of the store for good. */
  fail(reason: string): void;
  log(): Logger;
}

/** Reads a document's stored state (snapshot plus later updates), how far its snapshot is behind, and its client ids' owners. */
export async function loadStored(store: DocumentStore, metrics: SyncMetrics, name: string, known?: BindingsCache): Promise<StoredState> {
  const state = await timeStorage(metrics, 'load', () => store.load(name));
  const pendingSinceSnapshot = await store.pendingSinceSnapshot(name);
  // not timed as a second 'load': that would count every load twice
  const bindings = await ClientBindings.derive(store, name, known);
  return { state, pendingSinceSnapshot, bindings };
}

/**
 * The room's side of storage: accepted updates wait here for the group commit, in the order they were applied; once
 * stored, server writes go out and onDocumentUpdate runs; every `compactionThreshold` stored updates, a snapshot.
 */
export class RoomStorage implements CommitSource {
  /** Accepted updates the group commit has not taken yet, and those it took and has not confirmed. */
  private unstored: Unstored[] = [];
  private storing: Unstored[] = [];
  private compacting: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    private pendingSinceSnapshot: number,
    private readonly deps: RoomStorageDeps,
    private readonly host: StorageHost,
  ) {}

  /** Queues an accepted (already applied) update for the group commit. */
  add(update: Uint8Array, origin: UpdateOrigin, receipt: WriteReceipt | null): void {
    this.unstored.push({ update, origin, at: this.deps.now(), receipt });
    this.deps.commits.schedule(this);
  }

  /** Resolves once every update accepted so far is stored (or failed to be), and any compaction is done. */
  async settled(): Promise<void> {
    if (this.unstored.length > 0 || this.storing.length > 0) await this.deps.commits.flush();
    await this.compacting;
  }

  /** Resolves once every update accepted so far is stored or failed to be (never rejects). */
  flush(): Promise<void> {
    return this.deps.commits.flush();
  }

  /** The document as stored now; throws when the store cannot load it. */
  load(): Promise<Uint8Array | null> {
    return timeStorage(this.deps.metrics, 'load', () => this.deps.store.load(this.name));
  }

  // --- CommitSource: called by the group commit ---

  takeUnstored(): AppendRequest[] {
    const taken = this.unstored;
    this.unstored = [];
    this.storing.push(...taken);
    return taken.map((entry) => ({
      docName: this.name,
      update: entry.update,
      author: entry.origin.source === 'connection' ? entry.origin.memberId : entry.origin.author,
      at: entry.at,
      ...(entry.origin.source === 'server' && entry.origin.fence ? { fence: entry.origin.fence } : {}),
    }));
  }

  stored(results: AppendedUpdate[]): void {
    const done = this.storing.splice(0, results.length);
    let lastSeq = 0;
    for (const [i, entry] of done.entries()) {
      lastSeq = results[i]?.seq ?? lastSeq;
      if (entry.receipt !== null) {
        this.host.sendStored(entry.update);
        entry.receipt.resolve();
      }
      this.callHook(entry.update, entry.origin);
    }
    this.pendingSinceSnapshot += done.length;
    // the snapshot must hold exactly what is stored: only when no accepted update is still on its way
    if (this.pendingSinceSnapshot >= this.deps.compactionThreshold && this.unstored.length === 0 && this.storing.length === 0 && !this.host.isBroken()) {
      this.compact(lastSeq);
    }
  }

  storeFailed(error: unknown): void {
    const failed = [...this.storing, ...this.unstored];
    this.storing = [];
    this.unstored = [];
    this.host.log().error({ err: error, updates: failed.length }, 'append failed; dropping the in-memory document');
    this.deps.metrics.rejected.inc({ reason: 'storage' });
    for (const entry of failed) entry.receipt?.reject(new Error(`document ${this.name}: storage failed`));
    // the clients that have these updates resend them once they reconnect to the reloaded document
    this.host.fail('append failed');
  }

  private compact(uptoSeq: number): void {
    // encode now, while the document equals the stored state up to uptoSeq
    const snapshot = Y.encodeStateAsUpdate(this.host.doc());
    this.pendingSinceSnapshot = 0;
    this.compacting = this.compacting.then(async () => {
      try {
        await timeStorage(this.deps.metrics, 'compact', () => this.deps.store.compact(this.name, snapshot, uptoSeq));
      } catch (error) {
        // the history is intact; loading is only slower until the next attempt
        this.host.log().error({ err: error }, 'compaction failed');
        this.pendingSinceSnapshot += this.deps.compactionThreshold;
      }
    });
  }

  private callHook(update: Uint8Array, origin: UpdateOrigin): void {
    const hook = this.deps.onDocumentUpdate;
    if (!hook) return;
    try {
      Promise.resolve(hook(this.name, this.host.doc(), update, origin)).catch((error: unknown) =>
        this.host.log().error({ err: error }, 'onDocumentUpdate failed'),
      );
    } catch (error) {
      this.host.log().error({ err: error }, 'onDocumentUpdate failed');
    }
  }
}
