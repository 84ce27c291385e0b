import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '../../shared/protocol/close-codes';
import type { AwarenessEntry, ClientMessage } from '../../shared/protocol/decode-message';
import { encodeAwarenessEntries, encodeAwarenessMessage, encodeSyncMessage } from '../../shared/protocol/encode-message';
import { SyncMessageType } from '../../shared/protocol/messages';
import type { AppendRequest, AppendedUpdate, DocumentStore } from '../storage/document-store';
import type { Logger } from '../log';
import { timeStorage, type RejectReason, type SyncMetrics } from '../metrics';
import { appliedChange, rootName, type AppliedChange } from './applied-change';
import type { SyncLimits, UpdateOrigin } from './config';
import type { Connection } from './connection';
import type { CommitSource, GroupCommit } from './group-commit';
import { startsAtOrAfter, updateShape, type UpdateShape } from './update-shape';

export interface RoomDeps {
  store: DocumentStore;
  logger: Logger;
  metrics: SyncMetrics;
  /** Stores accepted updates after they are sent, a batch per event-loop turn. */
  commits: GroupCommit;
  compactionThreshold: number;
  now(): number;
  onDocumentUpdate?(docName: string, doc: Y.Doc, update: Uint8Array, origin: UpdateOrigin): void | Promise<void>;
  /** The in-memory document can no longer be trusted to equal the store; the registry drops it. */
  onBroken(room: Room): void;
  limits: Pick<SyncLimits, 'maxDocumentBytes' | 'maxEntriesPerType' | 'maxPresenceStateBytes'>;
  /** Whether a client's applied change may stand (rights, attribution, quotas); `created`: the document was empty. */
  vet?(conn: Connection, room: Room, change: AppliedChange, created: boolean): Refusal | null;
  /** The document changed (an accepted client update, a server write, a reload); `roots`: changed top-level names. */
  onChanged?(room: Room, roots: ReadonlySet<string>): void;
}

/** Why a client's change was not kept: the connection is closed with `code`, and the document is reloaded without it. */
export interface Refusal {
  code: number;
  reason: RejectReason;
  detail: string;
}

/** Awareness states one connection may introduce; a real client has one per tab. */
const MAX_AWARENESS_CLIENTS_PER_CONNECTION = 8;
/** Forget the clock of a departed awareness client after this long (y-protocols keeps them forever). */
const AWARENESS_META_TTL_MS = 60_000;

/** Marks the transaction origin of client updates the room applies itself. */
const capture = Symbol('room-capture');
/** Marks the transaction origin of server writes (write()). */
const serverWrite = Symbol('room-server-write');

/** An accepted update not yet stored, and what to do once it is. */
interface Unstored {
  update: Uint8Array;
  origin: UpdateOrigin;
  at: number;
  /** Server writes reach clients only once stored (see write()); their promise settles then too. */
  serverWrite: { resolve(): void; reject(error: Error): void } | null;
}

/**
 * One loaded document and its connections. A client update is applied and sent to the peers at once; it is stored
 * right after, with every other update of the same event-loop turn, by the group commit (group-commit.ts). The
 * in-memory document is ahead of the store only by those unstored updates, which every client that has them resends
 * if the server dies first. A failed store drops the room; so does a failed reload.
 *
 * Messages are handled synchronously as they arrive, unless an asynchronous step (a rebuild after a failed apply) is
 * under way: then they wait, in order, until it is done.
 */
export class Room implements CommitSource {
  private current: Y.Doc;
  /** Presence (who is looking at the document), made when the first client sends some: most rooms never need it. */
  private presence: awarenessProtocol.Awareness | null = null;
  readonly connections = new Set<Connection>();
  broken = false;
  private destroyed = false;
  private tail: Promise<void> = Promise.resolve();
  /** Tasks queued on `tail`; while above 0, arriving messages queue behind them. */
  private waiting = 0;
  /** The transaction of the client update being applied (set by the afterTransactionCleanup listener). */
  private applied: Y.Transaction | null = null;
  /** What that transaction changed, read before its deleted values are garbage-collected (afterTransaction). */
  private appliedChanges: AppliedChange | null = null;
  /** Encoded size of the document, approximated from above: the loaded state plus every accepted update since. */
  private approxBytes: number;
  /** The estimate when it was last measured exactly; it only grows, so near the cap it is measured again. */
  private measuredBytes: number;
  /**
   * Frames every joining client gets while the document does not change: its state vector (sync step 1) and, for a
   * client with nothing yet (a new device, a reconnect storm after a restart), the whole document (sync step 2).
   * Encoding them once per state instead of once per connection is what keeps admission cheap.
   */
  private encoded: { step1: Uint8Array | null; wholeStep2: Uint8Array | null } = { step1: null, wholeStep2: null };
  /** Accepted updates the group commit has not taken yet, and those it took and has not confirmed. */
  private unstored: Unstored[] = [];
  private storing: Unstored[] = [];
  private compacting: Promise<void> = Promise.resolve();
  /** awareness client id → the connection that introduced it */
  private readonly awarenessOwners = new Map<number, Connection>();
  private logger: Logger | null = null;

  constructor(
    readonly name: string,
    state: Uint8Array | null,
    private pendingSinceSnapshot: number,
    private readonly deps: RoomDeps,
  ) {
    this.current = this.docFrom(state);
    this.approxBytes = this.measuredBytes = state?.length ?? 0;
  }

  /** Resolves once no reload is under way, so a reader never sees a refused change that is being taken out. */
  async ready(): Promise<void> {
    while (this.waiting > 0) await this.tail;
  }

  /** The document as stored plus accepted changes. Replaced after a failed apply: read it each time, do not keep it. */
  get doc(): Y.Doc {
    return this.current;
  }

  /** Sends the server's state vector (the client answers with what we lack) and the current awareness. */
  join(conn: Connection): void {
    this.connections.add(conn);
    conn.state = 'open';
    this.encoded.step1 ??= encodeSyncMessage(SyncMessageType.step1, Y.encodeStateVector(this.doc));
    this.sendTo(conn, this.encoded.step1);
    if (this.presence !== null && this.presence.getStates().size > 0) this.sendTo(conn, this.allPresence(this.presence));
  }

  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    if (this.awarenessOwners.size === 0) return;
    const owned = [...this.awarenessOwners].filter(([, owner]) => owner === conn).map(([client]) => client);
    if (owned.length > 0 && this.presence !== null && !this.destroyed) awarenessProtocol.removeAwarenessStates(this.presence, owned, null);
  }

  /**
   * Handles one decoded frame (`frame`: its bytes, re-sent as they are when the update is passed on unchanged).
   * Returns false when it was not valid Yjs (the caller closes with 4400).
   */
  receive(conn: Connection, message: ClientMessage, byteLength: number, frame?: Uint8Array): boolean {
    switch (message.type) {
      case 'sync-step-1': {
        if (!isStateVector(message.stateVector)) return false;
        this.handle(conn, byteLength, () => {
          if (isEmptyStateVector(message.stateVector)) {
            this.encoded.wholeStep2 ??= encodeSyncMessage(SyncMessageType.step2, Y.encodeStateAsUpdate(this.doc));
            this.sendTo(conn, this.encoded.wholeStep2);
            return;
          }
          this.sendTo(conn, encodeSyncMessage(SyncMessageType.step2, Y.encodeStateAsUpdate(this.doc, message.stateVector)));
        });
        return true;
      }
      case 'sync-step-2':
      case 'sync-update': {
        const shape = updateShape(message.update);
        if (shape === null) return false;
        const asUpdateFrame = message.type === 'sync-update' ? frame : undefined;
        this.handle(conn, byteLength, () => this.applyClientUpdate(conn, message.update, shape, asUpdateFrame));
        return true;
      }
      case 'awareness':
        this.applyAwareness(conn, message.entries);
        return true;
      case 'query-awareness':
        this.sendTo(conn, this.presence === null ? encodeAwarenessMessage(encodeAwarenessEntries([])) : this.allPresence(this.presence));
        return true;
    }
  }

  /**
   * A server-side change (summary derivation, registration), stored with `author`, then sent to every connection;
   * resolves once it is stored. Unlike a client's update it goes out only after it is stored: no client holds it
   * before, so none could resend it, and none would resend it under the wrong author.
   */
  write(change: (doc: Y.Doc) => void, author = 'server'): Promise<void> {
    return new Promise((resolve, reject) => {
      const run = (): void => {
        if (this.broken) return reject(new Error(`document ${this.name} is being reloaded`));
        const written = this.captureWrite(change);
        if (!written.ok) {
          this.break('server write threw');
          return reject(written.error);
        }
        if (written.update === null) return resolve();
        this.accept(written.update, { source: 'server', author }, { resolve, reject });
      };
      if (this.waiting === 0) run();
      else this.queue(run);
    });
  }

  /** Resolves when every queued change has been handled and stored (or has failed to be). */
  async settled(): Promise<void> {
    await this.tail;
    if (this.unstored.length > 0 || this.storing.length > 0) await this.deps.commits.flush();
    await this.compacting;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.doc.off('afterTransactionCleanup', this.onTransaction);
    this.doc.off('afterTransaction', this.onAfterTransaction);
    if (this.presence !== null) {
      this.presence.off('update', this.onAwarenessUpdate);
      this.presence.doc.destroy();
      this.presence.destroy();
    }
    this.doc.destroy();
  }

  /** y-protocols never forgets a departed client's clock; forget old ones so random client ids cannot pile up. */
  pruneAwarenessMeta(now: number): void {
    const presence = this.presence;
    if (presence === null) return;
    for (const [client, meta] of presence.meta) {
      if (!presence.states.has(client) && now - meta.lastUpdated > AWARENESS_META_TTL_MS) presence.meta.delete(client);
    }
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
    }));
  }

  stored(results: AppendedUpdate[]): void {
    const done = this.storing.splice(0, results.length);
    let lastSeq = 0;
    for (const [i, entry] of done.entries()) {
      lastSeq = results[i]?.seq ?? lastSeq;
      if (entry.serverWrite !== null) {
        this.broadcast(encodeSyncMessage(SyncMessageType.update, entry.update), null);
        entry.serverWrite.resolve();
      }
      this.callHook(entry.update, entry.origin);
    }
    this.pendingSinceSnapshot += done.length;
    // the snapshot must hold exactly what is stored: only when no accepted update is still on its way
    if (this.pendingSinceSnapshot >= this.deps.compactionThreshold && this.unstored.length === 0 && this.storing.length === 0 && !this.broken) {
      this.compact(lastSeq);
    }
  }

  storeFailed(error: unknown): void {
    const failed = [...this.storing, ...this.unstored];
    this.storing = [];
    this.unstored = [];
    this.log().error({ err: error, updates: failed.length }, 'append failed; dropping the in-memory document');
    this.deps.metrics.rejected.inc({ reason: 'storage' });
    for (const entry of failed) entry.serverWrite?.reject(new Error(`document ${this.name}: storage failed`));
    // the clients that have these updates resend them once they reconnect to the reloaded document
    this.break('append failed');
  }

  // --- internals ---

  /**
   * Runs a message's handling now, or after the asynchronous step under way. A task that starts an asynchronous step
   * itself (a rebuild) returns its promise; later messages wait for it.
   */
  private handle(conn: Connection, byteLength: number, task: () => void | Promise<void>): void {
    if (this.broken) return; // its connections are being closed; they resend to the reloaded document
    if (this.waiting === 0) {
      let step: void | Promise<void> = undefined;
      try {
        step = task();
      } catch (error) {
        this.log().error({ err: error, conn: conn.id, member: conn.memberId }, 'message handling failed');
      }
      if (step) this.queue(() => step);
      return;
    }
    conn.queuedBytes += byteLength;
    this.queue(async () => {
      try {
        if (!this.broken) await task();
      } catch (error) {
        this.log().error({ err: error, conn: conn.id, member: conn.memberId }, 'message handling failed');
      } finally {
        conn.queuedBytes -= byteLength;
      }
    });
  }

  /** Runs `task` after everything queued; messages arriving meanwhile queue behind it. Never rejects. */
  private queue(task: () => void | Promise<void>): void {
    this.waiting++;
    this.tail = this.tail
      .then(task)
      .catch((error: unknown) => this.log().error({ err: error }, 'queued task failed'))
      .finally(() => {
        this.waiting--;
      });
  }

  /** Applies, sends on and queues for storing; returns the rebuild's promise when the update failed to apply. */
  private applyClientUpdate(conn: Connection, update: Uint8Array, shape: UpdateShape, frame: Uint8Array | undefined): Promise<void> | undefined {
    if (!conn.rights.write) {
      // a read-only client's sync step 2 usually holds nothing new; anything that adds content is dropped
      if (!Y.snapshotContainsUpdate(Y.snapshot(this.doc), update)) {
        this.deps.metrics.rejected.inc({ reason: 'read-only-write' });
        conn.logger.info('dropped an update from a read-only connection');
      }
      return undefined;
    }
    const maxBytes = this.deps.limits.maxDocumentBytes;
    if (this.approxBytes + update.length > maxBytes && this.approxBytes - this.measuredBytes > maxBytes / 8) {
      // a long-lived document's estimate adds up every edit ever accepted: measure it before refusing anything
      this.approxBytes = this.measuredBytes = Y.encodeStateAsUpdate(this.doc).length;
    }
    if (this.approxBytes + update.length > maxBytes) {
      // the update may repeat what we have (a sync step 2): only what is new counts
      const fresh = Y.diffUpdate(update, Y.encodeStateVector(this.doc)).length;
      if (this.approxBytes + fresh > maxBytes) {
        this.refuse(conn, { code: CloseCode.documentTooLarge, reason: 'too-large', detail: `document would exceed ${this.deps.limits.maxDocumentBytes} bytes` });
        return undefined;
      }
    }
    const most = shape.mostLiveKeysInOneRoot;
    if (most !== null && most.keys > this.deps.limits.maxEntriesPerType) {
      // it would leave that map above its entry limit whatever the document holds: refused before the (costly) apply
      this.refuse(conn, { code: CloseCode.documentTooLarge, reason: 'too-large', detail: `${most.root} would hold over ${most.keys} entries (at most ${this.deps.limits.maxEntriesPerType})` });
      return undefined;
    }
    this.applied = null;
    this.appliedChanges = null;
    try {
      Y.applyUpdate(this.doc, update, capture);
    } catch (error) {
      // Yjs throws half-way through integrating some decodable garbage, leaving part of it in the document;
      // nothing of it was stored or sent, so the store plus the unstored updates is exactly what every other
      // client has: store those, then reload
      conn.logger.warn({ err: error }, 'update failed to apply; rebuilding the document from the store');
      this.deps.metrics.rejected.inc({ reason: 'malformed' });
      conn.close(CloseCode.malformedMessage, 'update does not apply');
      // nothing else may read or change the document before it is rebuilt
      return this.rebuild();
    }
    const transaction = this.applied as Y.Transaction | null;
    const change = this.appliedChanges as AppliedChange | null;
    this.applied = null;
    this.appliedChanges = null;
    if (transaction !== null && change !== null && changedSomething(transaction)) {
      const refusal = this.limitRefusal(change) ?? this.deps.vet?.(conn, this, change, transaction.beforeState.size === 0) ?? null;
      if (refusal !== null) {
        // nothing of it was sent or stored: take it out of memory by reloading what is stored
        this.refuse(conn, refusal);
        return this.rebuild();
      }
    }
    const pending = dropPending(this.doc);
    if (pending) {
      // the client built on something we lack: ask for its whole difference instead of holding half an update
      this.deps.metrics.rejected.inc({ reason: 'missing-dependencies' });
      this.sendTo(conn, encodeSyncMessage(SyncMessageType.step1, Y.encodeStateVector(this.doc)));
    }
    if (transaction === null || !changedSomething(transaction)) return;
    let accepted: Uint8Array;
    if (pending) {
      // part of it waits for what we lack and was dropped: pass on only what was integrated
      accepted = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(transaction.beforeState));
      frame = undefined;
    } else if (startsAtOrAfter(shape, transaction.beforeState)) {
      // every struct in it was new and is now in the document: it is exactly the change, pass it on as it came
      accepted = update;
    } else {
      // it repeats structs we had; its bytes for those were never checked, so only the new part goes on
      accepted = Y.diffUpdate(update, Y.encodeStateVector(transaction.beforeState));
      frame = undefined;
    }
    this.deps.metrics.updatesIn.inc();
    this.broadcast(frame ?? encodeSyncMessage(SyncMessageType.update, accepted), conn);
    const memberId = conn.memberId ?? 'unknown';
    this.accept(accepted, { source: 'connection', connectionId: conn.id, memberId }, null);
    this.changed(changedRoots(transaction));
    return undefined;
  }

  /** A type that grew past its entry limit (a map of 150k keys, say); a type already that large may still shrink. */
  private limitRefusal(change: AppliedChange): Refusal | null {
    const max = this.deps.limits.maxEntriesPerType;
    for (const { name, entries } of change.sizes) {
      if (entries <= max) continue;
      const grew =
        change.keys.some((k) => k.map === name && k.before === undefined && k.after !== undefined) || change.appended.some((a) => a.array === name);
      if (grew) return { code: CloseCode.documentTooLarge, reason: 'too-large', detail: `${name} would hold ${entries} entries (at most ${max})` };
    }
    return null;
  }

  private refuse(conn: Connection, refusal: Refusal): void {
    this.deps.metrics.rejected.inc({ reason: refusal.reason });
    conn.logger.warn({ code: refusal.code, reason: refusal.reason, detail: refusal.detail, member: conn.memberId }, 'change refused');
    conn.close(refusal.code, refusal.reason);
  }

  private changed(roots: ReadonlySet<string>): void {
    if (roots.size === 0 || !this.deps.onChanged) return;
    try {
      this.deps.onChanged(this, roots);
    } catch (error) {
      this.log().error({ err: error }, 'onChanged failed');
    }
  }

  /** Queues an accepted (already applied) update for the group commit. */
  private accept(update: Uint8Array, origin: UpdateOrigin, serverWrite: Unstored['serverWrite']): void {
    this.approxBytes += update.length;
    this.unstored.push({ update, origin, at: this.deps.now(), serverWrite });
    this.deps.commits.schedule(this);
  }

  /** Replaces the in-memory document with the stored state; if even that fails, the room is dropped. */
  private async rebuild(): Promise<void> {
    // what was accepted before the failed apply is with the clients already: it must be in the state we reload
    await this.deps.commits.flush();
    if (this.broken) return;
    let state: Uint8Array | null;
    try {
      state = await timeStorage(this.deps.metrics, 'load', () => this.deps.store.load(this.name));
    } catch (error) {
      this.log().error({ err: error }, 'reload failed');
      this.break('reload after a failed apply failed');
      return;
    }
    const old = this.current;
    old.off('afterTransactionCleanup', this.onTransaction);
    old.off('afterTransaction', this.onAfterTransaction);
    this.current = this.docFrom(state);
    this.encoded = { step1: null, wholeStep2: null };
    this.approxBytes = this.measuredBytes = state?.length ?? 0;
    old.destroy();
    this.changed(new Set(this.current.share.keys()));
  }

  private docFrom(state: Uint8Array | null): Y.Doc {
    const doc = new Y.Doc();
    if (state !== null) Y.applyUpdate(doc, state, capture);
    if (dropPending(doc)) this.log().warn('stored state has updates with missing dependencies; ignored');
    doc.on('afterTransaction', this.onAfterTransaction);
    doc.on('afterTransactionCleanup', this.onTransaction);
    return doc;
  }

  /** Runs a server write and returns its change as one update (null when nothing changed). */
  private captureWrite(change: (doc: Y.Doc) => void): { ok: true; update: Uint8Array | null } | { ok: false; error: unknown } {
    // Yjs encodes a transaction's update only while someone listens to 'update': listen just for this write
    let update: Uint8Array | null = null;
    const listener = (bytes: Uint8Array, origin: unknown): void => {
      if (origin === serverWrite) update = update === null ? bytes : Y.mergeUpdates([update, bytes]);
    };
    const doc = this.doc;
    doc.on('update', listener);
    try {
      doc.transact(() => change(doc), serverWrite);
    } catch (error) {
      return { ok: false, error };
    } finally {
      doc.off('update', listener);
    }
    return { ok: true, update };
  }

  private broadcast(frame: Uint8Array, sender: Connection | null): void {
    let sent = 0;
    const now = this.deps.now();
    for (const conn of this.connections) {
      if (conn === sender) continue;
      conn.send(frame, now, CloseCode.backpressure);
      sent++;
    }
    if (sent > 0) this.deps.metrics.updatesOut.inc(sent);
  }

  private compact(uptoSeq: number): void {
    // encode now, while the document equals the stored state up to uptoSeq
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    this.pendingSinceSnapshot = 0;
    this.compacting = this.compacting.then(async () => {
      try {
        await timeStorage(this.deps.metrics, 'compact', () => this.deps.store.compact(this.name, snapshot, uptoSeq));
      } catch (error) {
        // the history is intact; loading is only slower until the next attempt
        this.log().error({ err: error }, 'compaction failed');
        this.pendingSinceSnapshot += this.deps.compactionThreshold;
      }
    });
  }

  private callHook(update: Uint8Array, origin: UpdateOrigin): void {
    const hook = this.deps.onDocumentUpdate;
    if (!hook) return;
    try {
      Promise.resolve(hook(this.name, this.doc, update, origin)).catch((error: unknown) =>
        this.log().error({ err: error }, 'onDocumentUpdate failed'),
      );
    } catch (error) {
      this.log().error({ err: error }, 'onDocumentUpdate failed');
    }
  }

  /** The document may differ from the store: close everyone (they reconnect and resend) and let the registry reload it. */
  private break(reason: string): void {
    if (this.broken) return;
    this.broken = true;
    this.log().error({ reason }, 'document dropped from memory');
    for (const conn of [...this.connections]) conn.close(CloseCode.serverError, 'document reloading');
    this.deps.onBroken(this);
  }

  /** The room's logger, made on first use (most rooms never log a line). */
  private log(): Logger {
    this.logger ??= this.deps.logger.child({ doc: this.name });
    return this.logger;
  }

  private applyAwareness(conn: Connection, entries: AwarenessEntry[]): void {
    if (!conn.admitPresence(this.deps.now())) {
      this.deps.metrics.rejected.inc({ reason: 'presence-rate' });
      return;
    }
    const maxState = this.deps.limits.maxPresenceStateBytes;
    if (entries.some((entry) => entry.stateJson.length > maxState)) {
      // presence is "who is looking": a few fields; anything bigger is someone filling every listener's memory
      this.deps.metrics.rejected.inc({ reason: 'presence-too-big' });
      entries = entries.filter((entry) => entry.stateJson.length <= maxState);
    }
    let introduced = 0;
    for (const owner of this.awarenessOwners.values()) if (owner === conn) introduced++;
    const kept = entries.filter((entry) => {
      const owner = this.awarenessOwners.get(entry.clientId);
      // another connection's client (an echo, or a spoof) is not this connection's to change
      if (owner !== undefined) return owner === conn;
      if (entry.state === null || introduced >= MAX_AWARENESS_CLIENTS_PER_CONNECTION) return false;
      introduced++;
      return true;
    });
    if (kept.length > 0) awarenessProtocol.applyAwarenessUpdate(this.presenceOf(), encodeAwarenessEntries(kept), conn);
  }

  private presenceOf(): awarenessProtocol.Awareness {
    if (this.presence !== null) return this.presence;
    // awareness gets a doc of its own: the document itself is replaced when an update fails half-way
    const presence = new awarenessProtocol.Awareness(new Y.Doc());
    presence.setLocalState(null);
    presence.on('update', this.onAwarenessUpdate);
    this.presence = presence;
    return presence;
  }

  private allPresence(presence: awarenessProtocol.Awareness): Uint8Array {
    return encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(presence, [...presence.getStates().keys()]));
  }

  /** A client's change is read here, while the values it overwrote are still in the document. */
  private readonly onAfterTransaction = (transaction: Y.Transaction): void => {
    this.encoded = { step1: null, wholeStep2: null };
    if (transaction.origin === capture) this.appliedChanges = appliedChange(transaction);
  };

  /** Every transaction on the document ends here: client applies are picked up by applyClientUpdate, the rest stored. */
  private readonly onTransaction = (transaction: Y.Transaction, doc: Y.Doc): void => {
    if (transaction.origin === capture) {
      this.applied = transaction;
      return;
    }
    if (doc !== this.current || this.broken || !changedSomething(transaction)) return;
    if (transaction.origin !== serverWrite) {
      // someone wrote to the document directly instead of through write(): still store it and send it
      const update = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(transaction.beforeState));
      this.accept(update, { source: 'server', author: 'server' }, { resolve: () => undefined, reject: () => undefined });
    }
    this.changed(changedRoots(transaction));
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const sender = this.connectionOf(origin);
    if (sender) for (const client of added) this.awarenessOwners.set(client, sender);
    for (const client of removed) this.awarenessOwners.delete(client);
    const changed = [...added, ...updated, ...removed];
    const frame = encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.presenceOf(), changed));
    for (const conn of this.connections) if (conn !== sender) this.sendTo(conn, frame);
  };

  private connectionOf(origin: unknown): Connection | null {
    for (const conn of this.connections) if (conn === origin) return conn;
    return null;
  }

  private sendTo(conn: Connection, frame: Uint8Array): void {
    conn.send(frame, this.deps.now(), CloseCode.backpressure);
  }
}

/** Top-level names a transaction changed. */
function changedRoots(transaction: Y.Transaction): Set<string> {
  const roots = new Set<string>();
  for (const type of transaction.changed.keys()) roots.add(rootName(type));
  return roots;
}

/** Yjs keeps structs whose dependencies are missing and re-sends them in every sync; the server holds none. */
function dropPending(doc: Y.Doc): boolean {
  const had = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  return had;
}

/** What Yjs checks before it emits 'update': a transaction that deleted something or added structs. */
function changedSomething(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true;
  return false;
}

/** A state vector of no clients: the client has nothing of the document yet. */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0;
}

function isStateVector(stateVector: Uint8Array): boolean {
  try {
    Y.decodeStateVector(stateVector);
    return true;
  } catch {
    return false;
  }
}
