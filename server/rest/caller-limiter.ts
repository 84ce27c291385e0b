/**
 * Limits one caller (a member, whatever device or token they use) on a costly route: at most `inFlight` requests
 * at once and a per-minute budget, so one dishonest member or a runaway wall display cannot take the server's time
 * from everyone else.
 */
import { createAttemptLimiter } from './attempt-limiter';
import type { Result } from '../../shared/result';

export interface CallerLimits {
  /** Requests of one caller under way at once. */
  inFlight: number;
  perMinute: number;
  burst: number;
  /** Callers whose budget is remembered at most (least recently seen forgotten first). */
  maxCallers?: number;
}

/**
 * The board pages a project's history one request after another (up to 20 pages per drill-down), so 2 at once and
 * 40 at once in the budget let two drill-downs run back to back; 120 a minute refills one in ten seconds.
 */
export const DEFAULT_HISTORY_CALLER_LIMITS: CallerLimits = { inFlight: 2, perMinute: 120, burst: 40, maxCallers: 10_000 };

/**
 * The latest digest changes once a day: a wall display asks every few minutes, a board once per export or print
 * page; 30 a minute with 10 at once in the budget leaves room for a dozen exports in a row.
 */
export const DEFAULT_ANCHOR_CALLER_LIMITS: CallerLimits = { inFlight: 2, perMinute: 30, burst: 10, maxCallers: 10_000 };

export type Admission = Result<{ done: () => void }, { reason: 'busy' | 'budget'; retryAfterSeconds: number }>;

export interface CallerLimiter {
  /** Admits one request of `caller`, who must call `done` when it ends (answered or failed). */
  admit(caller: string): Admission;
}

export function createCallerLimiter(limits: CallerLimits, now: () => number = Date.now): CallerLimiter {
  const budget = createAttemptLimiter({ perMinute: limits.perMinute, burst: limits.burst, maxKeys: limits.maxCallers }, now);
  const inFlight = new Map<string, number>();
  return {
    admit(caller) {
      const running = inFlight.get(caller) ?? 0;
      // A busy caller is refused before spending budget: the request did no work.
      if (running >= limits.inFlight) return { ok: false, reason: 'busy', retryAfterSeconds: 1 };
      if (!budget.allow(caller)) return { ok: false, reason: 'budget', retryAfterSeconds: budget.retryAfterSeconds };
      inFlight.set(caller, running + 1);
      let ended = false;
      return {
        ok: true,
        done() {
          if (ended) return;
          ended = true;
          const left = (inFlight.get(caller) ?? 1) - 1;
          if (left > 0) inFlight.set(caller, left);
          else inFlight.delete(caller);
        },
      };
    },
  };
}
