import type { WebSocket } from 'ws';
import type { Logger } from '../log';
import type { Principal, Rights } from './config';
import { TokenBucket } from './token-bucket';

export type ConnectionState = 'authenticating' | 'loading' | 'open' | 'closed';

export interface ConnectionLimits {
  messagesPerSecond: number;
  messageBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
  maxQueuedBytes: number;
}

/** One client socket in one room: who it is, what it may do, and its budget. Knows nothing about Yjs. */
export class Connection {
  state: ConnectionState = 'authenticating';
  principal: Principal | null = null;
  rights: Rights = { read: false, write: false };
  /** When we last sent anything; quiet connections get a keep-alive. */
  lastSentAt: number;
  awaitingPong = false;
  /** Bytes received and not yet processed (buffered before join, or waiting in the room's queue). */
  queuedBytes = 0;
  closeCode: number | null = null;
  /** Made on first use: a pino child costs ~1–2 KiB and most connections never log a line. */
  private childLogger: Logger | null = null;
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly closeListeners: Array<() => void> = [];

  constructor(
    readonly id: string,
    readonly docName: string,
    private readonly socket: WebSocket,
    private readonly limits: ConnectionLimits,
    private readonly parentLogger: Logger,
    now: number,
  ) {
    this.lastSentAt = now;
    this.messages = new TokenBucket(limits.messagesPerSecond, limits.messageBurst, now);
    this.bytes = new TokenBucket(limits.bytesPerSecond, limits.byteBurst, now);
  }

  /** Lines about this connection name it, its document and (once known) its member. */
  get logger(): Logger {
    this.childLogger ??= this.parentLogger.child(
      this.principal === null ? { conn: this.id, doc: this.docName } : { conn: this.id, doc: this.docName, member: this.principal.memberId },
    );
    return this.childLogger;
  }

  get memberId(): string | null {
    return this.principal?.memberId ?? null;
  }

  get isClosed(): boolean {
    return this.state === 'closed';
  }

  authenticated(principal: Principal, rights: Rights): void {
    this.principal = principal;
    this.rights = rights;
    if (this.childLogger !== null) this.childLogger = this.childLogger.child({ member: principal.memberId });
  }

  /** Spends the frame's budget; false means the connection is over its rate. */
  admit(byteLength: number, now: number): boolean {
    return this.messages.take(1, now) && this.bytes.take(byteLength, now);
  }

  /** Whether `byteLength` more bytes may wait unprocessed. */
  canQueue(byteLength: number): boolean {
    return this.queuedBytes + byteLength <= this.limits.maxQueuedBytes;
  }

  /** Sends if open; a slow reader whose unsent bytes pile up is closed rather than buffered without bound. */
  send(frame: Uint8Array, now: number, backpressureCode: number): void {
    if (this.isClosed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > this.limits.maxQueuedBytes) {
      this.close(backpressureCode, 'client reads too slowly');
      return;
    }
    this.lastSentAt = now;
    // no callback: a failed write closes the socket, which the 'close' handler sees; a closure per send is not free
    this.socket.send(frame);
  }

  ping(): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.awaitingPong = true;
    this.socket.ping();
  }

  /** Idempotent; runs close listeners once. The ws 'close' event calls this too (code null = the peer left). */
  close(code: number | null, reason = ''): void {
    if (this.isClosed) return;
    this.state = 'closed';
    this.closeCode = code;
    if (code !== null && this.socket.readyState === this.socket.OPEN) this.socket.close(code, reason);
    else if (code !== null && this.socket.readyState === this.socket.CONNECTING) this.socket.terminate();
    for (const listener of this.closeListeners.splice(0)) listener();
  }

  /** The socket answers no pings: drop it without a handshake. */
  terminate(): void {
    this.socket.terminate();
    this.close(null);
  }

  onClose(listener: () => void): void {
    if (this.isClosed) listener();
    else this.closeListeners.push(listener);
  }
}
