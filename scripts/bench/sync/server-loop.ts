/**
 * The server's own event-loop delay, from its /metrics (server/sync/event-loop-monitor.ts): the highest since it
 * started listening and the per-second windows' histogram. Read before and after a phase, it tells a stall of the
 * server (its loop was late) from a /health that waited on a machine busy with other processes (its loop was not).
 */

export interface LoopReading {
  /** Highest delay since the server started listening, ms. */
  maxMs: number;
  /** 1-second windows observed so far, and those whose highest delay was above 1 s. */
  windows: number;
  windowsOver1s: number;
  /** Windows whose highest delay was at most `le` seconds, by bucket bound. */
  buckets: Array<{ le: number; count: number }>;
  /** The server's own time for plain HTTP requests (/health, /metrics): requests by bucket bound, and all. */
  http: { buckets: Array<{ le: number; count: number }>; count: number };
}

export interface ServerLoop {
  /** Highest event-loop delay of the server by the end of the phase (since it started), ms. */
  maxMs: number;
  /** The same at the phase's start: when maxMs equals it, the phase's own highest was at most this. */
  maxMsAtStart: number;
  /** 1-second windows of the phase whose highest delay was above 1 s, of all its windows. */
  windowsOver1s: number;
  windows: number;
  /** Every window of the phase had its highest delay at or below this many ms (a histogram bucket bound; Infinity above the last). */
  windowMaxAtMostMs: number;
  /** Every HTTP request of the phase (mostly the probe's /health) spent at most this long in the server, ms (a bucket bound). */
  httpMaxAtMostMs: number;
  /** HTTP requests of the phase that spent more than 1 s in the server, of all. */
  httpOver1s: number;
  httpRequests: number;
}

const PREFIX = 'guatu_sync_event_loop_delay';

/** Null when the server has no such metrics (the official server) or did not answer. */
export async function readLoop(port: number): Promise<LoopReading | null> {
  let text: string;
  try {
    text = await (
      await fetch(`http://127.0.0.1:${port}/metrics`, {
        signal: AbortSignal.timeout(60_000),
      })
    ).text();
  } catch {
    return null;
  }
  const value = (pattern: RegExp): number | null => {
    const match = pattern.exec(text);
    return match?.[1] === undefined ? null : Number(match[1]);
  };
  const max = value(new RegExp(`^${PREFIX}_max_seconds (\\S+)$`, 'm'));
  const count = value(new RegExp(`^${PREFIX}_seconds_count (\\S+)$`, 'm'));
  const upTo1s = value(new RegExp(`^${PREFIX}_seconds_bucket\\{le="1"\\} (\\S+)$`, 'm'));
  if (max === null || count === null || upTo1s === null) return null;
  const bucketsOf = (name: string) =>
    [...text.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\S+)$`, 'gm'))].map((m) => ({
      le: m[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(m[1]),
      count: Number(m[2]),
    }));
  const http = { buckets: bucketsOf('guatu_sync_http_seconds'), count: value(/^guatu_sync_http_seconds_count (\S+)$/m) ?? 0 };
  return { maxMs: max * 1000, windows: count, windowsOver1s: count - upTo1s, buckets: bucketsOf(`${PREFIX}_seconds`), http };
}

export function loopBetween(before: LoopReading | null, after: LoopReading | null): ServerLoop | undefined {
  if (after === null) return undefined;
  const windows = after.windows - (before?.windows ?? 0);
  // the smallest bound under which every observation of the phase fell
  const boundOf = (now: LoopReading['buckets'], then: LoopReading['buckets'] | undefined, total: number): number =>
    now.find((b) => b.count - (then?.find((t) => t.le === b.le)?.count ?? 0) >= total)?.le ?? Number.POSITIVE_INFINITY;
  const bound = boundOf(after.buckets, before?.buckets, windows);
  const httpRequests = after.http.count - (before?.http.count ?? 0);
  const httpUpTo1s = (r: LoopReading | null): number => r?.http.buckets.find((b) => b.le === 1)?.count ?? 0;
  return {
    httpMaxAtMostMs: boundOf(after.http.buckets, before?.http.buckets, httpRequests) * 1000,
    httpOver1s: httpRequests - (httpUpTo1s(after) - httpUpTo1s(before)),
    httpRequests,
    maxMs: after.maxMs,
    maxMsAtStart: before?.maxMs ?? Number.NaN,
    windows,
    windowsOver1s: after.windowsOver1s - (before?.windowsOver1s ?? 0),
    windowMaxAtMostMs: bound * 1000,
  };
}
