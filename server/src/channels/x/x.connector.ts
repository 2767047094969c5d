import { REPLY_MAX_LENGTH } from '@guichet/shared';
import type { ChannelConnector, ConnectorAccount, FetchResult, ReplyTarget } from '../connector';
import { PlatformError } from '../connector';
import type { InboundMessage } from '../inbound-event';
import { compareNumericIds, maxNumericId } from '../mastodon/compare-numeric-ids';
import { xFetch, xRetryAfterMs, type XResponse } from './x-api.client';
import { normalizeXMentionsPage } from './x-mentions.normalizer';

export interface XCredentials {
  /** App-only bearer token: reads the mentions timeline. */
  bearerToken: string;
  /** The town's OAuth 2.0 user access token: posts replies. */
  userAccessToken: string;
}

export interface XConnectorOptions {
  /** Per request; 15 s by default. */
  timeoutMs?: number;
  /** A guard against a pagination that never ends; X serves at most 800 mentions, 8 pages. */
  maxPages?: number;
  now?: () => number;
}

const TWEET_FIELDS = [
  'created_at',
  'author_id',
  'conversation_id',
  'in_reply_to_user_id',
  'referenced_tweets',
  // Mentions carry user ids: the only way to recognise the town's own @name in the text.
  'entities',
  // Posts longer than 280 characters are truncated in `text`.
  'note_tweet',
].join(',');

/**
 * X mentions of the town's account, and replies under them.
 * Not a Nest provider on its own: register it with `useValue`/`useFactory` where connectors are wired.
 */
export class XConnector implements ChannelConnector<XCredentials> {
  readonly platform = 'x' as const;
  private readonly timeoutMs: number;
  private readonly maxPages: number;
  private readonly now: () => number;

  constructor(options: XConnectorOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 15000;
    this.maxPages = options.maxPages ?? 20;
    this.now = options.now ?? Date.now;
  }

  /**
   * With a cursor, every mention newer than it (`since_id`), following `next_token` until X omits it.
   * X pages from the newest down, so a walk cut short would leave a hole under the new cursor: any
   * failure throws, and the whole walk is redone later (ingestion ignores what it already stored).
   * The first poll (no cursor) reads only the newest page, so connecting an account does not turn its
   * history into tickets.
   */
  async fetchSince(account: ConnectorAccount<XCredentials>, cursor: string | null): Promise<FetchResult> {
    const byId = new Map<string, InboundMessage>();
    let newest = cursor;
    let token: string | null = null;
    for (let page = 0; ; page++) {
      if (page >= this.maxPages) {
        throw new PlatformError('transient', `Pagination X interrompue après ${this.maxPages} pages`);
      }
      const res = await this.call(
        'GET',
        this.mentionsUrl(account, cursor, token),
        account.credentials.bearerToken,
      );
      const body = res.json as { data?: unknown; meta?: unknown; errors?: unknown } | null;
      // A 200 with only `errors` (unknown user id, suspended account) is a refusal, not an empty page.
      if (body === null || (body.data === undefined && body.meta === undefined)) {
        throw new PlatformError('rejected', errorsDetail(body) ?? 'Réponse de X inattendue', {
          httpStatus: res.status,
        });
      }
      const parsed = normalizeXMentionsPage(body, account.externalId);
      for (const m of parsed.messages) byId.set(m.platformMessageId, m);
      newest = maxNumericId([newest, ...parsed.tweetIds]);
      if (cursor === null || parsed.nextToken === null || parsed.tweetIds.length === 0) break;
      if (parsed.nextToken === token) {
        throw new PlatformError('transient', 'Pagination X bloquée sur le même next_token');
      }
      // The next call would be a 429: say so now, with X's reset time.
      if (res.headers.get('x-rate-limit-remaining')?.trim() === '0') {
        throw new PlatformError('rate_limited', 'Limite de requêtes X atteinte pendant la pagination', {
          httpStatus: res.status,
          retryAfterMs: xRetryAfterMs(res.headers, this.now()),
        });
      }
      token = parsed.nextToken;
    }
    const events = [...byId.values()].sort((a, b) =>
      compareNumericIds(a.platformMessageId, b.platformMessageId),
    );
    return { events, cursor: newest };
  }

  /**
   * X threads the reply under the citizen's post and mentions them itself. X has no idempotency key:
   * a post retried after a lost answer is refused as duplicate content (403, `rejected`) rather than
   * posted twice, but only for identical text.
   */
  async sendReply(
    account: ConnectorAccount<XCredentials>,
    target: ReplyTarget,
    body: string,
  ): Promise<{ platformMessageId: string }> {
    // Code points, as X counts Latin text; X weighs URLs and some scripts differently and will refuse those itself.
    const length = [...body].length;
    if (length > REPLY_MAX_LENGTH.x) {
      throw new PlatformError(
        'rejected',
        `Réponse trop longue pour X : ${length} caractères pour ${REPLY_MAX_LENGTH.x} au plus`,
      );
    }
    const res = await this.call(
      'POST',
      `${trimSlash(account.baseUrl)}/2/tweets`,
      account.credentials.userAccessToken,
      { text: body, reply: { in_reply_to_tweet_id: target.platformMessageId } },
    );
    const data = (res.json as { data?: { id?: unknown } } | null)?.data;
    const id = typeof data?.id === 'string' && /^\d+$/.test(data.id) ? data.id : null;
    if (id === null) {
      throw new PlatformError('rejected', 'Réponse de X sans identifiant de post', {
        httpStatus: res.status,
      });
    }
    return { platformMessageId: id };
  }

  private mentionsUrl(
    account: ConnectorAccount<XCredentials>,
    sinceId: string | null,
    token: string | null,
  ): string {
    const params = new URLSearchParams({
      max_results: '100',
      'tweet.fields': TWEET_FIELDS,
      expansions: 'author_id',
      'user.fields': 'name,username',
    });
    if (sinceId !== null) params.set('since_id', sinceId);
    if (token !== null) params.set('pagination_token', token);
    return `${trimSlash(account.baseUrl)}/2/users/${encodeURIComponent(account.externalId)}/mentions?${params.toString()}`;
  }

  private call(method: 'GET' | 'POST', url: string, token: string, body?: unknown): Promise<XResponse> {
    return xFetch({ method, url, token, body, timeoutMs: this.timeoutMs, now: this.now });
  }
}

function errorsDetail(body: { errors?: unknown } | null): string | null {
  const first: unknown = Array.isArray(body?.errors) ? body.errors[0] : null;
  if (typeof first !== 'object' || first === null) return null;
  const { detail, title } = first as { detail?: unknown; title?: unknown };
  return typeof detail === 'string' ? detail : typeof title === 'string' ? title : null;
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');
