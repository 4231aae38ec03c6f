/**
 * Token buckets by key (a device or an IP address): `ratePerSecond` tokens come back each second, up
 * to `burst`. The map holds at most `maxKeys` buckets; the least recently used one is dropped first,
 * so a flood of new keys cannot grow memory (a dropped bucket simply starts full again).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly maxKeys = 10_000
  ) {}

  /** Takes one token for `key`; false when its bucket is empty (the request should get a 429). */
  take(key: string, now = Date.now()): boolean {
    const bucket = this.buckets.get(key)
    let tokens = this.burst
    if (bucket) {
      tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.ratePerSecond)
      this.buckets.delete(key) // re-inserted below, so the Map's order stays least recently used first
    } else if (this.buckets.size >= this.maxKeys) {
      const oldest = this.buckets.keys().next().value
      if (oldest !== undefined) this.buckets.delete(oldest)
    }
    const allowed = tokens >= 1
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now })
    return allowed
  }

  /** Whether `key` has a token left, without taking it (to refuse before doing the work). */
  has(key: string, now = Date.now()): boolean {
    const bucket = this.buckets.get(key)
    return !bucket || bucket.tokens + ((now - bucket.at) / 1000) * this.ratePerSecond >= 1
  }

  get size(): number {
    return this.buckets.size
  }
}
