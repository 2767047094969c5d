import { REPLY_MAX_LENGTH } from '@guichet/shared';
import type { ChannelConnector, ConnectorAccount, FetchResult, ReplyTarget } from '../connector';
import { PlatformError } from '../connector';
import type { InboundMessage } from '../inbound-event';
import { compareNumericIds, maxNumericId } from '../mastodon/compare-numeric-ids';
import { sameReplyText } from '../reply-text';
import { xFetch, xRetryAfterMs, type XResponse } from './x-api.client';
import { decodeXText, normalizeXMentionsPage } from './x-mentions.normalizer';

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
   * X pages from the newest down, so a walk cut short would leave a hole under a new cursor: when the
   * rate limit runs out mid-walk, what was read is returned with the cursor unchanged and the wait
   * until X's reset (the walk is redone then; ingestion ignores what it already stored); any other
   * failure throws. The first poll (no cursor) reads only the newest page, so connecting an account
   * does not turn its history into tickets.
   */
  async fetchSince(account: ConnectorAccount<XCredentials>, cursor: string | null): Promise<FetchResult> {
    const byId = new Map<string, InboundMessage>();
    let newest = cursor;
    let token: string | null = null;
    let lastRemaining: string | null = null;
    let lastWait: number | undefined;
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
      lastRemaining = res.headers.get('x-rate-limit-remaining')?.trim() ?? null;
      lastWait = xRetryAfterMs(res.headers, this.now());
      for (const m of parsed.messages) byId.set(m.platformMessageId, m);
      newest = maxNumericId([newest, ...parsed.tweetIds]);
      if (cursor === null || parsed.nextToken === null || parsed.tweetIds.length === 0) break;
      if (parsed.nextToken === token) {
        throw new PlatformError('transient', 'Pagination X bloquée sur le même next_token');
      }
      // The next call would be a 429: keep what was read, not the cursor, and wait for X's reset.
      if (res.headers.get('x-rate-limit-remaining')?.trim() === '0') {
        return {
          events: oldestFirst(byId),
          cursor,
          waitMs: xRetryAfterMs(res.headers, this.now()) ?? 15 * 60_000,
        };
      }
      token = parsed.nextToken;
    }
    const exhausted = lastRemaining === '0';
    return {
      events: oldestFirst(byId),
      cursor: newest,
      ...(exhausted ? { waitMs: lastWait ?? 15 * 60_000 } : {}),
    };
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

  /**
   * A post of the account replying to `target` since `since` with the same text, found in the
   * account's own timeline (X puts the citizen's handle in front of a reply's text).
   */
  async findPostedReply(
    account: ConnectorAccount<XCredentials>,
    target: ReplyTarget,
    body: string,
    since: Date,
  ): Promise<string | null> {
    let token: string | null = null;
    for (let page = 0; page < 5; page++) {
      const params = new URLSearchParams({
        max_results: '100',
        start_time: new Date(since.getTime() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        'tweet.fields': 'created_at,referenced_tweets,note_tweet',
        exclude: 'retweets',
      });
      if (token) params.set('pagination_token', token);
      const res = await this.call(
        'GET',
        `${trimSlash(account.baseUrl)}/2/users/${encodeURIComponent(account.externalId)}/tweets?${params.toString()}`,
        account.credentials.bearerToken,
      );
      const json = res.json as { data?: unknown; meta?: { next_token?: unknown } } | null;
      for (const raw of Array.isArray(json?.data) ? (json.data as unknown[]) : []) {
        const tweet = raw as {
          id?: unknown;
          text?: unknown;
          note_tweet?: { text?: unknown };
          referenced_tweets?: Array<{ type?: unknown; id?: unknown }>;
        };
        const repliesToTarget = (tweet.referenced_tweets ?? []).some(
          (r) => r.type === 'replied_to' && r.id === target.platformMessageId,
        );
        const text = typeof tweet.note_tweet?.text === 'string' ? tweet.note_tweet.text : tweet.text;
        if (repliesToTarget && typeof text === 'string' && sameReplyText(decodeXText(text), body)) {
          return typeof tweet.id === 'string' ? tweet.id : null;
        }
      }
      const next = json?.meta?.next_token;
      if (typeof next !== 'string' || next === '') return null;
      token = next;
    }
    return null;
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

function oldestFirst(byId: Map<string, InboundMessage>): InboundMessage[] {
  return [...byId.values()].sort((a, b) => compareNumericIds(a.platformMessageId, b.platformMessageId));
}

function errorsDetail(body: { errors?: unknown } | null): string | null {
  const first: unknown = Array.isArray(body?.errors) ? body.errors[0] : null;
  if (typeof first !== 'object' || first === null) return null;
  const { detail, title } = first as { detail?: unknown; title?: unknown };
  return typeof detail === 'string' ? detail : typeof title === 'string' ? title : null;
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');
