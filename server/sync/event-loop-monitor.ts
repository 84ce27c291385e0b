import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { SyncMetrics } from '../metrics';

/** How often the window sampler ticks, and how long one window of the histogram is. */
const TICK_MS = 100;
const WINDOW_MS = 1000;

/**
 * Measures this process's event-loop delay into the metrics: the highest since start from
 * perf_hooks.monitorEventLoopDelay (10 ms resolution; a gauge), and the highest of each 1-second window (a histogram),
 * from how late a 100 ms tick fires. Returns stop().
 *
 * The windows do not come from resetting a perf_hooks histogram: a reset forgets when the last sample was taken, so
 * a stall right after it is never recorded. A slow GET /health with a quiet loop here means the machine was busy with
 * other processes; a stall here is this server's own synchronous work.
 */
export function monitorEventLoop(metrics: Pick<SyncMetrics, 'eventLoopDelayMax' | 'eventLoopDelay'>): () => void {
  const sinceStart = monitorEventLoopDelay({ resolution: 10 });
  sinceStart.enable();
  const maxSeconds = (): number => (Number.isFinite(sinceStart.max) ? sinceStart.max / 1e9 : 0);
  let last = performance.now();
  let windowStart = last;
  let windowMax = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    windowMax = Math.max(windowMax, now - last - TICK_MS);
    last = now;
    if (now - windowStart < WINDOW_MS) return;
    metrics.eventLoopDelay.observe(Math.max(0, windowMax) / 1000);
    metrics.eventLoopDelayMax.set(maxSeconds());
    windowMax = 0;
    windowStart = now;
  }, TICK_MS);
  tick.unref();
  metrics.eventLoopDelayMax.set(0);
  return () => {
    clearInterval(tick);
    metrics.eventLoopDelayMax.set(maxSeconds());
    sinceStart.disable();
  };
}
