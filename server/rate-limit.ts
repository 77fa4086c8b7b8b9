// Token buckets keyed by participant (or address): a burst, then a steady rate.
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): boolean {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.perSecond);
    b.at = t;
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      return false;
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    // Forget full buckets now and then so the map does not grow with every phone that ever joined.
    if (this.buckets.size > 50_000) {
      for (const [k, x] of this.buckets) if (x.tokens >= this.burst - 1) this.buckets.delete(k);
    }
    return true;
  }
}
