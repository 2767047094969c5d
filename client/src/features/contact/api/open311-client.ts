/** The town's Open311 GeoReport v2 API, as the public contact form reads and posts it (no session). */

/** A refusal of the Open311 API: its status and the GeoReport descriptions, one per problem. */
export class Open311RequestError extends Error {
  constructor(
    readonly status: number,
    readonly descriptions: string[],
  ) {
    super(descriptions.join(' ; '));
    this.name = 'Open311RequestError';
  }
}

export function isOpen311RequestError(error: unknown): error is Open311RequestError {
  return error instanceof Open311RequestError;
}

export async function open311Request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`/open311${path}`, {
    ...init,
    headers: { Accept: 'application/json', ...init.headers },
    credentials: 'omit',
  });
  if (!response.ok) throw new Open311RequestError(response.status, await readDescriptions(response));
  return (await response.json()) as T;
}

/** GeoReport errors are `[{ code, description }]`; a proxy's page or a body-parser error is not. */
async function readDescriptions(response: Response): Promise<string[]> {
  try {
    const body = (await response.json()) as unknown;
    if (Array.isArray(body)) {
      const found = body
        .map((e) => (e as { description?: unknown } | null)?.description)
        .filter((d): d is string => typeof d === 'string' && d !== '');
      if (found.length > 0) return found;
    }
    const message = (body as { message?: unknown } | null)?.message;
    if (typeof message === 'string' && message !== '') return [message];
  } catch {
    // Not JSON: keep the status line.
  }
  return [response.statusText || `HTTP ${response.status}`];
}

/** A 4xx answers the same on retry (a disabled form is a 404); network errors and 5xx are retried. */
export function retryOpen311(failureCount: number, error: unknown): boolean {
  return !(isOpen311RequestError(error) && error.status < 500) && failureCount < 2;
}
