import WebSocket from 'ws';
import { EMPTY_STEP1_FRAME, EMPTY_STEP2_FRAME, FIELD_COUNT, encodeEditFrame, readFrame, type ItemId } from './edit-frames';

export interface ClientOptions {
  url: string;
  /** Yjs client id of this client's edits (unique per room). */
  yjsClient: number;
  /** Speak the y-protocols handshake (false against the relay, which holds no state). */
  handshake: boolean;
  /** Another client's edit arrived: its send time and now, both performance.now() of this process. */
  onEdit(sentAt: number, receivedAt: number): void;
  /** A sync step 2 arrived with an update of `bytes` bytes. */
  onStep2?(bytes: number): void;
}

/**
 * A y-websocket client without a Y.Doc: it answers the handshake as an empty replica, sends hand-encoded edits and
 * reads the send time out of every edit that reaches it. The same client is used against all three servers.
 */
export class BenchClient {
  readonly socket: WebSocket;
  closeCode: number | null = null;
  private clock = 0;
  /** The latest item of each field this client knows of (its own or a peer's): the origin of its next write there. */
  private readonly fieldHeads: Array<ItemId | null> = new Array<ItemId | null>(FIELD_COUNT).fill(null);
  private readonly synced: Promise<void>;

  constructor(private readonly options: ClientOptions) {
    this.socket = new WebSocket(options.url, { perMessageDeflate: false });
    this.socket.binaryType = 'nodebuffer';
    let markSynced: () => void = () => undefined;
    let fail: (error: Error) => void = () => undefined;
    this.synced = new Promise<void>((resolve, reject) => {
      markSynced = resolve;
      fail = reject;
    });
    // a client that closes after syncing is not an error; those who wait on whenSynced still see the rejection
    this.synced.catch(() => undefined);
    this.socket.on('open', () => {
      if (!options.handshake) return markSynced();
      this.socket.send(EMPTY_STEP1_FRAME);
    });
    this.socket.on('error', (error) => fail(error));
    this.socket.on('close', (code) => {
      this.closeCode = code;
      fail(new Error(`closed with ${code} before sync`));
    });
    this.socket.on('message', (data: Buffer) => {
      const receivedAt = performance.now();
      const frame = readFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), options.yjsClient);
      switch (frame.kind) {
        case 'edits':
          for (const edit of frame.edits) {
            if (edit.field >= 0 && edit.field < FIELD_COUNT) this.fieldHeads[edit.field] = edit.id;
            options.onEdit(edit.sentAt, receivedAt);
          }
          return;
        case 'step1':
          this.socket.send(EMPTY_STEP2_FRAME);
          return;
        case 'step2':
          options.onStep2?.(frame.bytes);
          markSynced();
          return;
        case 'other':
          return;
      }
    });
  }

  /** Resolves once the server's whole state has arrived (at once for the relay). */
  whenSynced(): Promise<void> {
    return this.synced;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  sendEdit(): void {
    if (!this.isOpen) return;
    const clock = this.clock++;
    const field = clock % FIELD_COUNT;
    this.socket.send(encodeEditFrame(this.options.yjsClient, clock, field, this.fieldHeads[field] ?? null, performance.now()));
    this.fieldHeads[field] = { client: this.options.yjsClient, clock };
  }

  send(frame: Uint8Array): void {
    if (this.isOpen) this.socket.send(frame);
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
