import { createSilentLogger } from '../../../server/log';
import { createMetrics } from '../../../server/metrics';
import type { DocumentStore } from '../../../server/storage/document-store';
import { openPgPool } from '../../../server/storage/pg-pool';
import { openPgStore } from '../../../server/storage/pg-store';
import { openSqliteStore } from '../../../server/storage/sqlite-store';
import { createSyncServer } from '../../../server/sync/sync-server';
import type { RunningServer } from './running-server';

/** Bench clients send `bench-<pid>-<n>`: each its own member. Auth is not what we measure; anything else is refused. */
const BENCH_TOKEN = /^bench-\d+-\d+$/;

/** A SQLite file, or PostgreSQL when `location` is a postgres:// URL (bench:scale's cold load). */
async function openStore(location: string): Promise<DocumentStore> {
  if (!/^postgres(ql)?:\/\//.test(location)) return openSqliteStore({ path: location });
  return openPgStore({ pool: openPgPool({ connectionString: location }), ownsPool: true });
}

/**
 * Our server as deployed by default: SQLite file store (WAL, synchronous=NORMAL), default rate limits and budgets, a
 * token per client (each client its own member, as deployed) and an authorize that grants read+write. Documents stay
 * loaded for the whole run (idle unload would otherwise drop the documents the memory measurement has just loaded).
 */
export async function startOurs(databasePath: string): Promise<RunningServer> {
  const store = await openStore(databasePath);
  const metrics = createMetrics();
  const server = createSyncServer({
    store,
    authenticate: async (token) =>
      token !== null && BENCH_TOKEN.test(token) ? { workspaceId: 'bench', memberId: token, role: 'member' } : { failure: 'invalid' },
    authorize: async () => ({ read: true, write: true }),
    logger: createSilentLogger(),
    metrics,
    limits: { idleUnloadMs: 60 * 60_000 },
  });
  const { port } = await server.listen(0, '127.0.0.1');
  return {
    port,
    async counters() {
      const out: Record<string, number> = {};
      for (const metric of await metrics.registry.getMetricsAsJSON()) {
        if (!metric.name.endsWith('_total')) continue;
        for (const value of metric.values) {
          const labels = Object.values(value.labels).join(',');
          out[labels ? `${metric.name}{${labels}}` : metric.name] = value.value;
        }
      }
      return out;
    },
    async close() {
      await server.close();
      await store.close();
    },
  };
}
