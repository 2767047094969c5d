/** The longest pause between two polls of a failing account. */
export const MAX_POLL_BACKOFF_MS = 30 * 60_000;

/**
 * How long to wait before polling an account again after `failures` failed polls in a row: the
 * platform's own reset time when it gave one (a 429's rate-limit headers), otherwise the polling
 * interval doubled at each failure, up to 30 minutes. Never less than the interval.
 */
export function pollRetryDelayMs(failures: number, intervalMs: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.max(intervalMs, retryAfterMs);
  const doubled = intervalMs * 2 ** Math.min(Math.max(0, failures - 1), 20);
  return Math.max(intervalMs, Math.min(doubled, MAX_POLL_BACKOFF_MS));
}
