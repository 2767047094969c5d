import { PlatformError, type ConnectorAccount } from '../connector';
import { platformFetch } from '../platform-http';
import { metaPlatformError } from './meta-errors';
import { metaUsage, type MetaUsage } from './meta-usage';

export interface MetaCredentials {
  /** Page access token (Facebook) or the Instagram account's token. */
  pageAccessToken: string;
}

/** Above this share of a rate limit a walk stops, before Meta starts refusing. */
const USAGE_CEILING = 95;

/** `data` of a Graph list answer (or of a nested edge), empty when absent. */
export function listOf(answer: unknown): unknown[] {
  const data = (answer as { data?: unknown } | null)?.data;
  return Array.isArray(data) ? (data as unknown[]) : [];
}

/**
 * Graph API calls for one account: the page token as Bearer, big numeric ids kept as strings, errors
 * mapped to PlatformError, and the usage headers of the latest answer remembered so a long walk can
 * stop before Meta throttles it.
 */
export class MetaGraphClient {
  usage: MetaUsage = { percent: 0, regainMs: 0 };

  constructor(
    private readonly account: ConnectorAccount<MetaCredentials>,
    private readonly timeoutMs: number,
  ) {}

  /** Whether the latest answer said the rate limit is nearly used up. */
  get nearLimit(): boolean {
    return this.usage.percent >= USAGE_CEILING || this.usage.regainMs > 0;
  }

  get(path: string): Promise<unknown> {
    return this.request('GET', this.url(path));
  }

  post(path: string, payload: object): Promise<unknown> {
    return this.request('POST', this.url(path), payload);
  }

  /**
   * The pages of a Graph list, following `paging.next` until it is absent. A `next` on another host
   * is not followed: the token would go with it. `stop` ends the walk early (items older than wanted).
   */
  async *pages(path: string, maxPages = 50): AsyncGenerator<unknown[]> {
    let next: string | null = this.url(path);
    const origin = new URL(this.account.baseUrl).origin;
    for (let page = 0; next && page < maxPages; page++) {
      const answer = await this.request('GET', next);
      yield listOf(answer);
      const link = (answer as { paging?: { next?: unknown } } | null)?.paging?.next;
      next = typeof link === 'string' && sameOrigin(link, origin) ? link : null;
    }
  }

  private url(path: string): string {
    return `${this.account.baseUrl.replace(/\/+$/, '')}/${path}`;
  }

  private async request(method: 'GET' | 'POST', url: string, payload?: object): Promise<unknown> {
    try {
      const res = await platformFetch(
        {
          method,
          url,
          token: this.account.credentials.pageAccessToken,
          body: payload,
          timeoutMs: this.timeoutMs,
          platformName: 'Meta',
        },
        (status, headers, json) => {
          this.usage = metaUsage(headers);
          return metaPlatformError(status, json, headers);
        },
      );
      this.usage = metaUsage(res.headers);
      return res.json ?? {};
    } catch (err) {
      if (err instanceof PlatformError) throw err;
      throw new PlatformError('transient', `Meta injoignable : ${(err as Error).message}`);
    }
  }
}

function sameOrigin(link: string, origin: string): boolean {
  try {
    return new URL(link).origin === origin;
  } catch {
    return false;
  }
}
