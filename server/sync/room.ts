import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '../../shared/protocol/close-codes';
import type { AwarenessEntry, ClientMessage } from '../../shared/protocol/decode-message';
import { encodeAwarenessEntries, encodeAwarenessMessage, encodeSyncMessage } from '../../shared/protocol/encode-message';
import { SyncMessageType } from '../../shared/protocol/messages';
import type { DocumentStore } from '../storage/document-store';
import type { Logger } from '../log';
import { timeStorage, type SyncMetrics } from '../metrics';
import type { UpdateOrigin } from './config';
import type { Connection } from './connection';

export interface RoomDeps {
  store: DocumentStore;
  logger: Logger;
  metrics: SyncMetrics;
  compactionThreshold: number;
  now(): number;
  onDocumentUpdate?(docName: string, doc: Y.Doc, update: Uint8Array, origin: UpdateOrigin): void | Promise<void>;
  /** The in-memory document can no longer be trusted to equal the store; the registry drops it. */
  onBroken(room: Room): void;
}

/** Awareness states one connection may introduce; a real client has one per tab. */
const MAX_AWARENESS_CLIENTS_PER_CONNECTION = 8;
/** Forget the clock of a departed awareness client after this long (y-protocols keeps them forever). */
const AWARENESS_META_TTL_MS = 60_000;

/** Marks the transaction origin of changes the room applies itself, so the update listener collects them. */
const capture = Symbol('room-capture');

/**
 * One loaded document and its connections. Every change to the document runs through one queue, so the in-memory
 * state only moves ahead of the store between an apply and its append — and a failed append drops the room.
 */
export class Room {
  private current: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<Connection>();
  broken = false;
  private destroyed = false;
  private tail: Promise<void> = Promise.resolve();
  private captured: Uint8Array[] | null = null;
  /** awareness client id → the connection that introduced it */
  private readonly awarenessOwners = new Map<number, Connection>();
  private readonly logger: Logger;

  constructor(
    readonly name: string,
    state: Uint8Array | null,
    private pendingSinceSnapshot: number,
    private readonly deps: RoomDeps,
  ) {
    this.logger = deps.logger.child({ doc: name });
    this.current = this.docFrom(state);
    // awareness gets a doc of its own: the document itself is replaced when an update fails half-way
    this.awareness = new awarenessProtocol.Awareness(new Y.Doc());
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** The document as stored plus accepted changes. Replaced after a failed apply: read it each time, do not keep it. */
  get doc(): Y.Doc {
    return this.current;
  }

  /** Sends the server's state vector (the client answers with what we lack) and the current awareness. */
  join(conn: Connection): void {
    this.connections.add(conn);
    conn.state = 'open';
    this.sendTo(conn, encodeSyncMessage(SyncMessageType.step1, Y.encodeStateVector(this.doc)));
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length > 0) {
      this.sendTo(conn, encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)));
    }
  }

  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    const owned = [...this.awarenessOwners].filter(([, owner]) => owner === conn).map(([client]) => client);
    if (owned.length > 0 && !this.destroyed) awarenessProtocol.removeAwarenessStates(this.awareness, owned, null);
  }

  /** Handles one decoded frame. Returns false when it was not valid Yjs (the caller closes with 4400). */
  receive(conn: Connection, message: ClientMessage, byteLength: number): boolean {
    switch (message.type) {
      case 'sync-step-1': {
        if (!isStateVector(message.stateVector)) return false;
        this.enqueue(conn, byteLength, async () => {
          this.sendTo(conn, encodeSyncMessage(SyncMessageType.step2, Y.encodeStateAsUpdate(this.doc, message.stateVector)));
        });
        return true;
      }
      case 'sync-step-2':
      case 'sync-update': {
        if (!isUpdate(message.update)) return false;
        this.enqueue(conn, byteLength, () => this.applyClientUpdate(conn, message.update));
        return true;
      }
      case 'awareness':
        this.applyAwareness(conn, message.entries);
        return true;
      case 'query-awareness': {
        const clients = [...this.awareness.getStates().keys()];
        this.sendTo(conn, encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)));
        return true;
      }
    }
  }

  /** A server-side change (summary derivation, registration), stored with `author` and sent to every connection. */
  write(change: (doc: Y.Doc) => void, author = 'server'): Promise<void> {
    return new Promise((resolve, reject) => {
      this.tail = this.tail.then(async () => {
        if (this.broken) return reject(new Error(`document ${this.name} is being reloaded`));
        const captured = this.applyCaptured(() => this.doc.transact(() => change(this.doc), capture));
        if (!captured.ok) {
          this.break('server write threw');
          return reject(captured.error);
        }
        if (captured.update !== null && !(await this.commit(captured.update, { source: 'server', author }, null))) {
          return reject(new Error(`document ${this.name}: storage failed`));
        }
        resolve();
      });
    });
  }

  /** Resolves when every queued change has been handled. */
  settled(): Promise<void> {
    return this.tail;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.doc.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** y-protocols never forgets a departed client's clock; forget old ones so random client ids cannot pile up. */
  pruneAwarenessMeta(now: number): void {
    for (const [client, meta] of this.awareness.meta) {
      if (!this.awareness.states.has(client) && now - meta.lastUpdated > AWARENESS_META_TTL_MS) this.awareness.meta.delete(client);
    }
  }

  private enqueue(conn: Connection, byteLength: number, task: () => Promise<void>): void {
    conn.queuedBytes += byteLength;
    this.tail = this.tail.then(async () => {
      try {
        if (!this.broken) await task();
      } catch (error) {
        this.logger.error({ err: error, conn: conn.id, member: conn.memberId }, 'message handling failed');
      } finally {
        conn.queuedBytes -= byteLength;
      }
    });
  }

  private async applyClientUpdate(conn: Connection, update: Uint8Array): Promise<void> {
    if (!conn.rights.write) {
      // a read-only client's sync step 2 usually holds nothing new; anything that adds content is dropped
      if (!Y.snapshotContainsUpdate(Y.snapshot(this.doc), update)) {
        this.deps.metrics.rejected.inc({ reason: 'read-only-write' });
        conn.logger.info('dropped an update from a read-only connection');
      }
      return;
    }
    const captured = this.applyCaptured(() => Y.applyUpdate(this.doc, update, capture));
    if (!captured.ok) {
      // Yjs throws half-way through integrating some decodable garbage, leaving part of it in the document;
      // nothing of it was stored or sent, so the stored state is exactly what every other client has
      conn.logger.warn({ err: captured.error }, 'update failed to apply; rebuilding the document from the store');
      this.deps.metrics.rejected.inc({ reason: 'malformed' });
      conn.close(CloseCode.malformedMessage, 'update does not apply');
      await this.rebuild();
      return;
    }
    if (dropPending(this.doc)) {
      // the client built on something we lack: ask for its whole difference instead of holding half an update
      this.deps.metrics.rejected.inc({ reason: 'missing-dependencies' });
      this.sendTo(conn, encodeSyncMessage(SyncMessageType.step1, Y.encodeStateVector(this.doc)));
    }
    if (captured.update === null) return;
    const memberId = conn.memberId ?? 'unknown';
    await this.commit(captured.update, { source: 'connection', connectionId: conn.id, memberId }, conn);
  }

  /** Replaces the in-memory document with the stored state; if even that fails, the room is dropped. */
  private async rebuild(): Promise<void> {
    let state: Uint8Array | null;
    try {
      state = await timeStorage(this.deps.metrics, 'load', () => this.deps.store.load(this.name));
    } catch (error) {
      this.logger.error({ err: error }, 'reload failed');
      this.break('reload after a failed apply failed');
      return;
    }
    const old = this.current;
    old.off('update', this.onDocUpdate);
    this.current = this.docFrom(state);
    old.destroy();
  }

  private docFrom(state: Uint8Array | null): Y.Doc {
    const doc = new Y.Doc();
    if (state !== null) Y.applyUpdate(doc, state, capture);
    if (dropPending(doc)) this.logger.warn('stored state has updates with missing dependencies; ignored');
    doc.on('update', this.onDocUpdate);
    return doc;
  }

  /** Runs `apply` and returns the change it made to the document as one update (null when nothing changed). */
  private applyCaptured(apply: () => void): { ok: true; update: Uint8Array | null } | { ok: false; error: unknown } {
    const captured: Uint8Array[] = [];
    this.captured = captured;
    try {
      apply();
    } catch (error) {
      return { ok: false, error };
    } finally {
      this.captured = null;
    }
    const update = captured.length === 0 ? null : captured.length === 1 ? (captured[0] ?? null) : Y.mergeUpdates(captured);
    return { ok: true, update };
  }

  /** Store, then broadcast, then tell the hook. False (and the room dropped) when the store failed. */
  private async commit(update: Uint8Array, origin: UpdateOrigin, sender: Connection | null): Promise<boolean> {
    const { store, metrics } = this.deps;
    const author = origin.source === 'connection' ? origin.memberId : origin.author;
    let seq: number;
    try {
      seq = (await timeStorage(metrics, 'append', () => store.append(this.name, update, author, this.deps.now()))).seq;
    } catch (error) {
      this.logger.error({ err: error, conn: sender?.id, member: author }, 'append failed; dropping the in-memory document');
      metrics.rejected.inc({ reason: 'storage' });
      this.break('append failed');
      return false;
    }
    metrics.updatesIn.inc();
    const frame = encodeSyncMessage(SyncMessageType.update, update);
    for (const conn of this.connections) {
      if (conn === sender) continue;
      this.sendTo(conn, frame);
      metrics.updatesOut.inc();
    }
    this.callHook(update, origin);
    this.pendingSinceSnapshot++;
    if (this.pendingSinceSnapshot >= this.deps.compactionThreshold) await this.compact(seq);
    return true;
  }

  private async compact(uptoSeq: number): Promise<void> {
    try {
      await timeStorage(this.deps.metrics, 'compact', () => this.deps.store.compact(this.name, Y.encodeStateAsUpdate(this.doc), uptoSeq));
      this.pendingSinceSnapshot = 0;
    } catch (error) {
      // the history is intact; loading is only slower until the next attempt
      this.logger.error({ err: error }, 'compaction failed');
    }
  }

  private callHook(update: Uint8Array, origin: UpdateOrigin): void {
    const hook = this.deps.onDocumentUpdate;
    if (!hook) return;
    try {
      Promise.resolve(hook(this.name, this.doc, update, origin)).catch((error: unknown) =>
        this.logger.error({ err: error }, 'onDocumentUpdate failed'),
      );
    } catch (error) {
      this.logger.error({ err: error }, 'onDocumentUpdate failed');
    }
  }

  /** The document may differ from the store: close everyone (they reconnect and resend) and let the registry reload it. */
  private break(reason: string): void {
    if (this.broken) return;
    this.broken = true;
    this.logger.error({ reason }, 'document dropped from memory');
    for (const conn of [...this.connections]) conn.close(CloseCode.serverError, 'document reloading');
    this.deps.onBroken(this);
  }

  private applyAwareness(conn: Connection, entries: AwarenessEntry[]): void {
    let introduced = [...this.awarenessOwners.values()].filter((owner) => owner === conn).length;
    const kept = entries.filter((entry) => {
      const owner = this.awarenessOwners.get(entry.clientId);
      // another connection's client (an echo, or a spoof) is not this connection's to change
      if (owner !== undefined) return owner === conn;
      if (entry.state === null || introduced >= MAX_AWARENESS_CLIENTS_PER_CONNECTION) return false;
      introduced++;
      return true;
    });
    if (kept.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(kept), conn);
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.captured !== null && origin === capture) {
      this.captured.push(update);
      return;
    }
    if (origin === capture) return; // the initial load
    // someone wrote to the document directly instead of through write(): still store and send it
    this.tail = this.tail.then(async () => {
      if (this.broken) return;
      Y.applyUpdate(this.doc, update, capture); // a no-op unless the document was rebuilt meanwhile
      await this.commit(update, { source: 'server', author: 'server' }, null);
    });
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const sender = this.connectionOf(origin);
    if (sender) for (const client of added) this.awarenessOwners.set(client, sender);
    for (const client of removed) this.awarenessOwners.delete(client);
    const changed = [...added, ...updated, ...removed];
    const frame = encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
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

/** Yjs keeps structs whose dependencies are missing and re-sends them in every sync; the server holds none. */
function dropPending(doc: Y.Doc): boolean {
  const had = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  return had;
}

/** Full structural decode without touching any document; garbage throws here, not half-way through an apply. */
function isUpdate(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}

function isStateVector(stateVector: Uint8Array): boolean {
  try {
    Y.decodeStateVector(stateVector);
    return true;
  } catch {
    return false;
  }
}
