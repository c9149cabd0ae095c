// Shopify's GraphQL Admin rate limit: a leaky bucket per app and store, restored continuously.
// Restore rates per plan are published (shopify.dev "GraphQL Admin API rate limits": Standard
// 100 points/s, Advanced 200, Plus 1,000, enterprise 2,000). Bucket sizes are what responses
// report: maximumAvailable 2,000 at restoreRate 100 on standard stores and 20,000 at 1,000 on
// Plus, i.e. 20 seconds of restore; Advanced and enterprise follow that ratio.

export interface RateLimit {
  maximumAvailable: number;
  restoreRate: number;
}

export const PLAN_RATE_LIMITS = {
  standard: { maximumAvailable: 2_000, restoreRate: 100 },
  advanced: { maximumAvailable: 4_000, restoreRate: 200 },
  plus: { maximumAvailable: 20_000, restoreRate: 1_000 },
  enterprise: { maximumAvailable: 40_000, restoreRate: 2_000 },
} as const satisfies Record<string, RateLimit>;

/** Shopify rejects any single query whose requested cost exceeds this, whatever the bucket holds. */
export const SINGLE_QUERY_MAX_COST = 1_000;

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class LeakyBucket {
  private available: number;
  private updatedAt: number;

  constructor(
    private limit: RateLimit,
    private readonly now: () => number,
  ) {
    this.available = limit.maximumAvailable;
    this.updatedAt = now();
  }

  /** Takes the requested cost if the bucket holds it; Shopify's check happens before execution. */
  tryTake(points: number): boolean {
    this.restore();
    if (points > this.available) return false;
    this.available -= points;
    return true;
  }

  /** Gives back what a query did not use (requested minus actual cost). */
  refund(points: number): void {
    this.restore();
    this.available = Math.min(this.limit.maximumAvailable, this.available + points);
  }

  setAvailable(points: number): void {
    this.restore();
    this.available = Math.max(0, Math.min(this.limit.maximumAvailable, points));
  }

  reconfigure(limit: RateLimit): void {
    this.restore();
    this.limit = limit;
    this.available = Math.min(this.available, limit.maximumAvailable);
  }

  status(): ThrottleStatus {
    this.restore();
    return {
      maximumAvailable: this.limit.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.limit.restoreRate,
    };
  }

  private restore(): void {
    const now = this.now();
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.available = Math.min(this.limit.maximumAvailable, this.available + elapsedSeconds * this.limit.restoreRate);
    this.updatedAt = now;
  }
}

/** The buckets of every shop, switchable as a whole so most tests can ignore rate limits. */
export class Throttle {
  private readonly buckets = new Map<string, LeakyBucket>();

  constructor(
    private limit: RateLimit,
    private enabled: boolean,
    private readonly now: () => number,
  ) {}

  get isEnabled(): boolean {
    return this.enabled;
  }

  enable(): void {
    this.enabled = true;
  }

  disable(): void {
    this.enabled = false;
  }

  configure(limit: Partial<RateLimit>): void {
    this.limit = { ...this.limit, ...limit };
    for (const bucket of this.buckets.values()) bucket.reconfigure(this.limit);
  }

  bucket(shop: string): LeakyBucket {
    let bucket = this.buckets.get(shop);
    if (!bucket) this.buckets.set(shop, (bucket = new LeakyBucket(this.limit, this.now)));
    return bucket;
  }

  /** What a response reports: the real bucket when throttling is on, a full one when it is off. */
  status(shop: string): ThrottleStatus {
    if (this.enabled) return this.bucket(shop).status();
    return { maximumAvailable: this.limit.maximumAvailable, currentlyAvailable: this.limit.maximumAvailable, restoreRate: this.limit.restoreRate };
  }
}
