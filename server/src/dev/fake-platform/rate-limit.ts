/** A fixed window of `limit` calls every `windowMs`. */
export interface RateLimitPolicy {
  limit: number;
  windowMs: number;
}

export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch milliseconds when the window starts again. */
  resetAt: number;
}

/**
 * Counts calls the way the platforms publish them: what remains in the current window, and when it
 * resets. Windows are per key (token and endpoint group), each group with its own policy.
 * `exhaust` empties every window on command, for a test that wants a 429 without making 300 calls.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; used: number }>();
  private blockedUntil = 0;

  constructor(
    private readonly policyFor: (group: string) => RateLimitPolicy,
    private readonly now: () => number,
  ) {}

  take(key: string, group: string): RateLimitState {
    const now = this.now();
    const policy = this.policyFor(group);
    if (now < this.blockedUntil) {
      return { allowed: false, limit: policy.limit, remaining: 0, resetAt: this.blockedUntil };
    }
    const id = `${group}:${key}`;
    let window = this.windows.get(id);
    if (!window || now >= window.start + policy.windowMs) {
      window = { start: now, used: 0 };
      this.windows.set(id, window);
    }
    const allowed = window.used < policy.limit;
    if (allowed) window.used++;
    return {
      allowed,
      limit: policy.limit,
      remaining: Math.max(0, policy.limit - window.used),
      resetAt: window.start + policy.windowMs,
    };
  }

  /** Every call is refused until `resetInMs` from now, then the windows start afresh. */
  exhaust(resetInMs: number): void {
    this.blockedUntil = this.now() + resetInMs;
    this.windows.clear();
  }

  reset(): void {
    this.windows.clear();
    this.blockedUntil = 0;
  }
}
