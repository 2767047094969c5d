import { PlatformError } from '../connector';
import { platformFetch, plainTextOr, retryAfterHeaderMs, type PlatformResponse } from '../platform-http';

export { parseJsonOrNull, plainTextOr, retryAfterHeaderMs } from '../platform-http';

export type MastodonResponse = PlatformResponse;

export interface MastodonRequest {
  method: 'GET' | 'POST';
  url: string;
  accessToken: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs: number;
  now: () => number;
}

/**
 * One call to a Mastodon instance: a 2xx answer, or a PlatformError saying what Guichet should do
 * (retry later, reconnect the account, or give up with the instance's own message).
 */
export function mastodonFetch(req: MastodonRequest): Promise<MastodonResponse> {
  return platformFetch(
    { ...req, token: req.accessToken, platformName: 'Instance Mastodon' },
    (status, headers, json, text) => mastodonError(status, headers, json, text, req.now()),
  );
}

/** Maps a non-2xx answer to a PlatformError; the message is Mastodon's `error` when it sent one. */
export function mastodonError(
  status: number,
  headers: Headers,
  json: unknown,
  text: string,
  now: number,
): PlatformError {
  const error = (json as { error?: unknown } | null)?.error;
  const message = typeof error === 'string' && error.trim() !== '' ? error : plainTextOr(text, status);
  const options = { httpStatus: status };
  if (status === 429) {
    return new PlatformError('rate_limited', message, {
      ...options,
      retryAfterMs: mastodonRetryAfterMs(headers, now),
    });
  }
  if (status >= 500 || status === 408) return new PlatformError('transient', message, options);
  // Doorkeeper says "The access token is invalid" (or "… was revoked", "… expired").
  if (status === 401 || (status === 403 && /access token/i.test(message))) {
    return new PlatformError('auth', message, options);
  }
  return new PlatformError('rejected', message, options);
}

/** Milliseconds until X-RateLimit-Reset (an ISO date), else Retry-After (seconds or HTTP date). */
export function mastodonRetryAfterMs(headers: Headers, now: number): number | undefined {
  const reset = Date.parse(headers.get('x-ratelimit-reset') ?? '');
  if (!Number.isNaN(reset)) return Math.max(0, reset - now);
  return retryAfterHeaderMs(headers.get('retry-after'), now);
}

/**
 * The `rel` targets of a Link header: `<https://…?max_id=1>; rel="next", <https://…?min_id=2>; rel="prev"`.
 */
export function parseLinkHeader(header: string | null): Map<string, string> {
  const links = new Map<string, string>();
  if (!header) return links;
  for (const m of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(m[2])?.[1];
    if (rel) for (const r of rel.trim().split(/\s+/)) links.set(r.toLowerCase(), m[1]);
  }
  return links;
}

/** A `min_id`/`max_id`/… query parameter of a Link target, or null when absent or unparseable. */
export function linkParam(url: string | undefined, name: string): string | null {
  if (!url) return null;
  try {
    return new URL(url, 'http://link.invalid').searchParams.get(name);
  } catch {
    return null;
  }
}
