/**
 * Fan-out of committed updates between instances (docs/scale-out.md §2): at-least-once, ordered by the document's
 * seq, a cache of recent commits — PostgreSQL stays the truth, and gaps are filled from it (cluster-link.ts).
 * Redis Streams in production (redis-fan-out.ts); tests run the same contract on an in-memory bus.
 */
import type { CommittedUpdate } from '../sync/config';

export interface FanOut {
  /**
   * Publishes updates already committed, in seq order per document. A seq not above the last one published for its
   * document is dropped (it was published already, or a later one overtook it: followers fill the hole from the
   * store). Rejects only when the transport is down; the commits stand either way.
   */
  publish(updates: readonly CommittedUpdate[]): Promise<void>;
  /** Delivers `docName`'s updates with a seq above `afterSeq`: those still retained, then new ones as published. */
  follow(docName: string, afterSeq: number): void;
  unfollow(docName: string): void;
  close(): Promise<void>;
}

/** Where a fan-out hands what it receives, in seq order per document (possibly repeating a seq). */
export type FanOutHandler = (updates: CommittedUpdate[]) => void;

/** No transport: instances on one PostgreSQL without Redis still converge, through the cluster link's head check. */
export const noFanOut: FanOut = {
  publish: async () => undefined,
  follow: () => undefined,
  unfollow: () => undefined,
  close: async () => undefined,
};
