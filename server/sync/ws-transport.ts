/** The `ws` library behind the transport seam (transport.ts): the only file of server/sync that imports it. */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { SocketEvents, SocketState, SyncSocket } from './transport';

const STATES: readonly SocketState[] = ['connecting', 'open', 'closing', 'closed'];

/** Upgrades HTTP requests to WebSockets and hands each over as a SyncSocket. */
export interface WsTransport {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, onSocket: (socket: SyncSocket) => void): void;
  close(): Promise<void>;
}

export function createWsTransport(options: { maxPayloadBytes: number }): WsTransport {
  // maxPayload makes ws itself close an oversized frame's connection with 1009 before buffering it
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes, perMessageDeflate: false });
  return {
    handleUpgrade(req, socket, head, onSocket) {
      wss.handleUpgrade(req, socket, head, (ws) => onSocket(wsSocket(ws)));
    },
    close: () => new Promise<void>((resolve) => wss.close(() => resolve())),
  };
}

/** One ws socket as a SyncSocket. */
export function wsSocket(ws: WebSocket): SyncSocket {
  ws.binaryType = 'nodebuffer';
  return new WsSocket(ws);
}

/** A class, not an object of closures: its methods live once on the prototype, not once per connection. */
class WsSocket implements SyncSocket {
  constructor(private readonly ws: WebSocket) {}
  get state(): SocketState {
    return STATES[this.ws.readyState] ?? 'closed';
  }
  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }
  listen(events: SocketEvents): void {
    const ws = this.ws;
    ws.on('message', (data, isBinary) => events.message(toBytes(data), isBinary));
    ws.on('pong', () => events.pong());
    ws.on('close', () => events.close());
    ws.on('error', (error: Error & { code?: string }) => {
      // ws closes the socket itself (1009 for oversized frames, 1002/1007 for broken framing)
      const tooBig = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
      events.error({ kind: tooBig ? 'too-big' : 'malformed', message: error.message, code: error.code });
    });
  }
  // no callback: a failed write closes the socket, which the 'close' handler sees; a closure per send is not free
  send(frame: Uint8Array): void {
    this.ws.send(frame);
  }
  ping(): void {
    this.ws.ping();
  }
  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }
  terminate(): void {
    this.ws.terminate();
  }
  pause(): void {
    this.ws.pause();
  }
  resume(): void {
    this.ws.resume();
  }
}

/** ws hands over a Buffer, an ArrayBuffer or fragments depending on binaryType; all become one Uint8Array. */
function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
