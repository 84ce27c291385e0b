import type { SocketEvents, SocketState, SyncSocket } from '../../../server/sync/transport';

/** A frame on its way from the server to the client. */
type ToClient = { kind: 'message'; bytes: Uint8Array } | { kind: 'ping' } | { kind: 'close'; code: number; reason: string };
/** A frame on its way from the client to the server. */
type ToServer = { kind: 'message'; bytes: Uint8Array; binary: boolean } | { kind: 'pong' } | { kind: 'close'; code: number; reason: string };

/** Guards flush() against two sides that answer each other forever. */
const MAX_DELIVERIES_PER_FLUSH = 100_000;

/**
 * A server socket and its client, joined by two queues. Nothing moves until `flush()`: a test decides exactly when
 * the server reads what the client sent and when the client sees what the server sent, with no timers or polling.
 */
export class MemorySocketPair {
  readonly server: SyncSocket;
  readonly client: MemoryClient;
  private readonly toClient: ToClient[] = [];
  private readonly toServer: ToServer[] = [];
  private serverState: SocketState = 'open';
  private events: SocketEvents | null = null;
  private paused = false;
  /** The server side has closed; its 'close' event is still to be delivered. */
  private closeEventDue = false;

  constructor() {
    this.server = this.serverSocket();
    this.client = new MemoryClient(
      (frame) => this.toServer.push(frame),
      () => this.flush(),
    );
  }

  /** Frames waiting in either direction (those a paused server is not reading included). */
  get queued(): number {
    return this.toClient.length + this.toServer.length + (this.closeEventDue ? 1 : 0);
  }

  /**
   * Delivers everything queued in both directions, and what those deliveries make either side send at once (a pong,
   * the server's synchronous answer), until nothing deliverable is left. Frames to a paused server stay queued.
   * Returns how many frames were delivered.
   */
  flush(): number {
    let delivered = 0;
    for (;;) {
      const step = this.deliverOne();
      if (!step) return delivered;
      if (++delivered > MAX_DELIVERIES_PER_FLUSH) throw new Error('memory sockets: flush never ends');
    }
  }

  private deliverOne(): boolean {
    const down = this.toClient.shift();
    if (down !== undefined) {
      this.client.deliver(down);
      if (down.kind === 'close') this.finishClose();
      return true;
    }
    if (!this.paused && this.serverState !== 'closed') {
      const up = this.toServer.shift();
      if (up !== undefined) {
        this.receive(up);
        return true;
      }
    }
    if (this.closeEventDue) {
      this.closeEventDue = false;
      this.events?.close();
      return true;
    }
    return false;
  }

  private receive(frame: ToServer): void {
    switch (frame.kind) {
      case 'message':
        this.events?.message(frame.bytes, frame.binary);
        return;
      case 'pong':
        this.events?.pong();
        return;
      case 'close':
        // the client started the handshake: the server answers with the same code
        if (this.serverState === 'open') this.toClient.push({ kind: 'close', code: frame.code, reason: frame.reason });
        this.serverState = 'closing';
        return;
    }
  }

  /** The close frame reached the client: the handshake is done on both sides. */
  private finishClose(): void {
    this.serverState = 'closed';
    this.toServer.length = 0;
    this.closeEventDue = true;
  }

  private serverSocket(): SyncSocket {
    const pair = this;
    return {
      get state() {
        return pair.serverState;
      },
      get bufferedAmount() {
        let bytes = 0;
        for (const frame of pair.toClient) if (frame.kind === 'message') bytes += frame.bytes.length;
        return bytes;
      },
      listen(events) {
        if (pair.events !== null) throw new Error('memory sockets: listen() called twice');
        pair.events = events;
      },
      send(frame) {
        if (pair.serverState !== 'open') return;
        // the transport owns what it was handed: a caller reusing its buffer must not change a queued frame
        pair.toClient.push({ kind: 'message', bytes: frame.slice() });
      },
      ping() {
        if (pair.serverState === 'open') pair.toClient.push({ kind: 'ping' });
      },
      close(code, reason) {
        if (pair.serverState !== 'open') return;
        pair.serverState = 'closing';
        pair.toClient.push({ kind: 'close', code, reason });
      },
      terminate() {
        if (pair.serverState === 'closed') return;
        // no handshake: what was queued is lost, and the client learns of it (1006) at the next flush
        pair.serverState = 'closed';
        pair.toClient.length = 0;
        pair.toServer.length = 0;
        pair.toClient.push({ kind: 'close', code: 1006, reason: '' });
      },
      pause() {
        pair.paused = true;
      },
      resume() {
        pair.paused = false;
      },
    };
  }
}

/** The client end: what it received, how it was closed, and a way to send. */
export class MemoryClient {
  readonly received: Uint8Array[] = [];
  closed: { code: number; reason: string } | null = null;
  pings = 0;
  /** A dead peer stops answering pings. */
  answersPings = true;
  /** Called for every frame received, after it is recorded (a Yjs client answers from here). */
  onMessage: ((bytes: Uint8Array) => void) | null = null;

  constructor(
    private readonly push: (frame: ToServer) => void,
    private readonly flushPair: () => number,
  ) {}

  /** Flushes this client's socket only (see MemorySocketPair.flush). */
  flush(): number {
    return this.flushPair();
  }

  send(bytes: Uint8Array): void {
    if (this.closed === null) this.push({ kind: 'message', bytes: bytes.slice(), binary: true });
  }

  sendText(text: string): void {
    if (this.closed === null) this.push({ kind: 'message', bytes: new TextEncoder().encode(text), binary: false });
  }

  /** Starts the closing handshake from the client's side. */
  close(code = 1000, reason = ''): void {
    if (this.closed === null) this.push({ kind: 'close', code, reason });
  }

  /** Takes and forgets everything received so far. */
  take(): Uint8Array[] {
    return this.received.splice(0);
  }

  /** @internal called by the pair */
  deliver(frame: ToClient): void {
    if (this.closed !== null) return;
    switch (frame.kind) {
      case 'message':
        this.received.push(frame.bytes);
        this.onMessage?.(frame.bytes);
        return;
      case 'ping':
        this.pings++;
        if (this.answersPings) this.push({ kind: 'pong' });
        return;
      case 'close':
        this.closed = { code: frame.code, reason: frame.reason };
        return;
    }
  }
}
