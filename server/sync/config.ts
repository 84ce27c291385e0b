import type { IncomingMessage, ServerResponse } from 'node:http';
import type * as Y from 'yjs';
import type { DocumentStore } from '../storage/document-store';
import type { Logger } from '../log';
import type { SyncMetrics } from '../metrics';

export type Role = 'admin' | 'leader' | 'member' | 'observer';

/** Who is on the other end of a connection, as established by `authenticate`. */
export interface Principal {
  workspaceId: string;
  memberId: string;
  role: Role;
}

/** Why a token was refused; logged, and the connection is closed with 4401. */
export interface AuthFailure {
  failure: 'missing' | 'invalid' | 'expired' | 'revoked';
  detail?: string;
}

export interface Rights {
  read: boolean;
  write: boolean;
}

/** Where an accepted change came from (the `origin` passed to onDocumentUpdate). */
export type UpdateOrigin =
  | { source: 'connection'; connectionId: string; memberId: string }
  | { source: 'server'; author: string };

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
}

export const defaultLimits: SyncLimits = {
  maxPayloadBytes: 4 * 1024 * 1024,
  messagesPerSecond: 100,
  messageBurst: 300,
  bytesPerSecond: 1024 * 1024,
  byteBurst: 8 * 1024 * 1024,
  maxQueuedBytes: 16 * 1024 * 1024,
  authTimeoutMs: 10_000,
  idleUnloadMs: 30_000,
  keepAliveIntervalMs: 10_000,
  compactionThreshold: 500,
  maxAssembledBytes: 64 * 1024 * 1024,
};

export interface SyncServerConfig {
  store: DocumentStore;
  authenticate(token: string | null, req: IncomingMessage): Promise<Principal | AuthFailure>;
  authorize(principal: Principal, docName: string): Promise<Rights>;
  logger: Logger;
  metrics: SyncMetrics;
  limits?: Partial<SyncLimits>;
  /** Called after every accepted change (client or server) is stored and broadcast; errors are logged, never fatal. */
  onDocumentUpdate?(docName: string, doc: Y.Doc, update: Uint8Array, origin: UpdateOrigin): void | Promise<void>;
  /** Plain HTTP requests (REST, health, metrics); 404 when omitted. */
  httpHandler?(req: IncomingMessage, res: ServerResponse): void;
  /** Clock for timestamps and rate limits; Date.now by default. */
  now?(): number;
}

export function isAuthFailure(value: Principal | AuthFailure): value is AuthFailure {
  return 'failure' in value;
}
