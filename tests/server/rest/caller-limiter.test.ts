import { describe, expect, it } from 'vitest';
import { createCallerLimiter } from '../../../server/rest/caller-limiter';

describe('per-caller limits on a costly route', () => {
  it('admits at most `inFlight` requests of one caller at once, others independently', () => {
    const limiter = createCallerLimiter({ inFlight: 2, perMinute: 600, burst: 100 }, () => 0);
    const first = limiter.admit('wall');
    const second = limiter.admit('wall');
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(limiter.admit('wall')).toEqual({ ok: false, reason: 'busy', retryAfterSeconds: 1 });
    expect(limiter.admit('m-li').ok).toBe(true);
    if (first.ok) {
      first.done();
      first.done(); // ending twice frees one place, not two
    }
    expect(limiter.admit('wall').ok).toBe(true);
    expect(limiter.admit('wall').ok).toBe(false);
  });

  it('spends a per-minute budget that refills with the clock; a busy refusal spends none', () => {
    let now = 0;
    const limiter = createCallerLimiter({ inFlight: 1, perMinute: 6, burst: 2 }, () => now);
    const a = limiter.admit('wall');
    expect(limiter.admit('wall')).toMatchObject({ reason: 'busy' });
    if (a.ok) a.done();
    const b = limiter.admit('wall');
    if (b.ok) b.done();
    expect(limiter.admit('wall')).toEqual({ ok: false, reason: 'budget', retryAfterSeconds: 10 });
    now += 10_000;
    expect(limiter.admit('wall').ok).toBe(true);
  });
});
