import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../../server/metrics';
import { monitorEventLoop } from '../../../server/sync/event-loop-monitor';
import { metricValue, trackedServers } from './harness';

/** Observations above `le` seconds in a histogram of the registry. */
async function above(metrics: ReturnType<typeof createMetrics>, name: string, le: number): Promise<number> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const values = (metric?.values ?? []) as Array<{
    value: number;
    labels: Record<string, string | number>;
    metricName?: string;
  }>;
  const count = values.find((v) => v.metricName === `${name}_count`)?.value ?? 0;
  const upTo = values.find((v) => v.metricName === `${name}_bucket` && v.labels.le === le)?.value ?? 0;
  return count - upTo;
}

describe('the server measures its own event loop', () => {
  it('a synchronous stall of over a second shows as the highest delay and as one window above 1 s', async () => {
    const metrics = createMetrics();
    const stop = monitorEventLoop(metrics);
    try {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const start = performance.now();
      while (performance.now() - start < 1_200) {
        // the server's own synchronous work, holding the loop
      }
      await expect.poll(() => above(metrics, 'guatu_sync_event_loop_delay_seconds', 1), { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
      expect(await metricValue(metrics, 'guatu_sync_event_loop_delay_max_seconds')).toBeGreaterThanOrEqual(1.1);
    } finally {
      stop();
    }
  });
});

describe('the server times plain HTTP requests', () => {
  const tracked = trackedServers(afterEach);

  it('from accepting the connection to the end of the response', async () => {
    const { port, metrics } = await tracked.server();
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    expect(response.status).toBe(404); // the bare sync server has no REST handler
    await response.text();
    const count = async (): Promise<number> => {
      const json = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === 'guatu_sync_http_seconds');
      const values = (json?.values ?? []) as Array<{ value: number; metricName?: string }>;
      return values.find((v) => v.metricName === 'guatu_sync_http_seconds_count')?.value ?? 0;
    };
    await expect.poll(count).toBe(1);
  });
});
