/**
 * Keeps every loaded room of this instance level with what other instances committed (docs/scale-out.md §2).
 * Each followed document has `applied`: every seq up to it is in the room's memory (own commits and others' alike).
 * An update from the fan-out with the next seq is applied; one further ahead reveals a gap (lost, overtaken,
 * trimmed), which is filled from the store's history in seq order; one already applied is skipped. A periodic
 * look at the heads in the store catches what the fan-out lost on a document that then went quiet, and is the whole
 * fan-out while Redis is away: slower, never lossy.
 */
import type { Logger } from '../log';
import type { SharedDocumentStore } from '../storage/pg-store';
import type { CommittedUpdate, FollowedRoom, RoomCluster } from '../sync/config';
import type { ClusterMetrics } from './cluster-metrics';
import type { FanOut, FanOutHandler } from './fan-out';

export interface ClusterLinkOptions {
  store: Pick<SharedDocumentStore, 'heads' | 'history'>;
  /** Opens the fan-out with the link's handler (Redis, or noFanOut without it). */
  openFanOut(onUpdates: FanOutHandler): Promise<FanOut>;
  logger: Logger;
  /** How often the heads of the loaded documents are compared with the store, in ms. */
  headCheckMs?: number;
  metrics?: ClusterMetrics;
}

export interface ClusterLink extends RoomCluster {
  /** Compares the loaded documents with the store now and fills what they lack (tests call it instead of waiting). */
  checkHeads(): Promise<void>;
  /** What this instance has applied of a document (tests), or null when it does not follow it. */
  appliedSeq(docName: string): number | null;
  close(): Promise<void>;
}

interface Followed {
  room: FollowedRoom;
  applied: number;
  /** Seqs this instance committed above `applied` (a seq another instance took lies between). */
  own: Set<number>;
  filling: Promise<void> | null;
  refill: boolean;
}

/** Records read from the store per round of a fill. */
const FILL_PAGE = 500;
/** Documents asked about per head query. */
const HEAD_BATCH = 1_000;

export async function createClusterLink(options: ClusterLinkOptions): Promise<ClusterLink> {
  const { store, logger } = options;
  const followed = new Map<string, Followed>();
  let closed = false;
  let publishTrouble = false;

  function advance(f: Followed): void {
    while (f.own.delete(f.applied + 1)) f.applied += 1;
  }

  function applyInOrder(f: Followed, seq: number, update: Uint8Array, via: 'fanout' | 'store', author?: string): boolean {
    if (seq <= f.applied) return true;
    if (seq !== f.applied + 1) return false;
    if (!f.own.has(seq)) {
      f.room.applyRemote(update, author);
      options.metrics?.remoteApplied.inc({ via });
    }
    f.applied = seq;
    advance(f);
    return true;
  }

  /** Reads what `f` lacks from the store, in seq order; `gap` counts it as a gap the fan-out left (a metric). */
  function fill(name: string, f: Followed, gap = true): void {
    if (f.filling) {
      f.refill = true;
      return;
    }
    if (gap) options.metrics?.gapFills.inc();
    f.filling = (async () => {
      try {
        for (;;) {
          f.refill = false;
          const records = await store.history(name, f.applied + 1, FILL_PAGE);
          if (followed.get(name) !== f) return;
          for (const record of records) if (!applyInOrder(f, record.seq, record.update, 'store', record.author)) break;
          if (!f.refill && records.length < FILL_PAGE) return;
        }
      } catch (error) {
        // the next head check tries again
        logger.warn({ err: error instanceof Error ? error.message : String(error), doc: name }, 'filling a gap from the store failed');
      } finally {
        f.filling = null;
      }
    })();
  }

  const receive: FanOutHandler = (updates) => {
    for (const { docName, seq, update, author } of updates) {
      const f = followed.get(docName);
      if (!f) continue;
      if (f.filling) {
        // the fill reads the store in order; it will reach this seq too
        if (seq > f.applied + 1) f.refill = true;
        else applyInOrder(f, seq, update, 'fanout', author);
        continue;
      }
      if (!applyInOrder(f, seq, update, 'fanout', author)) fill(docName, f);
    }
  };

  const fanOut = await options.openFanOut(receive);

  async function checkHeads(): Promise<void> {
    const names = [...followed.keys()];
    for (let i = 0; i < names.length; i += HEAD_BATCH) {
      const heads = await store.heads(names.slice(i, i + HEAD_BATCH));
      for (const [name, head] of heads) {
        const f = followed.get(name);
        if (f && head > f.applied) fill(name, f);
      }
    }
  }

  let checking: Promise<void> | null = null;
  const timer = setInterval(() => {
    checking ??= checkHeads()
      .catch((error: unknown) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'comparing document heads failed'))
      .finally(() => {
        checking = null;
      });
  }, options.headCheckMs ?? 2_000);
  timer.unref();

  return {
    async headBeforeLoad(docName) {
      return (await store.heads([docName])).get(docName) ?? 0;
    },
    loaded(room, headSeq) {
      if (closed) return;
      const f: Followed = { room, applied: headSeq, own: new Set(), filling: null, refill: false };
      followed.set(room.name, f);
      // the fan-out delivers what is published once it follows; what was committed between the head read and then is
      // in the store (a commit is stored before it is published): read it once the follow holds
      void fanOut.follow(room.name, headSeq).then(() => {
        if (!closed && followed.get(room.name) === f) fill(room.name, f, false);
      });
    },
    unloaded(room) {
      if (followed.get(room.name)?.room !== room) return;
      followed.delete(room.name);
      fanOut.unfollow(room.name);
    },
    committed(updates: readonly CommittedUpdate[]) {
      for (const { docName, seq } of updates) {
        const f = followed.get(docName);
        if (!f || seq <= f.applied) continue;
        if (seq === f.applied + 1) {
          f.applied = seq;
          advance(f);
        } else {
          f.own.add(seq);
        }
      }
      if (closed) return;
      fanOut.publish(updates).then(
        () => {
          if (publishTrouble) logger.info('publishing to other instances works again');
          publishTrouble = false;
        },
        (error: unknown) => {
          // committed all the same: other instances find these updates in the store at their next head check
          options.metrics?.publishFailures.inc();
          if (!publishTrouble) logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'publishing to other instances failed');
          publishTrouble = true;
        },
      );
    },
    checkHeads,
    appliedSeq(docName) {
      return followed.get(docName)?.applied ?? null;
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await checking;
      await fanOut.close();
    },
  };
}
