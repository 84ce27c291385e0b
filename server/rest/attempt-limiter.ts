import { TokenBucket } from '../sync/token-bucket';

/**
 * Limits how often one address may try something (here: exchanging invite codes), so codes cannot be guessed by
 * brute force. Memory is bounded: the least recently seen addresses are forgotten first.
 */
export interface AttemptLimiter {
  /** True when `address` may try now; spends one attempt. */
  allow(address: string): boolean;
  /** Seconds until the next attempt is allowed (for Retry-After). */
  readonly retryAfterSeconds: number;
}

export interface AttemptLimits {
  perMinute: number;
  burst: number;
  maxAddresses?: number;
}

export const DEFAULT_JOIN_LIMITS: AttemptLimits = { perMinute: 10, burst: 20, maxAddresses: 10_000 };

export function createAttemptLimiter(limits: AttemptLimits, now: () => number = Date.now): AttemptLimiter {
  const buckets = new Map<string, TokenBucket>();
  const maxAddresses = limits.maxAddresses ?? 10_000;
  return {
    retryAfterSeconds: Math.ceil(60 / limits.perMinute),
    allow(address) {
      let bucket = buckets.get(address);
      if (bucket) buckets.delete(address); // re-inserted below: Map order is recency
      else bucket = new TokenBucket(limits.perMinute / 60, limits.burst, now());
      buckets.set(address, bucket);
      if (buckets.size > maxAddresses) buckets.delete(buckets.keys().next().value as string);
      return bucket.take(1, now());
    },
  };
}
