import type { ChunkMessage } from '../../shared/protocol/decode-message';

/**
 * Bytes a member may hold in reassembly at once, shared by all its connections: without it, many connections each
 * declaring a large transfer could together hold far more than one member should.
 */
export interface AssemblyBudget {
  /** Takes `bytes` from the budget; false (and nothing taken) when they do not fit. */
  reserve(bytes: number): boolean;
  release(bytes: number): void;
}

export type ChunkOutcome =
  /** Stored; more pieces to come. */
  | { kind: 'partial' }
  /** The last piece: the frame the pieces make, to be handled as if it had come whole. */
  | { kind: 'complete'; frame: Uint8Array }
  /** The declared size is over the server's maximum (close 1009: it would never fit). */
  | { kind: 'too-large'; totalBytes: number }
  /** The budget cannot hold the declared size now (close 4429: later it may). */
  | { kind: 'over-budget'; totalBytes: number }
  /** Out of order, or fields that disagree with the transfer's first piece (close 4400: our client never does this). */
  | { kind: 'invalid'; reason: string };

interface Transfer {
  id: number;
  count: number;
  next: number;
  frame: Uint8Array;
  received: number;
}

/**
 * Joins the chunk frames of one connection into the frames they were cut from. Pieces arrive in order, one transfer at
 * a time, with increasing transfer ids; the declared total is reserved from the budget when the first piece arrives
 * (so the frame's buffer is allocated once, at its final size) and released when the last arrives or on abort().
 * After any refusal the transfer is dropped and its reservation released; the caller closes the connection.
 */
export class ChunkAssembler {
  private transfer: Transfer | null = null;
  private lastId = -1;

  constructor(
    /** Largest frame this connection may have reassembled. */
    private readonly maxBytes: number,
    private readonly budget: AssemblyBudget,
  ) {}

  /** Bytes reserved for the transfer in progress (0 when none). */
  get reservedBytes(): number {
    return this.transfer?.frame.length ?? 0;
  }

  accept(chunk: ChunkMessage): ChunkOutcome {
    const transfer = this.transfer ?? this.start(chunk);
    if ('kind' in transfer) return transfer;
    if (chunk.transferId !== transfer.id) return this.refuse(`piece of transfer ${chunk.transferId} inside transfer ${transfer.id}`);
    if (chunk.index !== transfer.next) return this.refuse(`piece ${chunk.index} where ${transfer.next} was due`);
    if (chunk.count !== transfer.count || chunk.totalBytes !== transfer.frame.length) return this.refuse('count or total changed within a transfer');
    if (transfer.received + chunk.piece.length > transfer.frame.length) return this.refuse('pieces longer than the declared total');
    transfer.frame.set(chunk.piece, transfer.received);
    transfer.received += chunk.piece.length;
    transfer.next++;
    if (transfer.next < transfer.count) return { kind: 'partial' };
    if (transfer.received !== transfer.frame.length) return this.refuse('pieces shorter than the declared total');
    this.finish();
    return { kind: 'complete', frame: transfer.frame };
  }

  /** The connection closed: drop any transfer in progress and give its bytes back. Idempotent. */
  abort(): void {
    this.finish();
  }

  private start(chunk: ChunkMessage): Transfer | ChunkOutcome {
    if (chunk.index !== 0) return this.refuse(`transfer ${chunk.transferId} starts at piece ${chunk.index}`);
    if (chunk.transferId <= this.lastId) return this.refuse(`transfer id ${chunk.transferId} not above ${this.lastId}`);
    this.lastId = chunk.transferId;
    if (chunk.totalBytes > this.maxBytes) return { kind: 'too-large', totalBytes: chunk.totalBytes };
    if (!this.budget.reserve(chunk.totalBytes)) return { kind: 'over-budget', totalBytes: chunk.totalBytes };
    this.transfer = { id: chunk.transferId, count: chunk.count, next: 0, frame: new Uint8Array(chunk.totalBytes), received: 0 };
    return this.transfer;
  }

  private refuse(reason: string): ChunkOutcome {
    this.finish();
    return { kind: 'invalid', reason };
  }

  private finish(): void {
    if (this.transfer === null) return;
    this.budget.release(this.transfer.frame.length);
    this.transfer = null;
  }
}
