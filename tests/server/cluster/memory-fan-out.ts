import type { FanOut, FanOutHandler } from '../../../server/cluster/fan-out';
import type { CommittedUpdate } from '../../../server/sync/config';

/**
 * An in-memory stand-in for Redis shared by several in-process "instances": one stream per document ordered by seq,
 * delivered asynchronously (as over a network). `lose` drops publishes (a Redis outage), `restart` forgets every
 * stream (a Redis restart). Keeps the same contract as the Redis fan-out (fan-out.contract.ts).
 */
export class MemoryBus {
  readonly streams = new Map<string, CommittedUpdate[]>();
  private readonly members = new Set<{ cursors: Map<string, number>; deliver: (updates: CommittedUpdate[]) => void }>();
  lose = false;
  published = 0;

  connect(onUpdates: FanOutHandler): FanOut {
    const cursors = new Map<string, number>();
    const member = {
      cursors,
      deliver: (updates: CommittedUpdate[]) => {
        const fresh = updates.filter((u) => {
          const cursor = cursors.get(u.docName);
          if (cursor === undefined || u.seq <= cursor) return false;
          cursors.set(u.docName, u.seq);
          return true;
        });
        if (fresh.length > 0) onUpdates(fresh);
      },
    };
    this.members.add(member);
    let closed = false;
    return {
      publish: async (updates) => {
        if (closed) throw new Error('the fan-out is closed');
        if (this.lose) throw new Error('bus unreachable');
        const accepted: CommittedUpdate[] = [];
        for (const update of updates) {
          const stream = this.streams.get(update.docName) ?? [];
          if (stream.length > 0 && (stream.at(-1)?.seq ?? 0) >= update.seq) continue;
          stream.push(update);
          this.streams.set(update.docName, stream);
          accepted.push(update);
          this.published++;
        }
        if (accepted.length === 0) return;
        setImmediate(() => {
          for (const other of this.members) other.deliver(accepted.filter((u) => other.cursors.has(u.docName)));
        });
      },
      follow: async (docName, afterSeq) => {
        // as over Redis: what is published from now on, not what was before (the cluster link reads the store for that)
        cursors.set(docName, Math.max(cursors.get(docName) ?? 0, afterSeq));
      },
      unfollow: (docName) => {
        cursors.delete(docName);
      },
      close: async () => {
        closed = true;
        this.members.delete(member);
      },
    };
  }

  restart(): void {
    this.streams.clear();
  }
}
