import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import { CloseCode, reconnectPolicy } from '../../../shared/protocol/close-codes';
import { decodeClientMessage, type ChunkMessage } from '../../../shared/protocol/decode-message';
import { chunkFrames, encodeChunkMessage } from '../../../shared/protocol/encode-message';
import { CHUNK_BYTES, MessageType } from '../../../shared/protocol/messages';

/** A chunk frame written field by field, so a test can write what encodeChunkMessage never would. */
function rawChunk(fields: number[], piece: Uint8Array, trailing: number[] = []): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.chunk);
  for (const field of fields) encoding.writeVarUint(encoder, field);
  encoding.writeVarUint8Array(encoder, piece);
  for (const byte of trailing) encoding.writeUint8(encoder, byte);
  return encoding.toUint8Array(encoder);
}

function chunkOf(frame: Uint8Array): ChunkMessage {
  const decoded = decodeClientMessage(frame);
  if (!decoded.ok || decoded.message.type !== 'chunk') throw new Error(`not a chunk: ${JSON.stringify(decoded)}`);
  return decoded.message;
}

describe('chunk frames (MessageType.chunk = 4, our extension only)', () => {
  it('decode to what was encoded', () => {
    const piece = Uint8Array.of(1, 2, 3);
    expect(decodeClientMessage(encodeChunkMessage(7, 1, 3, 9, piece))).toEqual({
      ok: true,
      message: { type: 'chunk', transferId: 7, index: 1, count: 3, totalBytes: 9, piece },
    });
    // large field values survive (varuints, not fixed widths)
    expect(chunkOf(encodeChunkMessage(2 ** 40, 0, 1, 0, new Uint8Array(0)))).toMatchObject({ transferId: 2 ** 40, totalBytes: 0 });
  });

  it('are refused when cut short, inconsistent or followed by more bytes, without throwing', () => {
    const frame = encodeChunkMessage(1, 0, 2, 10, Uint8Array.of(1, 2, 3, 4, 5));
    for (let end = 1; end < frame.length; end++) expect(decodeClientMessage(frame.subarray(0, end))).toEqual({ ok: false, reason: 'truncated' });
    expect(decodeClientMessage(rawChunk([1, 2, 2, 10], Uint8Array.of(1)))).toEqual({ ok: false, reason: 'bad-chunk' }); // index = count
    expect(decodeClientMessage(rawChunk([1, 0, 0, 10], Uint8Array.of(1)))).toEqual({ ok: false, reason: 'bad-chunk' }); // no pieces at all
    expect(decodeClientMessage(rawChunk([1, 0, 1, 2], Uint8Array.of(1, 2, 3)))).toEqual({ ok: false, reason: 'bad-chunk' }); // piece > whole
    expect(decodeClientMessage(rawChunk([1, 0, 1, 1], Uint8Array.of(1), [0]))).toEqual({ ok: false, reason: 'trailing-bytes' });
    // a length beyond 2^53 in any field
    const huge = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f];
    expect(decodeClientMessage(Uint8Array.of(MessageType.chunk, ...huge, 0, 1, 1, 1, 0)).ok).toBe(false);
  });

  it('random bytes after the chunk type never make the decoder throw (seeded)', () => {
    const rng = prng.create(4_2024);
    for (let i = 0; i < 20_000; i++) {
      const frame = Uint8Array.of(MessageType.chunk, ...prng.uint8Array(rng, prng.int31(rng, 0, 40)));
      const decoded = decodeClientMessage(frame);
      if (decoded.ok && decoded.message.type === 'chunk') {
        const { index, count, totalBytes, piece } = decoded.message;
        expect(index).toBeLessThan(count);
        expect(piece.length).toBeLessThanOrEqual(totalBytes);
      }
    }
  });

  it('chunkFrames cuts a frame into pieces of the given size, in order, that join to the frame', () => {
    const rng = prng.create(11);
    const frame = prng.uint8Array(rng, 2_500);
    const chunks = [...chunkFrames(3, frame, 1_000)].map(chunkOf);
    expect(chunks.map((c) => [c.transferId, c.index, c.count, c.totalBytes, c.piece.length])).toEqual([
      [3, 0, 3, 2_500, 1_000],
      [3, 1, 3, 2_500, 1_000],
      [3, 2, 3, 2_500, 500],
    ]);
    const joined = new Uint8Array(2_500);
    let at = 0;
    for (const c of chunks) {
      joined.set(c.piece, at);
      at += c.piece.length;
    }
    expect(joined).toEqual(frame);
    // an exact multiple makes no empty last piece; a frame of CHUNK_BYTES and one byte makes two frames under 4 MiB
    expect([...chunkFrames(0, frame.subarray(0, 2_000), 1_000)].map((f) => chunkOf(f).piece.length)).toEqual([1_000, 1_000]);
    const big = [...chunkFrames(0, new Uint8Array(CHUNK_BYTES + 1), CHUNK_BYTES)];
    expect(big.map((f) => chunkOf(f).piece.length)).toEqual([CHUNK_BYTES, 1]);
    expect(Math.max(...big.map((f) => f.length))).toBeLessThan(CHUNK_BYTES + 32);
    expect(() => [...chunkFrames(0, frame, 0)]).toThrow(RangeError);
  });

  it('a too-big close is retried once, then the client stops (reconnectPolicy)', () => {
    expect(reconnectPolicy(CloseCode.messageTooBig)).toBe('reconnect-once');
  });
});
