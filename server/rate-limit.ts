// Token buckets keyed by participant (or address): a burst, then a steady rate.
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep = 0;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
    /** Above this many keys, buckets that have refilled completely are forgotten (at most once a second). */
    private readonly sweepAbove = 50_000,
  ) {}

  private refilled(b: { tokens: number; at: number }, t: number): number {
    // The small epsilon keeps ten refills of 0.1 s at 1/s from summing to just under one token.
    return Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.perSecond + 1e-9);
  }

  take(key: string): boolean {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    b.tokens = this.refilled(b, t);
    b.at = t;
    this.buckets.set(key, b);
    if (this.buckets.size > this.sweepAbove && t - this.lastSweep >= 1000) this.sweep(t);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Whether `take` would grant a token now, without taking it: a brake checked before the work it guards. */
  ready(key: string): boolean {
    const b = this.buckets.get(key);
    return b === undefined || this.refilled(b, this.now()) >= 1;
  }

  /** Whether the key has its whole burst: it has taken nothing lately. */
  full(key: string): boolean {
    const b = this.buckets.get(key);
    return b === undefined || this.refilled(b, this.now()) >= this.burst;
  }

  /** Seconds until `take` would grant a token (0 when it would now). */
  waitSeconds(key: string): number {
    const b = this.buckets.get(key);
    if (b === undefined) return 0;
    const missing = 1 - this.refilled(b, this.now());
    return missing <= 0 ? 0 : Math.ceil(missing / this.perSecond);
  }

  /** Forget full buckets: a key that comes back gets a full bucket anyway, so nothing is given away. */
  private sweep(t: number): void {
    this.lastSweep = t;
    for (const [k, x] of this.buckets) if (this.refilled(x, t) >= this.burst) this.buckets.delete(k);
  }

  get size(): number {
    return this.buckets.size;
  }
}
