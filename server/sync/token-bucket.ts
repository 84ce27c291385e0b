/**
 * A token bucket: `ratePerSecond` tokens refill continuously up to `capacity`.
 * `take(n)` spends n tokens and says whether there were enough; the clock is injected so tests need no real time.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  take(amount: number, now: number): boolean {
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed / 1000) * this.ratePerSecond);
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }
}
