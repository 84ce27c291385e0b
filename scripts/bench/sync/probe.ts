/**
 * What an operator sees while a scenario runs: GET /health started every 100 ms on a fresh TCP connection (a
 * request still waiting counts with the time it has waited so far), and the server's RSS from /proc.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { rssOf } from './guatu-process';
import { quantileSorted } from './stats';

export interface ProbeSummary {
  samples: number;
  /** Requests that failed outright (refused, reset). */
  failed: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Requests that took longer than 1 s. */
  over1s: number;
  /** Highest VmRSS of the server seen (NaN when not sampled). */
  peakRssBytes: number;
  /**
   * The probing process's own highest event-loop delay: a slow /health with this small was waiting on the server
   * (or the machine), not on the probe.
   */
  probeLoopMaxMs: number;
  /**
   * The longest a request waited for its TCP connection alone (connect): time in the server's listen backlog, or
   * handshakes the kernel dropped and the client retried (1 s, 3 s, 7 s…) — not the server's code.
   */
  connectMaxMs: number;
  /**
   * The most connections seen waiting in the listening socket's accept queue (Linux /proc/net/tcp, NaN elsewhere):
   * handshakes the kernel finished that the server had not yet accepted. A client counts as connected from the
   * handshake on, so this wait shows in /health but not in the probe's connect time nor in the server's own HTTP time.
   */
  acceptQueueMax: number;
}

/** The accept queue of the socket listening on `port` (rx_queue of its LISTEN line in /proc/net/tcp), or NaN. */
function acceptQueue(port: number): number {
  try {
    const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
    for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n')) {
      const f = line.trim().split(/\s+/);
      if (f[3] === '0A' && f[1]?.endsWith(`:${hexPort}`)) return Number.parseInt(f[4]?.split(':')[1] ?? '', 16);
    }
    return Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export interface Probe {
  stop(): Promise<ProbeSummary>;
}

const HEALTH_TIMEOUT_MS = 180_000;

function healthOnce(port: number, onConnect: (ms: number) => void): Promise<{ ms: number; ok: boolean }> {
  const start = performance.now();
  return new Promise((done) => {
    const req = request({ host: '127.0.0.1', port, path: '/health', agent: false, timeout: HEALTH_TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => done({ ms: performance.now() - start, ok: (res.statusCode ?? 0) < 500 }));
    });
    req.on('socket', (socket) => socket.once('connect', () => onConnect(performance.now() - start)));
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => done({ ms: performance.now() - start, ok: false }));
    req.end();
  });
}

/** Starts probing `port` (and the RSS of `pid`, when given) every `everyMs`. */
export function startProbe(port: number, pid: number | null, everyMs = 100): Probe {
  const latencies: number[] = [];
  const inFlight = new Set<number>();
  let failed = 0;
  let peakRss = pid === null ? Number.NaN : rssOf(pid);
  let connectMax = 0;
  let acceptQueueMax = Number.NaN;
  const ownLoop = monitorEventLoopDelay({ resolution: 10 });
  ownLoop.enable();
  const timer = setInterval(() => {
    if (pid !== null) {
      const rss = rssOf(pid);
      if (Number.isFinite(rss) && !(rss <= peakRss)) peakRss = rss;
    }
    const queued = acceptQueue(port);
    if (Number.isFinite(queued) && !(queued <= acceptQueueMax)) acceptQueueMax = queued;
    const startedAt = performance.now();
    inFlight.add(startedAt);
    void healthOnce(port, (ms) => {
      connectMax = Math.max(connectMax, ms);
    }).then(({ ms, ok }) => {
      if (!inFlight.delete(startedAt)) return;
      latencies.push(ms);
      if (!ok) failed++;
    });
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      ownLoop.disable();
      // requests still waiting count with the time they have waited
      const now = performance.now();
      for (const startedAt of inFlight) latencies.push(now - startedAt);
      inFlight.clear();
      const sorted = [...latencies].sort((a, b) => a - b);
      return {
        samples: sorted.length,
        failed,
        p50Ms: quantileSorted(sorted, 0.5),
        p95Ms: quantileSorted(sorted, 0.95),
        maxMs: sorted.at(-1) ?? Number.NaN,
        over1s: sorted.filter((ms) => ms > 1000).length,
        peakRssBytes: peakRss,
        probeLoopMaxMs: ownLoop.max / 1e6,
        connectMaxMs: connectMax,
        acceptQueueMax,
      };
    },
  };
}
