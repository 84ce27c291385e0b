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
  const buckets = [...text.matchAll(new RegExp(`^${PREFIX}_seconds_bucket\\{le="([^"]+)"\\} (\\S+)$`, 'gm'))].map((m) => ({
    le: m[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(m[1]),
    count: Number(m[2]),
  }));
  return { maxMs: max * 1000, windows: count, windowsOver1s: count - upTo1s, buckets };
}

export function loopBetween(before: LoopReading | null, after: LoopReading | null): ServerLoop | undefined {
  if (after === null) return undefined;
  const windows = after.windows - (before?.windows ?? 0);
  const countBefore = (le: number): number => before?.buckets.find((b) => b.le === le)?.count ?? 0;
  // the smallest bound under which every window of the phase fell
  const bound = after.buckets.find((b) => b.count - countBefore(b.le) >= windows)?.le ?? Number.POSITIVE_INFINITY;
  return {
    maxMs: after.maxMs,
    maxMsAtStart: before?.maxMs ?? Number.NaN,
    windows,
    windowsOver1s: after.windowsOver1s - (before?.windowsOver1s ?? 0),
    windowMaxAtMostMs: bound * 1000,
  };
}
