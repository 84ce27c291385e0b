/**
 * What an operator's monitoring asks: GET /health (storage reachable, uptime, load) and GET /metrics (Prometheus).
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
}

export function opsRoutes(options: OpsRoutesOptions): Hono<RestEnv> {
  return new Hono<RestEnv>()
    .get('/health', async (c) => {
      let storageOk = true;
      try {
        await options.store.pendingSinceSnapshot('health/probe');
      } catch {
        storageOk = false;
      }
      const stats = options.stats();
      return sendJson(c, storageOk ? 200 : 503, {
        ok: storageOk,
        uptimeSeconds: Math.round((options.now() - options.startedAt) / 1000),
        documentsLoaded: stats.documentsLoaded,
        connections: stats.connections,
        storage: { ok: storageOk },
      });
    })
    .get('/metrics', async (c) => {
      const text = await options.metrics.registry.metrics();
      return c.body(text, 200, { 'content-type': options.metrics.registry.contentType, 'cache-control': 'no-store' });
    });
}
