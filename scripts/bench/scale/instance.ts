/**
 * One sync-server instance of `npm run bench:scale`, in its own process (forked by scripts/bench/scale.ts), so its CPU
 * can be told apart from the other instance's and from the clients'. Store and fan-out come from the environment:
 * BENCH_STORE=sqlite (BENCH_SQLITE_PATH) or pg (BENCH_DATABASE_URL), BENCH_REDIS_URL + BENCH_REDIS_PREFIX for the
 * fan-out. Answers the parent's messages: `stats` (CPU used since the last `reset`, and the store's append latency)
 * and `close`. Authentication admits any non-empty token with every right: the bench measures the sync path.
 */
import { createClusterLink } from '../../../server/cluster/cluster-link';
import { openRedisFanOut } from '../../../server/cluster/redis-fan-out';
import { createSilentLogger } from '../../../server/log';
import { createMetrics } from '../../../server/metrics';
import type { DocumentStore } from '../../../server/storage/document-store';
import { openPgPool } from '../../../server/storage/pg-pool';
import { openPgStore } from '../../../server/storage/pg-store';
import { openSqliteStore } from '../../../server/storage/sqlite-store';
import type { RoomCluster } from '../../../server/sync/config';
import { createSyncServer } from '../../../server/sync/sync-server';

export type InstanceMessage = { type: 'reset' } | { type: 'stats' } | { type: 'close' };
export type InstanceReply = { type: 'listening'; port: number } | { type: 'stats'; cpuMs: number; appendMs: number[] } | { type: 'closed' };

const logger = createSilentLogger();

function send(reply: InstanceReply): void {
  process.send?.(reply);
}

/** The store, with the time each group-commit batch took to become durable. */
function timed(store: DocumentStore, appendMs: number[]): DocumentStore {
  return {
    ...store,
    async appendMany(entries) {
      const started = performance.now();
      const result = await store.appendMany(entries);
      appendMs.push(performance.now() - started);
      return result;
    },
  };
}

async function openStore(): Promise<{ store: DocumentStore; cluster?: RoomCluster & { close(): Promise<void> } }> {
  if (process.env.BENCH_STORE === 'sqlite') return { store: openSqliteStore({ path: process.env.BENCH_SQLITE_PATH ?? 'bench.sqlite' }) };
  const pool = openPgPool({ connectionString: process.env.BENCH_DATABASE_URL ?? '' });
  const store = await openPgStore({ pool, ownsPool: true });
  const redisUrl = process.env.BENCH_REDIS_URL;
  if (!redisUrl) return { store };
  const prefix = process.env.BENCH_REDIS_PREFIX ?? 'guatu-bench';
  const cluster = await createClusterLink({ store, logger, openFanOut: (onUpdates) => openRedisFanOut({ url: redisUrl, prefix, onUpdates, logger }) });
  return { store, cluster };
}

async function main(): Promise<void> {
  const appendMs: number[] = [];
  const { store, cluster } = await openStore();
  const server = createSyncServer({
    store: timed(store, appendMs),
    authenticate: async (token) => (token ? { workspaceId: 'bench', memberId: token, role: 'member' } : { failure: 'invalid' }),
    authorize: async () => ({ read: true, write: true }),
    logger,
    metrics: createMetrics(),
    limits: { idleUnloadMs: 60 * 60_000, messagesPerSecond: 10_000, messageBurst: 10_000 },
    cluster,
  });
  const { port } = await server.listen(0, '127.0.0.1');
  let cpu = process.cpuUsage();
  process.on('message', (message: InstanceMessage) => {
    if (message.type === 'reset') {
      cpu = process.cpuUsage();
      appendMs.length = 0;
    } else if (message.type === 'stats') {
      const used = process.cpuUsage(cpu);
      send({ type: 'stats', cpuMs: (used.user + used.system) / 1000, appendMs: [...appendMs] });
    } else if (message.type === 'close') {
      void (async () => {
        await server.close();
        await cluster?.close();
        await store.close();
        send({ type: 'closed' });
        process.exit(0);
      })();
    }
  });
  send({ type: 'listening', port });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench instance failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
