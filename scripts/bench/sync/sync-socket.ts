/**
 * A one-document y-websocket client for the hostile scenario: opens, syncs as an empty replica (optionally applying
 * the server's state to a Y.Doc), sends frames, and can wait for the server to have processed everything sent so
 * far (a sync step 1 is answered in order, after the frames before it).
 */
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MessageType, SyncMessageType } from '../../../shared/protocol/messages';

const STEP1_EMPTY = Uint8Array.of(MessageType.sync, SyncMessageType.step1, 1, 0);
const STEP2_EMPTY = Uint8Array.of(MessageType.sync, SyncMessageType.step2, 2, 0, 0);

export class SocketClosed extends Error {
  constructor(readonly code: number) {
    super(`closed with ${code}`);
  }
}

export class SyncSocket {
  closeCode: number | null = null;
  readonly closed: Promise<number>;
  private readonly ws: WebSocket;
  private step2Waiters: Array<{ resolve(): void; reject(error: Error): void }> = [];

  private constructor(
    url: string,
    private readonly doc: Y.Doc | null,
  ) {
    this.ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: 120_000, maxPayload: 256 * 2 ** 20 });
    this.ws.binaryType = 'nodebuffer';
    this.closed = new Promise((resolve) => {
      this.ws.on('close', (code) => {
        this.closeCode = code;
        for (const waiter of this.step2Waiters.splice(0)) waiter.reject(new SocketClosed(code));
        resolve(code);
      });
    });
    this.ws.on('error', () => undefined);
    this.ws.on('open', () => this.ws.send(STEP1_EMPTY));
    this.ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (decoding.readVarUint(decoder) !== MessageType.sync) return;
      const step = decoding.readVarUint(decoder);
      if (step === SyncMessageType.step1) return this.ws.send(STEP2_EMPTY);
      if (step === SyncMessageType.step2) {
        if (this.doc) Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder));
        this.step2Waiters.shift()?.resolve();
      }
    });
  }

  /** Opens and resolves once synced; rejects with SocketClosed (or a timeout) otherwise. */
  static async open(url: string, options: { doc?: Y.Doc; timeoutMs?: number } = {}): Promise<SyncSocket> {
    const socket = new SyncSocket(url, options.doc ?? null);
    await socket.nextStep2(options.timeoutMs ?? 120_000);
    return socket;
  }

  private nextStep2(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.closeCode !== null) return reject(new SocketClosed(this.closeCode));
      const timer = setTimeout(() => reject(new Error(`no sync step 2 within ${timeoutMs} ms`)), timeoutMs);
      this.step2Waiters.push({
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Resolves once the frame is handed to the kernel; rejects if the socket is closed. */
  send(frame: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.isOpen) return reject(new SocketClosed(this.closeCode ?? 1006));
      this.ws.send(frame, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** Waits until the server has handled every frame sent before this call. */
  async roundTrip(timeoutMs = 120_000): Promise<void> {
    const reply = this.nextStep2(timeoutMs);
    this.ws.send(STEP1_EMPTY);
    await reply;
  }

  close(): Promise<number> {
    if (this.closeCode === null) this.ws.close();
    return this.closed;
  }
}
