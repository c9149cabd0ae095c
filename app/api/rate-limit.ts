// The per-key rate limit: a token bucket per API key, in this process's memory. Each key gets
// `perSecond` requests a second on average and bursts of up to `burst`; one process is one
// bucket, so N processes behind a load balancer allow N times as much (stated in the README).

export interface RateLimit {
  perSecond: number;
  burst: number;
}

export type Admission = { admitted: true } | { admitted: false; retryAfterSeconds: number };

/** API_RATE_LIMIT (requests per second per key) or 100; the burst is twice the rate. */
export function rateLimitFromEnv(env: Record<string, string | undefined> = process.env): RateLimit {
  const configured = Number(env.API_RATE_LIMIT);
  const perSecond = Number.isFinite(configured) && configured > 0 ? configured : 100;
  return { perSecond, burst: Math.max(1, Math.ceil(perSecond * 2)) };
}

export class TokenBuckets {
  private readonly buckets = new Map<number, { tokens: number; at: number }>();

  /** Takes one token of the key's bucket, or says how long until one is there. */
  take(keyId: number, nowMs: number, limit: RateLimit): Admission {
    const bucket = this.buckets.get(keyId) ?? { tokens: limit.burst, at: nowMs };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((nowMs - bucket.at) / 1000) * limit.perSecond);
    bucket.at = nowMs;
    this.buckets.set(keyId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { admitted: true };
    }
    return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond)) };
  }
}
