import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/close-codes';
import type { ClientMessage } from '../../shared/protocol/decode-message';
import { encodeSyncMessage } from '../../shared/protocol/encode-message';
import { SyncMessageType } from '../../shared/protocol/messages';
import type { DocumentStore, WriteFence } from '../storage/document-store';
import type { Logger } from '../log';
import type { SyncMetrics } from '../metrics';
import { appliedChange, type AppliedChange } from './applied-change';
import { type ClientBindings, introducedClients } from './client-bindings';
import type { SyncLimits, UpdateOrigin } from './config';
import type { Connection } from './connection';
import { DocumentSize } from './document-size';
import type { GroupCommit } from './group-commit';
import { dropPending } from './pending-structs';
import { RoomPresence } from './room-presence';
import type { Refusal } from './refusal';
import { RoomStorage, type StoredState, type WriteReceipt } from './room-storage';
import { TaskQueue } from './task-queue';
import { startsAtOrAfter, updateShape, type UpdateShape } from './update-shape';
import { captureUpdate, changedRoots, changedSomething, isEmptyStateVector, isStateVector } from './yjs-helpers';

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
  limits: Pick<SyncLimits, 'maxDocumentBytes' | 'maxEntriesPerType' | 'maxPresenceStateBytes' | 'maxNewClientIdsPerUpdate'>;
  /** Whether a client's applied change may stand (rights, attribution, quotas); `created`: the document was empty. */
  vet?(conn: Connection, room: Room, change: AppliedChange, created: boolean): Refusal | null;
  /** The document changed (an accepted client update, a server write, a reload); `roots`: changed top-level names. */
  onChanged?(room: Room, roots: ReadonlySet<string>): void;
}

/** Marks the transaction origin of client updates the room applies itself. */
const capture = Symbol('room-capture');
/** Marks the transaction origin of server writes (write()). */
const serverWrite = Symbol('room-server-write');
/** Marks the transaction origin of updates another instance committed (applyRemote()). */
const remoteApply = Symbol('room-remote-apply');

/**
 * One loaded document and its connections. A client update is applied and sent to the peers at once; it is stored
 * right after, with every other update of the same event-loop turn, by the group commit (group-commit.ts). The
 * in-memory document is ahead of the store only by those unstored updates, which every client that has them resends
 * if the server dies first. A failed store drops the room; so does a failed reload.
 *
 * Messages are handled synchronously as they arrive, unless an asynchronous step (a rebuild after a failed apply) is
 * under way: then they wait, in order, until it is done.
 */
export class Room {
  private current: Y.Doc;
  readonly connections = new Set<Connection>();
  /** Who is looking at the document. */
  private readonly presence: RoomPresence;
  /** Accepted updates on their way to the store. */
  private readonly storage: RoomStorage;
  broken = false;
  private destroyed = false;
  /** Messages wait here, in order, while an asynchronous step (a rebuild) is under way. */
  private readonly tasks = new TaskQueue((error) => this.log().error({ err: error }, 'queued task failed'));
  /** The transaction of the client update being applied (set by the afterTransactionCleanup listener). */
  private applied: Y.Transaction | null = null;
  /** What that transaction changed, read before its deleted values are garbage-collected (afterTransaction). */
  private appliedChanges: AppliedChange | null = null;
  /** The document's size against its caps. */
  private readonly size: DocumentSize;
  /**
   * Frames every joining client gets while the document does not change: its state vector (sync step 1) and, for a
   * client with nothing yet (a new device, a reconnect storm after a restart), the whole document (sync step 2).
   * Encoding them once per state instead of once per connection is what keeps admission cheap.
   */
  private encoded: { step1: Uint8Array | null; wholeStep2: Uint8Array | null } = { step1: null, wholeStep2: null };
  private logger: Logger | null = null;
  /** Set by the transaction listener when an applyRemote changed the document, with the client ids it added items of. */
  private remoteChanged = false;
  private remoteIntroduced: number[] = [];
  /** Which member each Yjs client id belongs to: new items under someone else's are refused (issue #13). */
  private readonly bindings: ClientBindings;

  constructor(
    readonly name: string,
    { state, pendingSinceSnapshot, bindings }: StoredState,
    private readonly deps: RoomDeps,
  ) {
    this.bindings = bindings;
    this.storage = new RoomStorage(name, pendingSinceSnapshot, deps, {
      doc: () => this.current,
      isBroken: () => this.broken,
      sendStored: (update) => this.broadcast(encodeSyncMessage(SyncMessageType.update, update), null),
      fail: (reason) => this.break(reason),
      log: () => this.log(),
    });
    this.presence = new RoomPresence({
      metrics: deps.metrics,
      limits: deps.limits,
      now: deps.now,
      connections: this.connections,
      send: (conn, frame) => this.sendTo(conn, frame),
      claim: (conn, clientId) => this.bindings.claim(clientId, conn.memberId ?? 'unknown'),
    });
    this.current = this.docFrom(state);
    this.size = new DocumentSize(deps.limits, state?.length ?? 0);
  }

  /** Resolves once no reload is under way, so a reader never sees a refused change that is being taken out. */
  async ready(): Promise<void> {
    await this.tasks.idle();
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
    this.presence.joined(conn);
  }

  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    this.presence.left(conn);
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
          // the document holds items whose client id is bound only in memory: a client that got them now could
          // resend them under its own name after a crash, so it gets the document once they are stored
          if (this.bindings.waiting) return this.storage.flush().then(() => this.answerStep1(conn, message.stateVector));
          this.answerStep1(conn, message.stateVector);
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
        this.presence.apply(conn, message.entries);
        return true;
      case 'query-awareness':
        this.presence.query(conn);
        return true;
    }
  }

  /**
   * A server-side change (summary derivation, registration), stored with `author`, then sent to every connection;
   * resolves once it is stored. Unlike a client's update it goes out only after it is stored: no client holds it
   * before, so none could resend it, and none would resend it under the wrong author.
   */
  write(change: (doc: Y.Doc) => void, author = 'server', fence?: WriteFence): Promise<void> {
    return new Promise((resolve, reject) => {
      const run = (): void => {
        if (this.broken) return reject(new Error(`document ${this.name} is being reloaded`));
        const written = captureUpdate(this.doc, change, serverWrite);
        if (!written.ok) {
          this.break('server write threw');
          return reject(written.error);
        }
        if (written.update === null) return resolve();
        const clients = [this.doc.clientID];
        this.bindings.bind(clients, author);
        const stored = (): void => {
          this.bindings.stored(clients);
          resolve();
        };
        this.accept(written.update, fence ? { source: 'server', author, fence } : { source: 'server', author }, { resolve: stored, reject });
      };
      if (!this.tasks.busy) run();
      else this.tasks.push(run);
    });
  }

  /**
   * An update another instance committed (docs/scale-out.md): applied in its turn, never stored again (it is), sent to
   * this instance's connections when it changed something. Applying one twice is harmless.
   */
  applyRemote(update: Uint8Array, author?: string): void {
    const run = (): void => {
      if (this.broken || this.destroyed) return;
      this.remoteChanged = false;
      this.remoteIntroduced = [];
      try {
        Y.applyUpdate(this.doc, update, remoteApply);
      } catch (error) {
        this.log().error({ err: error }, 'a committed update from another instance failed to apply');
        this.break('remote update failed to apply');
        return;
      }
      if (!this.remoteChanged) return;
      // stored by the other instance under `author`: its new client ids are theirs here too (durably)
      if (author !== undefined && this.remoteIntroduced.length > 0) {
        this.bindings.bind(this.remoteIntroduced, author);
        this.bindings.stored(this.remoteIntroduced);
      }
      this.size.grew(update.length);
      this.broadcast(encodeSyncMessage(SyncMessageType.update, update), null);
    };
    if (!this.tasks.busy) run();
    else this.tasks.push(run);
  }

  /** Resolves when every queued change has been handled and stored (or has failed to be). */
  async settled(): Promise<void> {
    await this.tasks.drained();
    await this.storage.settled();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.doc.off('afterTransactionCleanup', this.onTransaction);
    this.doc.off('afterTransaction', this.onAfterTransaction);
    this.presence.destroy();
    this.doc.destroy();
  }

  /** y-protocols never forgets a departed client's clock; forget old ones so random client ids cannot pile up. */
  pruneAwarenessMeta(now: number): void {
    this.presence.prune(now);
  }

  // --- internals ---

  /** Sync step 2 for a client that sent its state vector: the whole document, or what it lacks. */
  private answerStep1(conn: Connection, stateVector: Uint8Array): void {
    if (isEmptyStateVector(stateVector)) {
      this.encoded.wholeStep2 ??= encodeSyncMessage(SyncMessageType.step2, Y.encodeStateAsUpdate(this.doc));
      this.sendTo(conn, this.encoded.wholeStep2);
      return;
    }
    this.sendTo(conn, encodeSyncMessage(SyncMessageType.step2, Y.encodeStateAsUpdate(this.doc, stateVector)));
  }

  /**
   * Runs a message's handling now, or after the asynchronous step under way. A task that starts an asynchronous step
   * itself (a rebuild) returns its promise; later messages wait for it.
   */
  private handle(conn: Connection, byteLength: number, task: () => void | Promise<void>): void {
    if (this.broken) return; // its connections are being closed; they resend to the reloaded document
    if (!this.tasks.busy) {
      let step: Promise<void> | undefined;
      try {
        const started = task();
        if (started) step = started;
      } catch (error) {
        this.log().error({ err: error, conn: conn.id, member: conn.memberId }, 'message handling failed');
      }
      if (step) this.tasks.push(() => step);
      return;
    }
    conn.queuedBytes += byteLength;
    this.tasks.push(async () => {
      try {
        if (!this.broken) await task();
      } catch (error) {
        this.log().error({ err: error, conn: conn.id, member: conn.memberId }, 'message handling failed');
      } finally {
        conn.queuedBytes -= byteLength;
      }
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
    const tooBig = this.size.byteRefusal(this.doc, update);
    if (tooBig !== null) {
      this.refuse(conn, tooBig);
      return undefined;
    }
    const most = shape.mostLiveKeysInOneRoot;
    if (most !== null && most.keys > this.deps.limits.maxEntriesPerType) {
      // it would leave that map above its entry limit whatever the document holds: refused before the (costly) apply
      this.refuse(conn, {
        code: CloseCode.documentTooLarge,
        reason: 'too-large',
        detail: `${most.root} would hold over ${most.keys} entries (at most ${this.deps.limits.maxEntriesPerType})`,
      });
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
    const memberId = conn.memberId ?? 'unknown';
    const introduced = transaction === null ? [] : introducedClients(transaction);
    if (transaction !== null && change !== null && changedSomething(transaction)) {
      const refusal =
        this.foreignClient(introduced, memberId) ??
        this.size.entryRefusal(change) ??
        this.newClientsRefusal(conn, introduced) ??
        this.deps.vet?.(conn, this, change, transaction.beforeState.size === 0) ??
        null;
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
    const origin: UpdateOrigin = { source: 'connection', connectionId: conn.id, memberId };
    if (this.bindings.bind(introduced, memberId)) {
      // a client id seen for the first time (or bound by an update still on its way to the store): the peers get
      // the update once it is stored, so none can hold an item whose author the store could not name after a crash
      this.accept(accepted, origin, {
        resolve: () => this.bindings.stored(introduced),
        reject: () => undefined, // the room is dropped; the client resends to the reloaded document
      });
    } else {
      this.broadcast(frame ?? encodeSyncMessage(SyncMessageType.update, accepted), conn);
      this.accept(accepted, origin, null);
    }
    this.changed(changedRoots(transaction));
    return undefined;
  }

  /** A refusal when the update adds items under a client id bound to another member (forged, or someone else's resent). */
  private foreignClient(introduced: readonly number[], memberId: string): Refusal | null {
    const foreign = this.bindings.foreign(introduced, memberId);
    if (foreign === null) return null;
    return {
      code: CloseCode.changeRefused,
      reason: 'client-id-foreign',
      detail: `items under client id ${foreign.client}, which belongs to ${foreign.owner}`,
    };
  }

  /**
   * A refusal when the update brings more new client ids than one update may, or than the member's budget holds
   * (spent otherwise): each is kept in memory while the document is loaded, so their number is what is bounded.
   */
  private newClientsRefusal(conn: Connection, introduced: readonly number[]): Refusal | null {
    let fresh = 0;
    for (const client of introduced) if (this.bindings.ownerOf(client) === undefined) fresh++;
    if (fresh === 0) return null;
    const most = this.deps.limits.maxNewClientIdsPerUpdate;
    if (fresh > most) {
      return { code: CloseCode.changeRefused, reason: 'client-ids-too-many', detail: `${fresh} new client ids in one update (at most ${most})` };
    }
    if (conn.member !== null && !conn.member.takeClientIds(fresh, this.deps.now())) {
      return { code: CloseCode.rateLimited, reason: 'client-id-rate', detail: `${fresh} new client ids over the member's budget` };
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
  private accept(update: Uint8Array, origin: UpdateOrigin, receipt: WriteReceipt | null): void {
    this.size.grew(update.length);
    this.storage.add(update, origin, receipt);
  }

  /** Replaces the in-memory document with the stored state; if even that fails, the room is dropped. */
  private async rebuild(): Promise<void> {
    // what was accepted before the failed apply is with the clients already: it must be in the state we reload
    await this.storage.flush();
    if (this.broken) return;
    let state: Uint8Array | null;
    try {
      state = await this.storage.load();
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
    this.size.reset(state?.length ?? 0);
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
    if (transaction.origin === remoteApply) {
      // stored already by the instance that accepted it
      this.remoteChanged = true;
      this.remoteIntroduced = introducedClients(transaction);
      this.changed(changedRoots(transaction));
      return;
    }
    if (transaction.origin !== serverWrite) {
      // someone wrote to the document directly instead of through write(): still store it and send it
      const update = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(transaction.beforeState));
      this.accept(update, { source: 'server', author: 'server' }, { resolve: () => undefined, reject: () => undefined });
    }
    this.changed(changedRoots(transaction));
  };

  private sendTo(conn: Connection, frame: Uint8Array): void {
    conn.send(frame, this.deps.now(), CloseCode.backpressure);
  }
}
