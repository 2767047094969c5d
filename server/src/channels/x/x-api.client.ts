import { PlatformError } from '../connector';
import { platformFetch, plainTextOr, retryAfterHeaderMs, type PlatformResponse } from '../platform-http';

export type XResponse = PlatformResponse;

export interface XRequest {
  method: 'GET' | 'POST';
  url: string;
  /** App bearer token for reading, the town's user token for posting: both sent as Bearer. */
  token: string;
  body?: unknown;
  timeoutMs: number;
  now: () => number;
}

/** One call to the X API v2: a 2xx answer, or a PlatformError saying what Guichet should do. */
export function xFetch(req: XRequest): Promise<XResponse> {
  // X's 429 (and some proxies' errors) are plain text: platformFetch never assumes JSON.
  return platformFetch({ ...req, platformName: 'X' }, (status, headers, json, text) =>
    xError(status, headers, json, text, req.now()),
  );
}

/** Maps a non-2xx answer to a PlatformError carrying X's own `detail`/`title`. */
export function xError(
  status: number,
  headers: Headers,
  json: unknown,
  text: string,
  now: number,
): PlatformError {
  const message = xErrorMessage(json) ?? plainTextOr(text, status);
  const options = { httpStatus: status };
  if (status === 429) {
    return new PlatformError('rate_limited', message, {
      ...options,
      retryAfterMs: xRetryAfterMs(headers, now),
    });
  }
  if (status >= 500) return new PlatformError('transient', message, options);
  if (status === 401) return new PlatformError('auth', message, options);
  // 403 covers duplicate content and reply restrictions: this text will never be accepted as is.
  return new PlatformError('rejected', message, options);
}

/**
 * Milliseconds until the limit resets. The daily posting cap (`x-user-limit-24hour-*`) wins when it is
 * the one exhausted; then `x-rate-limit-reset` (epoch seconds); then Retry-After.
 */
export function xRetryAfterMs(headers: Headers, now: number): number | undefined {
  const epochSeconds = (name: string): number | null => {
    const v = headers.get(name)?.trim();
    return v && /^\d+$/.test(v) ? Number(v) * 1000 : null;
  };
  const daily = headers.get('x-user-limit-24hour-remaining')?.trim() === '0';
  const reset =
    (daily ? epochSeconds('x-user-limit-24hour-reset') : null) ?? epochSeconds('x-rate-limit-reset');
  if (reset !== null) return Math.max(0, reset - now);
  return retryAfterHeaderMs(headers.get('retry-after'), now);
}

/** `detail` (or `title`), plus the first entry of `errors` when it says more (400 Invalid Request). */
export function xErrorMessage(json: unknown): string | null {
  if (typeof json !== 'object' || json === null) return null;
  const body = json as { detail?: unknown; title?: unknown; errors?: unknown };
  const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const base = str(body.detail) ?? str(body.title);
  const first: unknown = Array.isArray(body.errors) ? body.errors[0] : null;
  const extra =
    typeof first === 'object' && first !== null
      ? (str((first as { message?: unknown }).message) ?? str((first as { detail?: unknown }).detail))
      : null;
  if (base && extra && extra !== base) return `${base} — ${extra}`;
  return base ?? extra;
}
