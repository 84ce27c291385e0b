import { TokenBucket } from '../sync/token-bucket';

/**
 * Limits how often one key (an address, an address and code prefix, a member) may try something, so invite codes
 * cannot be guessed by brute force and one caller cannot hog a costly route. Memory is bounded: the least recently
 * seen keys are forgotten first.
 */
export interface AttemptLimiter {
  /** True when `key` may try now; spends one attempt. */
  allow(key: string): boolean;
  /** Seconds until the next attempt is allowed (for Retry-After). */
  readonly retryAfterSeconds: number;
}

export interface AttemptLimits {
  perMinute: number;
  burst: number;
  /** Keys remembered at most (least recently seen forgotten first). */
  maxKeys?: number;
}

/**
 * Invite-code attempts per address, whatever the code: the ceiling that stops one address from guessing across
 * every prefix. Loose (60 a minute, 120 at once) because a whole office behind one NAT shares it; at that rate a
 * random 40-bit guess finds one of a thousand open codes about once in 35 years.
 */
export const DEFAULT_JOIN_LIMITS: AttemptLimits = { perMinute: 60, burst: 120, maxKeys: 10_000 };

/**
 * Invite-code attempts per address and code prefix: a person retyping a mistyped code keeps its first characters,
 * so their wrong guesses use up this bucket, not the one a colleague's code falls in (10 a minute, 20 at once: the
 * old per-address limit).
 */
export const DEFAULT_JOIN_PREFIX_LIMITS: AttemptLimits = { perMinute: 10, burst: 20, maxKeys: 50_000 };

export function createAttemptLimiter(limits: AttemptLimits, now: () => number = Date.now): AttemptLimiter {
  const buckets = new Map<string, TokenBucket>();
  const maxKeys = limits.maxKeys ?? 10_000;
  return {
    retryAfterSeconds: Math.ceil(60 / limits.perMinute),
    allow(key) {
      let bucket = buckets.get(key);
      if (bucket)
        buckets.delete(key); // re-inserted below: Map order is recency
      else bucket = new TokenBucket(limits.perMinute / 60, limits.burst, now());
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
      return bucket.take(1, now());
    },
  };
}
