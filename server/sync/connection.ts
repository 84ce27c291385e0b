import type { Logger } from '../log';
import type { Principal, Rights } from './config';
import { TokenBucket } from './token-bucket';
import type { SyncSocket } from './transport';

export type ConnectionState = 'authenticating' | 'loading' | 'open' | 'closed';

export interface ConnectionLimits {
  messagesPerSecond: number;
  messageBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
  maxQueuedBytes: number;
  presenceMessagesPerSecond: number;
}

/** What a connection shares with the member's other connections (see MemberLedger). */
export interface MemberShare {
  /** Spends `bytes` of the member's budget; returns how long (ms) the member's sockets should rest, 0 when none. */
  spend(bytes: number, now: number): number;
  /** Reserves room for a chunked frame being reassembled (all the member's connections share it); false when full. */
  reserveAssembly(bytes: number): boolean;
  releaseAssembly(bytes: number): void;
  /** Spends `count` of the member's budget of new Yjs client ids; false (nothing spent) when it does not hold them. */
  takeClientIds(count: number, now: number): boolean;
}

/** One client socket in one room: who it is, what it may do, and its budget. Knows nothing about Yjs. */
export class Connection {
  state: ConnectionState = 'authenticating';
  principal: Principal | null = null;
  rights: Rights = { read: false, write: false };
  readonly openedAt: number;
  /** When we last sent anything; quiet connections get a keep-alive. */
  lastSentAt: number;
  /** When a ping went out that has not been answered; null when none is outstanding. */
  pingSentAt: number | null = null;
  /** Anything heard from the peer (frame or pong): a busy server must not take its own delay for a dead peer. */
  lastHeardAt: number;
  /** The document deciding this connection's rights (held loaded while it is open), and how to let it go. */
  governing: { name: string; release(): void } | null = null;
  /** The member's shared budget, once authenticated. */
  member: MemberShare | null = null;

  /** Bytes received and not yet processed (buffered before join, or waiting in the room's queue). */
  queuedBytes = 0;
  closeCode: number | null = null;
  /** Made on first use: a pino child costs ~1–2 KiB and most connections never log a line. */
  private childLogger: Logger | null = null;
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly presence: TokenBucket;
  private resumeTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly closeListeners: Array<() => void> = [];

  constructor(
    readonly id: string,
    readonly docName: string,
    private readonly socket: SyncSocket,
    private readonly limits: ConnectionLimits,
    private readonly parentLogger: Logger,
    now: number,
  ) {
    this.lastSentAt = now;
    this.lastHeardAt = now;
    this.openedAt = now;
    this.messages = new TokenBucket(limits.messagesPerSecond, limits.messageBurst, now);
    this.bytes = new TokenBucket(limits.bytesPerSecond, limits.byteBurst, now);
    this.presence = new TokenBucket(limits.presenceMessagesPerSecond, limits.presenceMessagesPerSecond * 2, now);
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

  /**
   * Spends the frame's budget. A flood of frames (more than the message rate) is refused: false. Bytes beyond the
   * connection's or the member's byte rate are not refused (a big offline sync is honest work): the socket's reading
   * is paused until the budget allows, so TCP slows the sender down.
   */
  admit(byteLength: number, now: number): boolean {
    this.lastHeardAt = now;
    if (!this.messages.take(1, now)) return false;
    const own = this.bytes.spend(byteLength, now);
    const shared = this.member?.spend(byteLength, now) ?? 0;
    const rest = Math.max(own, shared);
    if (rest > 0) this.rest(rest);
    return true;
  }

  /** Presence messages are cheap to send and costly to fan out: a few per second, the rest dropped. */
  admitPresence(now: number): boolean {
    return this.presence.take(1, now);
  }

  get isResting(): boolean {
    return this.resumeTimer !== null;
  }

  /** Pauses reading for `ms`; the next frame after it spends again and rests again while the debt lasts. */
  private rest(ms: number): void {
    if (this.resumeTimer !== null) return;
    this.socket.pause();
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = null;
      if (!this.isClosed) this.socket.resume();
    }, ms);
  }

  /** Whether `byteLength` more bytes may wait unprocessed. */
  canQueue(byteLength: number): boolean {
    return this.queuedBytes + byteLength <= this.limits.maxQueuedBytes;
  }

  /** Sends if open; a slow reader whose unsent bytes pile up is closed rather than buffered without bound. */
  send(frame: Uint8Array, now: number, backpressureCode: number): void {
    if (this.isClosed || this.socket.state !== 'open') return;
    if (this.socket.bufferedAmount > this.limits.maxQueuedBytes) {
      this.close(backpressureCode, 'client reads too slowly');
      return;
    }
    this.lastSentAt = now;
    this.socket.send(frame);
  }

  ping(now: number): void {
    if (this.socket.state !== 'open') return;
    this.pingSentAt ??= now;
    this.socket.ping();
  }

  pong(now: number): void {
    this.pingSentAt = null;
    this.lastHeardAt = now;
  }

  /** Idempotent; runs close listeners once. The socket's 'close' event calls this too (code null = the peer left). */
  close(code: number | null, reason = ''): void {
    if (this.isClosed) return;
    this.state = 'closed';
    this.closeCode = code;
    if (this.resumeTimer !== null) {
      clearTimeout(this.resumeTimer);
      // a paused socket would never read the peer's close frame: the handshake would hang until the transport gives up
      this.socket.resume();
    }
    this.resumeTimer = null;
    this.governing?.release();
    this.governing = null;
    if (code !== null && this.socket.state === 'open') this.socket.close(code, reason);
    else if (code !== null && this.socket.state === 'connecting') this.socket.terminate();
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
