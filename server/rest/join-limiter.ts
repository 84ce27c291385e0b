/**
 * Who may try an invite code now: two buckets, one per (client address, code prefix) and a looser one per address.
 * Keying by prefix too means a colleague's valid code behind the same NAT is not locked out by someone else's
 * wrong guesses, which almost always share the prefix of the code they are mistyping.
 */
import { normalizeInviteCode } from '../auth/invite-code';
import { createAttemptLimiter, DEFAULT_JOIN_LIMITS, DEFAULT_JOIN_PREFIX_LIMITS, type AttemptLimits } from './attempt-limiter';
import type { Result } from '../../shared/result';

/**
 * Characters of the normalised code that pick its bucket: 2 of 32 symbols make 1024 groups, so a colleague's code
 * shares a guesser's bucket once in a thousand, and one address can fill at most 1024 buckets.
 */
export const JOIN_PREFIX_LENGTH = 2;

export type JoinVerdict = Result<object, { retryAfterSeconds: number }>;

export interface JoinLimiter {
  /** Before the body is read: the per-address ceiling alone (refuses a flood without reading it). Spends one attempt. */
  admitAddress(address: string): JoinVerdict;
  /** Once the code is known: the bucket of this address and the code's prefix. Spends one attempt. */
  admitCode(address: string, typedCode: string): JoinVerdict;
}

export interface JoinLimits {
  perAddress?: AttemptLimits;
  perAddressAndPrefix?: AttemptLimits;
}

export function joinCodePrefix(typedCode: string): string {
  return normalizeInviteCode(typedCode).slice(0, JOIN_PREFIX_LENGTH);
}

export function createJoinLimiter(limits: JoinLimits = {}, now: () => number = Date.now): JoinLimiter {
  const perAddress = createAttemptLimiter(limits.perAddress ?? DEFAULT_JOIN_LIMITS, now);
  const perPrefix = createAttemptLimiter(limits.perAddressAndPrefix ?? DEFAULT_JOIN_PREFIX_LIMITS, now);
  return {
    admitAddress(address) {
      return perAddress.allow(address) ? { ok: true } : { ok: false, retryAfterSeconds: perAddress.retryAfterSeconds };
    },
    admitCode(address, typedCode) {
      // A space cannot occur in a normalised code or an address, so the key is unambiguous.
      const key = `${address} ${joinCodePrefix(typedCode)}`;
      return perPrefix.allow(key) ? { ok: true } : { ok: false, retryAfterSeconds: perPrefix.retryAfterSeconds };
    },
  };
}
