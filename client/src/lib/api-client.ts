import type { ApiError } from '@guichet/shared';

/** An HTTP answer outside 2xx, carrying the server's `ApiError` body (or one built from the status). */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly body: ApiError;

  constructor(body: ApiError) {
    super(body.message);
    this.name = 'ApiRequestError';
    this.status = body.statusCode;
    this.body = body;
  }
}

export function isApiRequestError(error: unknown, status?: number): error is ApiRequestError {
  return error instanceof ApiRequestError && (status === undefined || error.status === status);
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called whenever an API call answers 401 (the session expired or was revoked). Returns an unsubscribe function. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

export interface ApiRequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
  /** A 401 is an expected answer (login form, session probe): do not broadcast it as an expired session. */
  expectUnauthorized?: boolean;
}

export async function apiRequest<T>(path: string, options: ApiRequestOptions = {}): Promise<T> {
  const { method = 'GET', body, query, signal, expectUnauthorized = false } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  const response = await fetch(`/api${path}${toQueryString(query)}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    signal,
  });

  if (!response.ok) {
    const error = new ApiRequestError(await readApiError(response));
    if (response.status === 401 && !expectUnauthorized) {
      unauthorizedListeners.forEach((listener) => listener());
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

function toQueryString(query: ApiRequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function readApiError(response: Response): Promise<ApiError> {
  const fallback: ApiError = {
    statusCode: response.status,
    error: response.statusText || 'Error',
    message: response.statusText || `HTTP ${response.status}`,
  };
  try {
    const body = (await response.json()) as Partial<ApiError> | null;
    if (body && typeof body.message === 'string') {
      return {
        statusCode: typeof body.statusCode === 'number' ? body.statusCode : response.status,
        error: typeof body.error === 'string' ? body.error : fallback.error,
        message: body.message,
        details: Array.isArray(body.details) ? body.details : undefined,
      };
    }
  } catch {
    // Not JSON (a proxy error page, an empty body): keep the status-based message.
  }
  return fallback;
}
