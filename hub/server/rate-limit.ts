/** Counts attempts per key in a sliding window (sign-in and enrolment per client address). */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly options: { max: number; windowMs: number; clock: () => number }) {}

  /** Milliseconds until an attempt would be allowed (0: now), without counting one. */
  wait(key: string): number {
    const since = this.options.clock() - this.options.windowMs;
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    return list.length >= this.options.max ? list[0]! + this.options.windowMs - this.options.clock() : 0;
  }

  /** Records an attempt; returns 0 when it is allowed, else the milliseconds until the next one would be. */
  hit(key: string): number {
    const now = this.options.clock();
    const since = now - this.options.windowMs;
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (list.length >= this.options.max) {
      this.hits.set(key, list);
      return list[0]! + this.options.windowMs - now;
    }
    list.push(now);
    this.hits.set(key, list);
    if (this.hits.size > 10_000) this.prune(since);
    return 0;
  }

  /** Takes back the newest attempt of `key`: it turned out to be one that should not count (a sign-in that succeeded). */
  refund(key: string): void {
    this.hits.get(key)?.pop();
  }

  private prune(since: number): void {
    for (const [key, list] of this.hits) if (list.every((t) => t <= since)) this.hits.delete(key);
  }
}
