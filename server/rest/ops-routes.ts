/**
 * What an operator's monitoring asks: GET /health (liveness: the process answers; storage reachable, uptime, load),
 * GET /health/ready (readiness, for a load balancer: storage reachable, migrations done, not shutting down; 503
 * otherwise) and GET /metrics (Prometheus).
 * Served on the main port, and also on the operations port when one is configured (`OPS_PORT`, ops-listener.ts).
 */
import { Hono } from 'hono';
import type { SyncMetrics } from '../metrics';
import type { DocumentStore } from '../storage/document-store';
import type { SyncStats } from '../sync/sync-server';
import { sendJson, type RestEnv } from './respond';

export interface OpsRoutesOptions {
  store: DocumentStore;
  metrics: SyncMetrics;
  stats: () => SyncStats;
  startedAt: number;
  now: () => number;
  /** False once the server is shutting down (the balancer should stop sending); absent: always. */
  ready?: () => boolean;
}

/** Whether the store answers a read (the schema is migrated before the app starts listening). */
async function storageAnswers(store: DocumentStore): Promise<boolean> {
  try {
    await store.pendingSinceSnapshot('health/probe');
    return true;
  } catch {
    return false;
  }
}

export function opsRoutes(options: OpsRoutesOptions): Hono<RestEnv> {
  return new Hono<RestEnv>()
    .get('/health', async (c) => {
      const storageOk = await storageAnswers(options.store);
      const stats = options.stats();
      return sendJson(c, storageOk ? 200 : 503, {
        ok: storageOk,
        uptimeSeconds: Math.round((options.now() - options.startedAt) / 1000),
        documentsLoaded: stats.documentsLoaded,
        connections: stats.connections,
        storage: { ok: storageOk },
      });
    })
    .get('/health/ready', async (c) => {
      const accepting = options.ready?.() ?? true;
      const storageOk = await storageAnswers(options.store);
      const ready = accepting && storageOk;
      return sendJson(c, ready ? 200 : 503, {
        ready,
        storage: { ok: storageOk, migrated: true },
        ...(accepting ? {} : { reason: 'shutting-down' }),
      });
    })
    .get('/metrics', async (c) => {
      const text = await options.metrics.registry.metrics();
      return c.body(text, 200, { 'content-type': options.metrics.registry.contentType, 'cache-control': 'no-store' });
    });
}
