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
    this.refill(now);
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }

  /**
   * Spends `amount` even when there is not enough (the bucket goes into debt) and returns how many milliseconds it
   * takes to pay the debt back: 0 when there was enough. For work that is slowed down rather than refused.
   */
  spend(amount: number, now: number): number {
    this.refill(now);
    this.tokens -= amount;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.ratePerSecond) * 1000);
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed / 1000) * this.ratePerSecond);
  }
}
