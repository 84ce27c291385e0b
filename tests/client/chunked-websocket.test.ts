import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import { chunkedWebSocket } from '../../client/chunked-websocket';
import { ChunkAssembler } from '../../server/sync/chunk-assembler';
import { decodeClientMessage, type ChunkMessage } from '../../shared/protocol/decode-message';
import { CHUNK_BYTES } from '../../shared/protocol/messages';

/** Stands in for the browser's WebSocket: records what send() is handed. */
class RecordingSocket {
  static readonly OPEN = 1;
  readonly OPEN = 1;
  readyState = 1;
  binaryType = 'blob';
  bufferedAmount = 0;
  onmessage: ((event: unknown) => void) | null = null;
  readonly sent: unknown[] = [];
  closed: [number | undefined, string | undefined] | null = null;

  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
  ) {}

  send(data: unknown): void {
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closed = [code, reason];
  }
}

const PIECE = 1_000;
const Chunked = chunkedWebSocket(RecordingSocket as unknown as typeof WebSocket, PIECE);
const open = (): WebSocket & RecordingSocket => new Chunked('ws://server/doc', ['p']) as unknown as WebSocket & RecordingSocket;

function chunk(frame: unknown): ChunkMessage {
  const decoded = decodeClientMessage(frame as Uint8Array);
  if (!decoded.ok || decoded.message.type !== 'chunk') throw new Error('not a chunk frame');
  return decoded.message;
}

const rng = prng.create(2026);

describe('chunkedWebSocket', () => {
  it('passes frames up to the chunk size, text and non-byte data through untouched', () => {
    const socket = open();
    const small = prng.uint8Array(rng, PIECE);
    const buffer = prng.uint8Array(rng, 10).buffer;
    socket.send(small);
    socket.send(buffer);
    socket.send('hello');
    expect(socket.sent).toHaveLength(3);
    expect(socket.sent[0]).toBe(small);
    expect(socket.sent[1]).toBe(buffer);
    expect(socket.sent[2]).toBe('hello');
  });

  it('sends a larger frame as chunk frames that join to the frame', () => {
    const socket = open();
    const frame = prng.uint8Array(rng, 3 * PIECE + 1);
    socket.send(frame);
    const chunks = socket.sent.map(chunk);
    expect(chunks.map((c) => [c.transferId, c.index, c.count, c.totalBytes, c.piece.length])).toEqual([
      [0, 0, 4, frame.length, PIECE],
      [0, 1, 4, frame.length, PIECE],
      [0, 2, 4, frame.length, PIECE],
      [0, 3, 4, frame.length, 1],
    ]);
    const assembler = new ChunkAssembler(10 * PIECE, { reserve: () => true, release: () => {} });
    const outcomes = chunks.map((c) => assembler.accept(c));
    expect(outcomes.at(-1)).toEqual({ kind: 'complete', frame });
  });

  it('cuts ArrayBuffers and views the same as Uint8Arrays', () => {
    const socket = open();
    const bytes = prng.uint8Array(rng, 2 * PIECE + 5);
    socket.send(bytes.buffer);
    socket.send(new DataView(bytes.buffer, 5));
    const [a, b] = [socket.sent.slice(0, 3).map(chunk), socket.sent.slice(3).map(chunk)];
    expect(a.map((c) => c.totalBytes)).toEqual([bytes.length, bytes.length, bytes.length]);
    expect(b.map((c) => [c.transferId, c.totalBytes])).toEqual([
      [1, 2 * PIECE],
      [1, 2 * PIECE],
    ]);
    expect(b[0]?.piece).toEqual(bytes.subarray(5, 5 + PIECE));
  });

  it('numbers transfers per socket: 0, 1, 2… on each', () => {
    const [one, two] = [open(), open()];
    const big = new Uint8Array(PIECE + 1);
    one.send(big);
    one.send(Uint8Array.of(1)); // a small frame takes no transfer id
    one.send(big);
    two.send(big);
    expect(one.sent.filter((f) => f instanceof Uint8Array && f.length > 1).map((f) => chunk(f).transferId)).toEqual([0, 0, 1, 1]);
    expect(two.sent.map((f) => chunk(f).transferId)).toEqual([0, 0]);
  });

  it('is otherwise the wrapped socket: constructor arguments, fields, handlers, close, statics', () => {
    const socket = open();
    expect(socket).toBeInstanceOf(RecordingSocket);
    expect([socket.url, socket.protocols]).toEqual(['ws://server/doc', ['p']]);
    socket.binaryType = 'arraybuffer';
    expect(socket.binaryType).toBe('arraybuffer');
    const handler = (): void => {};
    socket.onmessage = handler;
    expect(socket.onmessage).toBe(handler);
    socket.close(1000, 'bye');
    expect(socket.closed).toEqual([1000, 'bye']);
    expect(Chunked.OPEN).toBe(1);
    expect(socket.readyState).toBe(socket.OPEN);
  });

  it('uses the protocol chunk size by default', () => {
    const socket = new (chunkedWebSocket(RecordingSocket as unknown as typeof WebSocket))('ws://x') as unknown as RecordingSocket;
    socket.send(new Uint8Array(CHUNK_BYTES));
    socket.send(new Uint8Array(CHUNK_BYTES + 1));
    expect(socket.sent).toHaveLength(3);
    expect(chunk(socket.sent[2]).piece.length).toBe(1);
  });
});
