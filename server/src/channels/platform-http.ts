import { PlatformError } from './connector';
import { parseJsonKeepingBigIds } from './parse-json-ids';

export interface PlatformResponse {
  status: number;
  headers: Headers;
  /** The parsed body (big numeric ids kept as strings); null when empty or not JSON. */
  json: unknown;
}

export interface PlatformRequest {
  method: 'GET' | 'POST';
  url: string;
  /** Sent as `Authorization: Bearer`. */
  token: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Who could not be reached, for the agent: "Instance Mastodon", "X"… */
  platformName: string;
}

/** How a platform's non-2xx answer maps to what Guichet should do. */
export type PlatformErrorMapper = (
  status: number,
  headers: Headers,
  json: unknown,
  text: string,
) => PlatformError;

/**
 * One call to a platform API: a 2xx answer, or a PlatformError (network failures and timeouts are
 * `transient`; other answers go through the platform's own mapper). Bodies may be plain text (X's 429).
 */
export async function platformFetch(
  req: PlatformRequest,
  toError: PlatformErrorMapper,
): Promise<PlatformResponse> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers: {
        authorization: `Bearer ${req.token}`,
        accept: 'application/json',
        ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...req.headers,
      },
      body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    text = await res.text();
  } catch (err) {
    const reason = (err as Error).name === 'TimeoutError' ? 'délai dépassé' : (err as Error).message;
    throw new PlatformError('transient', `${req.platformName} injoignable : ${reason}`);
  }
  const json = parseJsonOrNull(text);
  if (res.ok) return { status: res.status, headers: res.headers, json };
  throw toError(res.status, res.headers, json, text);
}

export function parseJsonOrNull(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return parseJsonKeepingBigIds(text);
  } catch {
    return null;
  }
}

/** A short plain-text body (`Too Many Requests`) is the platform's message; HTML error pages are not. */
export function plainTextOr(text: string, status: number): string {
  const t = text.trim();
  return t !== '' && t.length <= 200 && !t.startsWith('<') && !t.startsWith('{') ? t : `HTTP ${status}`;
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from `now`. */
export function retryAfterHeaderMs(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
