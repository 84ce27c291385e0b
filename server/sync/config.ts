import type { IncomingMessage, ServerResponse } from 'node:http';
import type * as Y from 'yjs';
import type { DocumentStore, WriteFence } from '../storage/document-store';
import type { Scheduler } from './admission';
import type { Logger } from '../log';
import type { SyncMetrics } from '../metrics';
import type { Principal, Rights } from '../../shared/rights';
import type { Role } from '../../shared/schema/member';
import type { AppliedChange } from './applied-change';

// One definition each, shared with the extension: who is on the other end (as `authenticate` established), their role,
// and what they may do with a document.
export type { Principal, Rights, Role };

/** Why a token was refused; logged, and the connection is closed with 4401. */
export interface AuthFailure {
  failure: 'missing' | 'invalid' | 'expired' | 'revoked';
  detail?: string;
}

/** Where an accepted change came from (the `origin` passed to onDocumentUpdate). */
export type UpdateOrigin = { source: 'connection'; connectionId: string; memberId: string } | { source: 'server'; author: string; fence?: WriteFence };

export interface SyncLimits {
  /** Largest WebSocket frame in bytes; bigger frames close that connection with 1009. */
  maxPayloadBytes: number;
  /** Sustained frames per second per connection, and the burst allowed above it. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Sustained bytes per second per connection, and the burst (at least maxPayloadBytes, so one big sync fits). */
  bytesPerSecond: number;
  byteBurst: number;
  /** Frames received but not yet processed (auth/load pending, store slow) before the connection is refused. */
  maxQueuedBytes: number;
  /** authenticate + authorize must finish within this; else 4408. */
  authTimeoutMs: number;
  /** A document with no connections stays loaded this long (a quick reconnect does not reload it). */
  idleUnloadMs: number;
  /** Quiet connections get a harmless message this often (the stock client gives up after 30 s of silence); also the ws ping period. */
  keepAliveIntervalMs: number;
  /** Compact a document once this many updates are stored after its latest snapshot. */
  compactionThreshold: number;
  /** Largest frame our extension may send in chunks (MessageType.chunk) for the server to reassemble; bigger: 1009. */
  maxAssembledBytes: number;
  /** Open connections one member may hold across all documents; more are closed with 4429. */
  maxConnectionsPerMember: number;
  /** Sustained bytes per second one member may send across all their connections, and the burst; above it their sockets are read more slowly (never closed for it). */
  memberBytesPerSecond: number;
  memberByteBurst: number;
  /** Documents one member may bring into existence (first content of a document with none) per day. */
  maxCreatedDocumentsPerDay: number;
  /** Bytes of chunked frames one member may have in reassembly at once, across their connections. */
  memberAssemblyBytes: number;
  /** A document may not grow beyond this many encoded bytes (approximated by stored state plus accepted updates). */
  maxDocumentBytes: number;
  /** Entries one top-level map or array of a document may hold. */
  maxEntriesPerType: number;
  /**
   * New Yjs client ids (issue #13): one update may bring at most `maxNewClientIdsPerUpdate` (a browser makes one per
   * page that edits the document, so an offline month brings tens, not thousands); a member may bring that many at
   * once and `memberNewClientIdsPerMinute` more per minute after, across their connections. Each one is held in memory
   * (the room's bindings) for as long as the document is loaded: without a cap, one forged update of many empty-ish
   * items under fresh ids would cost the server ~100 bytes per 5 bytes sent.
   */
  maxNewClientIdsPerUpdate: number;
  memberNewClientIdsPerMinute: number;
  /** Presence: largest JSON state of one awareness client, and awareness messages per second per connection (burst 2×). */
  maxPresenceStateBytes: number;
  presenceMessagesPerSecond: number;
  /**
   * Admission pacing (admission.ts): connections admitted (token, rights, load, first sync send) per event-loop turn,
   * the time after which a turn starts no more, and admissions under way at once. A storm waits its turn; it never
   * holds the loop.
   */
  admissionsPerTurn: number;
  admissionBudgetMs: number;
  admissionsInFlight: number;
  /** Frames at least this large are handled one per event-loop turn across the server (see sync-server.ts). */
  pacedFrameBytes: number;
}

export const defaultLimits: SyncLimits = {
  maxPayloadBytes: 4 * 1024 * 1024,
  messagesPerSecond: 100,
  messageBurst: 300,
  bytesPerSecond: 2 * 1024 * 1024,
  byteBurst: 16 * 1024 * 1024,
  maxQueuedBytes: 32 * 1024 * 1024,
  authTimeoutMs: 10_000,
  idleUnloadMs: 30_000,
  keepAliveIntervalMs: 10_000,
  compactionThreshold: 500,
  maxAssembledBytes: 32 * 1024 * 1024,
  maxConnectionsPerMember: 64,
  memberBytesPerSecond: 2 * 1024 * 1024,
  memberByteBurst: 16 * 1024 * 1024,
  maxCreatedDocumentsPerDay: 50,
  memberAssemblyBytes: 64 * 1024 * 1024,
  maxDocumentBytes: 32 * 1024 * 1024,
  maxEntriesPerType: 50_000,
  maxNewClientIdsPerUpdate: 1_000,
  memberNewClientIdsPerMinute: 10,
  maxPresenceStateBytes: 4 * 1024,
  presenceMessagesPerSecond: 10,
  admissionsPerTurn: 8,
  admissionBudgetMs: 5,
  admissionsInFlight: 32,
  pacedFrameBytes: 256 * 1024,
};

/**
 * Live rights (SPEC §5: rights are re-evaluated when they change, not only at connect). The server keeps each
 * connection's governing document loaded, asks `evaluate` at admission and again whenever that document changes,
 * and asks `vet` before a client's change is kept or passed on.
 */
export interface RightsPolicy {
  /** The document whose content decides the principal's rights (the workspace document); null when nothing does. */
  governingDocument(principal: Principal): string | null;
  /**
   * A change of `doc` (named `docName`) may have changed rights; `changedRoots` are its changed top-level names.
   * Returns true when connections governed by it must be re-evaluated.
   */
  rightsMayChange(docName: string, doc: Y.Doc, changedRoots: ReadonlySet<string>): boolean;
  /** Rights as of the governing document now. Synchronous and cheap: called for every affected connection. */
  evaluate(principal: Principal, docName: string, governing: Y.Doc | null): Rights;
  /**
   * Whether a client's change may stand: null, or why not (the change is not kept or sent; the connection gets 4403).
   * `doc` is the document the change was applied to, as it is with the change (rules that depend on a record's other
   * fields read them there).
   */
  vet?(principal: Principal, docName: string, change: AppliedChange, governing: Y.Doc | null, doc: Y.Doc): string | null;
}

/** Where a connection's rights come from: decided once at connect, or live (see RightsPolicy). */
export type RightsSource =
  | { authorize(principal: Principal, docName: string): Promise<Rights>; rights?: undefined }
  | { rights: RightsPolicy; authorize?: undefined };

export type SyncServerConfig = SyncServerBase & RightsSource;

interface SyncServerBase {
  store: DocumentStore;
  authenticate(token: string | null, req: IncomingMessage): Promise<Principal | AuthFailure>;
  /** The calendar day of a time, for daily quotas (the app passes Asia/Shanghai); UTC days by default. */
  dayOf?(at: number): string;
  logger: Logger;
  metrics: SyncMetrics;
  limits?: Partial<SyncLimits>;
  /** Called after every accepted change (client or server) is stored and broadcast; errors are logged, never fatal. */
  onDocumentUpdate?(docName: string, doc: Y.Doc, update: Uint8Array, origin: UpdateOrigin): void | Promise<void>;
  /** Plain HTTP requests (REST, health, metrics); 404 when omitted. */
  httpHandler?(req: IncomingMessage, res: ServerResponse): void;
  /** Clock for timestamps and rate limits; Date.now by default. */
  now?(): number;
  /** How admission pacing yields between batches (tests drive it by hand); setImmediate by default. */
  admissionScheduler?: Scheduler;
  /** Several instances share the store (docs/scale-out.md): loaded rooms follow other instances' commits. */
  cluster?: RoomCluster;
}

/** A committed update with its place in the document's history. */
export interface CommittedUpdate {
  docName: string;
  seq: number;
  update: Uint8Array;
  /** Who it was stored under (binds its client ids at the other instances; absent from older publishers). */
  author?: string;
}

/** What a room offers the cluster: other instances' committed updates go in here. */
export interface FollowedRoom {
  readonly name: string;
  /** Applies an update another instance committed: not stored again, sent to this instance's connections. */
  applyRemote(update: Uint8Array, author?: string): void;
}

/**
 * The sync server's side of a scale-out (server/cluster/): told what this instance committed (to publish it) and
 * which rooms are loaded (to follow their documents). The head is read BEFORE the stored state, so following from
 * it can only re-apply an update, never skip one.
 */
export interface RoomCluster {
  /** The document's last stored seq, read before its state is loaded. */
  headBeforeLoad(docName: string): Promise<number>;
  loaded(room: FollowedRoom, headSeq: number): void;
  unloaded(room: FollowedRoom): void;
  /** Updates this instance stored, after the commit; in seq order per document. */
  committed(updates: readonly CommittedUpdate[]): void;
}

export function isAuthFailure(value: Principal | AuthFailure): value is AuthFailure {
  return 'failure' in value;
}
