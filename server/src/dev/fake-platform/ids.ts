/**
 * Increasing numeric ids shaped like the platforms' (Mastodon and X snowflakes exceed 2^53, so
 * clients must keep them as strings): milliseconds since an epoch shifted left, plus a sequence.
 */
export class SnowflakeIds {
  private last = 0n;

  constructor(
    private readonly epochMs: number,
    private readonly shift: bigint,
    private readonly now: () => number,
  ) {}

  next(at: number = this.now()): string {
    let id = (BigInt(Math.max(0, Math.floor(at) - this.epochMs)) << this.shift) | 1n;
    // Items created "in the past" (the demo's history) still get ids above every earlier one.
    if (id <= this.last) id = this.last + 1n;
    this.last = id;
    return id.toString();
  }

  reset(): void {
    this.last = 0n;
  }
}

/** Orders decimal id strings without Number (they exceed 2^53). */
export const compareIds = (a: string, b: string): number =>
  a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;

/** Paging tokens the clients must treat as opaque: an offset, not readable as one. */
export const pageToken = (offset: number): string => Buffer.from(`o:${offset}`).toString('base64url');

export function offsetOf(token: string | null): number | null {
  if (!token) return 0;
  const decoded = /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return decoded ? Number(decoded[1]) : null;
}
