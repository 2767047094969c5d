import { PlatformError } from '../connector';
import { metaUsage } from './meta-usage';

interface GraphErrorBody {
  message?: unknown;
  type?: unknown;
  code?: unknown;
  error_subcode?: unknown;
}

/** Codes Meta uses for throttling (app, user, page, custom-rate levels). */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80001, 80002, 80006]);
/** Messaging outside the 24-hour window (Messenger 10/2018278, Send API 551, IG 2534022). */
const WINDOW_SUBCODES = new Set([2018278, 2018108, 2534022]);

/** Maps a Graph API error answer to what Guichet should do, keeping Meta's own message. */
export function metaPlatformError(status: number, body: unknown, headers: Headers): PlatformError {
  const error = (body as { error?: GraphErrorBody } | null)?.error;
  const message = typeof error?.message === 'string' ? error.message : `Meta a répondu HTTP ${status}`;
  const code = typeof error?.code === 'number' ? error.code : undefined;
  const subcode = typeof error?.error_subcode === 'number' ? error.error_subcode : undefined;
  const options = { httpStatus: status, code };
  if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) {
    return new PlatformError('rate_limited', message, { ...options, retryAfterMs: retryAfterMs(headers) });
  }
  if (status >= 500) return new PlatformError('transient', message, options);
  if (
    (subcode !== undefined && WINDOW_SUBCODES.has(subcode)) ||
    (status === 403 && error?.type === 'IGApiException')
  ) {
    return new PlatformError('window_closed', message, options);
  }
  if (code === 190 || code === 102 || status === 401) return new PlatformError('auth', message, options);
  return new PlatformError('rejected', message, options);
}

/** Meta sends no Retry-After; its usage headers give the minutes until access is regained. */
function retryAfterMs(headers: Headers): number {
  const retryAfter = Number(headers.get('retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return retryAfter * 1000;
  const { regainMs } = metaUsage(headers);
  // Without an estimate, Meta's windows are rolling hours: a few minutes lets usage decay.
  return regainMs > 0 ? regainMs : 5 * 60_000;
}
