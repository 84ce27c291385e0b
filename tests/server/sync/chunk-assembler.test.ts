import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import type { ChunkMessage } from '../../../shared/protocol/decode-message';
import { ChunkAssembler, type AssemblyBudget } from '../../../server/sync/chunk-assembler';

/** A budget of `capacity` bytes that records what is held, so a test can see every reservation given back. */
function budget(capacity = Number.MAX_SAFE_INTEGER): AssemblyBudget & { held: number } {
  return {
    held: 0,
    reserve(bytes) {
      if (this.held + bytes > capacity) return false;
      this.held += bytes;
      return true;
    },
    release(bytes) {
      this.held -= bytes;
    },
  };
}

/** `frame` as the chunk messages our client sends for it. */
function chunksOf(transferId: number, frame: Uint8Array, pieceBytes: number): ChunkMessage[] {
  const count = Math.max(1, Math.ceil(frame.length / pieceBytes));
  return Array.from({ length: count }, (_, index) => ({
    type: 'chunk' as const,
    transferId,
    index,
    count,
    totalBytes: frame.length,
    piece: frame.subarray(index * pieceBytes, (index + 1) * pieceBytes),
  }));
}

const rng = prng.create(7);
const frame = prng.uint8Array(rng, 1_000);
const [first, second, third, last] = chunksOf(0, frame, 300) as [ChunkMessage, ChunkMessage, ChunkMessage, ChunkMessage];

describe('ChunkAssembler', () => {
  it('joins pieces sent in order into the frame, one transfer after another, and gives the bytes back', () => {
    const held = budget();
    const assembler = new ChunkAssembler(10_000, held);
    expect(assembler.accept(first)).toEqual({ kind: 'partial' });
    expect(held.held).toBe(1_000); // the declared total, reserved at the first piece
    expect(assembler.reservedBytes).toBe(1_000);
    expect(assembler.accept(second)).toEqual({ kind: 'partial' });
    expect(assembler.accept(third)).toEqual({ kind: 'partial' });
    expect(assembler.accept(last)).toEqual({ kind: 'complete', frame });
    expect(held.held).toBe(0);
    expect(assembler.reservedBytes).toBe(0);
    // a next transfer with a higher id, a single piece
    const small = Uint8Array.of(1, 2, 3);
    expect(assembler.accept({ ...chunksOf(5, small, 10)[0]!, transferId: 5 })).toEqual({ kind: 'complete', frame: small });
  });

  it('refuses pieces out of order, from another transfer, or with a changed count or total — and releases', () => {
    const cases: Array<[string, ChunkMessage[]]> = [
      ['starts past 0', [second]],
      ['skips a piece', [first, third]],
      ['repeats a piece', [first, first]],
      ['another transfer interleaved', [first, { ...second, transferId: 1 }]],
      ['count changed', [first, { ...second, count: 5 }]],
      ['total changed', [first, { ...second, totalBytes: 1_200 }]],
      ['pieces longer than the total', [first, second, third, { ...last, piece: new Uint8Array(200) }]],
      ['pieces shorter than the total', [first, second, third, { ...last, piece: new Uint8Array(10) }]],
    ];
    for (const [what, chunks] of cases) {
      const held = budget();
      const assembler = new ChunkAssembler(10_000, held);
      const outcomes = chunks.map((chunk) => assembler.accept(chunk));
      expect(outcomes.at(-1)?.kind, what).toBe('invalid');
      expect(held.held, what).toBe(0);
    }
  });

  it('refuses a transfer id that is not above the last one (no replays)', () => {
    const assembler = new ChunkAssembler(10_000, budget());
    const one = chunksOf(4, Uint8Array.of(9), 10)[0]!;
    expect(assembler.accept(one).kind).toBe('complete');
    expect(assembler.accept(one).kind).toBe('invalid');
    expect(assembler.accept({ ...one, transferId: 3 }).kind).toBe('invalid');
  });

  it('refuses a declared total over the maximum before taking anything', () => {
    const held = budget();
    const assembler = new ChunkAssembler(999, held);
    expect(assembler.accept(first)).toEqual({ kind: 'too-large', totalBytes: 1_000 });
    expect(held.held).toBe(0);
    expect(new ChunkAssembler(1_000, held).accept(first).kind).toBe('partial'); // exactly the maximum fits
  });

  it('refuses a transfer the budget cannot hold, and one that fits once the budget has room again', () => {
    const shared = budget(1_500); // one member's budget, two connections
    const a = new ChunkAssembler(10_000, shared);
    const b = new ChunkAssembler(10_000, shared);
    expect(a.accept(first).kind).toBe('partial');
    expect(b.accept(first)).toEqual({ kind: 'over-budget', totalBytes: 1_000 });
    expect(shared.held).toBe(1_000);
    for (const chunk of [second, third, last]) a.accept(chunk);
    expect(shared.held).toBe(0);
    expect(new ChunkAssembler(10_000, shared).accept(first).kind).toBe('partial');
  });

  it('abort (the connection closed) gives a transfer in progress back, once', () => {
    const held = budget();
    const assembler = new ChunkAssembler(10_000, held);
    assembler.accept(first);
    assembler.accept(second);
    assembler.abort();
    assembler.abort();
    expect(held.held).toBe(0);
    expect(assembler.reservedBytes).toBe(0);
  });
});
