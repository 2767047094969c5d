import { MAX_POLL_BACKOFF_MS, pollRetryDelayMs } from '../poll-backoff';

describe('pollRetryDelayMs', () => {
  it('doubles the interval at each failure in a row, up to 30 minutes', () => {
    expect([1, 2, 3, 4].map((n) => pollRetryDelayMs(n, 60_000))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(pollRetryDelayMs(12, 60_000)).toBe(MAX_POLL_BACKOFF_MS);
    expect(pollRetryDelayMs(500, 60_000)).toBe(MAX_POLL_BACKOFF_MS);
  });

  it('waits until the platform’s reset when it gave one, but never less than the interval', () => {
    expect(pollRetryDelayMs(1, 60_000, 900_000)).toBe(900_000);
    expect(pollRetryDelayMs(3, 60_000, 5_000)).toBe(60_000);
  });

  it('keeps the interval when the interval is longer than the cap', () => {
    expect(pollRetryDelayMs(3, 3600_000)).toBe(3600_000);
  });
});
