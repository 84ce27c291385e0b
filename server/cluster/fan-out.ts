/**
 * Fan-out of committed updates between instances (docs/scale-out.md §2): ordered by the document's seq, a cache of
 * recent commits — PostgreSQL stays the truth, and gaps are filled from it (cluster-link.ts).
 * Redis Streams in production (redis-fan-out.ts); tests run the same contract on an in-memory bus.
 */
import { parseDocName, workspaceDocName } from '../../shared/model/doc-names';
import type { CommittedUpdate } from '../sync/config';

export interface FanOut {
  /**
   * Publishes updates already committed, in seq order per document. A follower drops a seq not above the last one
   * it delivered of that document (it was published already, or a later one overtook it: followers fill the hole
   * from the store). Rejects only when the transport is down; the commits stand either way.
   */
  publish(updates: readonly CommittedUpdate[]): Promise<void>;
  /**
   * Delivers `docName`'s updates with a seq above `afterSeq` that are published once the returned promise resolved (it
   * never rejects), each once and in seq order. What was published before may come too, or not: the caller reads the
   * store after following for that (a commit is stored before it is published).
   */
  follow(docName: string, afterSeq: number): Promise<void>;
  unfollow(docName: string): void;
  close(): Promise<void>;
}

/** Where a fan-out hands what it receives, in seq order per document (possibly repeating a seq). */
export type FanOutHandler = (updates: CommittedUpdate[]) => void;

/**
 * The stream a document's updates travel on: one per workspace (`ws/<id>` and everything under it), since a batch is
 * mostly one workspace's; any other name travels alone.
 */
export function fanOutGroup(docName: string): string {
  const ref = parseDocName(docName);
  return ref ? workspaceDocName(ref.workspaceId) : docName;
}

/** No transport: instances on one PostgreSQL without Redis still converge, through the cluster link's head check. */
export const noFanOut: FanOut = {
  publish: async () => undefined,
  follow: async () => undefined,
  unfollow: () => undefined,
  close: async () => undefined,
};
