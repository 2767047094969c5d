import { FailureQueue, type FakeFailure } from './failures';
import type { PlatformFake } from './platform-fake';
import { fieldText, json, nestedText, type FakeReply, type FakeRequest } from './http';
import { compareIds, offsetOf, pageToken, SnowflakeIds } from './ids';
import { RateLimiter, type RateLimitPolicy } from './rate-limit';

type Obj = Record<string, unknown>;

export interface XUser {
  id: string;
  username: string;
  name: string;
}

export interface XTweet {
  id: string;
  authorId: string;
  text: string;
  createdAt: number;
  conversationId: string;
  inReplyToUserId: string | null;
  repliedToId: string | null;
  mentions: Array<{ start: number; end: number; username: string; id: string }>;
}

export interface FakeXOptions {
  townId?: string;
  townUsername?: string;
  townName?: string;
  now: () => number;
}

/** X's epoch for snowflake ids (2010-11-04). */
const TWITTER_EPOCH = 1288834974657;
const problem = (status: number, title: string, detail: string, type = 'about:blank') => ({
  title,
  detail,
  type,
  status,
});

/**
 * The X API v2 subset Guichet uses, with state: the mentions timeline (`since_id`, `until_id`,
 * `pagination_token` / `meta.next_token`, `expansions=author_id`), a user's own posts (how a retry
 * finds a reply already posted), and `POST /2/tweets` with `reply.in_reply_to_tweet_id`, refusing
 * duplicate content as X does. Per-endpoint limits with x-rate-limit-* headers.
 */
export class FakeX implements PlatformFake {
  readonly name = 'x' as const;
  readonly failures = new FailureQueue();
  readonly town: XUser;
  /** Posts Guichet made, in order. */
  readonly posted: XTweet[] = [];
  readonly revokedTokens = new Set<string>();
  /** Tokens that are app-only bearers: X refuses them for posting. */
  readonly appOnlyTokens = new Set<string>();
  /** Accept replies to posts the fake does not know (the demo: they were made by an earlier run). */
  lenientReplies = false;
  /** Per endpoint group, as X publishes them (15-minute windows). */
  readonly rateLimits: Record<'mentions' | 'timeline' | 'post', RateLimitPolicy> = {
    mentions: { limit: 450, windowMs: 15 * 60_000 },
    timeline: { limit: 1500, windowMs: 15 * 60_000 },
    post: { limit: 100, windowMs: 15 * 60_000 },
  };
  private readonly limiter: RateLimiter;
  private readonly ids: SnowflakeIds;
  private readonly users = new Map<string, XUser>();
  private readonly tweets: XTweet[] = [];
  private userCounter = 0;
  private readonly now: () => number;

  constructor(options: FakeXOptions) {
    this.now = options.now;
    this.ids = new SnowflakeIds(TWITTER_EPOCH, 22n, this.now);
    this.limiter = new RateLimiter((group) => this.rateLimits[group as 'post'], this.now);
    this.town = {
      id: options.townId ?? '1300000000000000007',
      username: options.townUsername ?? 'VilleValbrune',
      name: options.townName ?? 'Ville de Valbrune',
    };
    this.users.set(this.town.id, this.town);
  }

  failNext(failure: FakeFailure, count = 1): void {
    this.failures.add(failure, count);
  }

  exhaustRateLimit(resetInMs: number): void {
    this.limiter.exhaust(resetInMs);
  }

  /** Every rate-limit window starts afresh (time has passed). */
  clearRateLimits(): void {
    this.limiter.reset();
  }

  reset(): void {
    this.posted.length = 0;
    this.tweets.length = 0;
    this.users.clear();
    this.users.set(this.town.id, this.town);
    this.revokedTokens.clear();
    this.appOnlyTokens.clear();
    this.lenientReplies = false;
    this.failures.clear();
    this.limiter.reset();
    this.rateLimits.mentions = { limit: 450, windowMs: 15 * 60_000 };
    this.rateLimits.timeline = { limit: 1500, windowMs: 15 * 60_000 };
    this.rateLimits.post = { limit: 100, windowMs: 15 * 60_000 };
  }

  /** A citizen posts a mention of the town (or a reply in a thread with `inReplyToId`). */
  citizenMention(input: {
    author: { username: string; name?: string };
    text: string;
    inReplyToId?: string;
    at?: number;
  }): XTweet {
    const author = this.user(input.author.username, input.author.name);
    const parent = input.inReplyToId ? this.tweets.find((t) => t.id === input.inReplyToId) : undefined;
    return this.createTweet(author, `@${this.town.username} ${input.text}`, parent ?? null, input.at);
  }

  // ---- HTTP ----

  owns(path: string): boolean {
    return path.startsWith('/2/');
  }

  failureReply(status: number, body: unknown, headers: Record<string, string>): FakeReply {
    const fallback =
      status === 429
        ? problem(429, 'Too Many Requests', 'Too Many Requests')
        : status >= 500
          ? problem(status, 'Service Unavailable', 'Service Unavailable')
          : problem(status, 'Invalid Request', 'One or more parameters to your request was invalid.');
    return json(status, body ?? fallback, headers);
  }

  handle(req: FakeRequest, origin: string): FakeReply {
    void origin;
    if (!req.token || this.revokedTokens.has(req.token)) {
      return json(401, problem(401, 'Unauthorized', 'Unauthorized'));
    }
    const path = req.url.pathname;
    const mentions = /^\/2\/users\/(\d+)\/mentions$/.exec(path);
    const timeline = /^\/2\/users\/(\d+)\/tweets$/.exec(path);
    const group =
      req.method === 'POST' && path === '/2/tweets'
        ? 'post'
        : mentions
          ? 'mentions'
          : timeline
            ? 'timeline'
            : null;
    if (group === null) {
      if (req.method === 'GET' && path === '/2/users/me')
        return json(200, { data: this.userView(this.town) });
      return json(404, problem(404, 'Not Found Error', `Could not find the path ${path}`));
    }
    const usage = this.limiter.take(req.token, group);
    const headers: Record<string, string> = {
      'x-rate-limit-limit': String(usage.limit),
      'x-rate-limit-remaining': String(usage.remaining),
      'x-rate-limit-reset': String(Math.ceil(usage.resetAt / 1000)),
    };
    if (!usage.allowed) return json(429, problem(429, 'Too Many Requests', 'Too Many Requests'), headers);
    const [status, body] =
      group === 'post'
        ? this.post(req)
        : this.list(
            (mentions ?? timeline)?.[1] ?? '',
            group === 'mentions'
              ? (t) => t.mentions.some((m) => m.id === mentions?.[1]) && t.authorId !== mentions?.[1]
              : (t) => t.authorId === timeline?.[1],
            req.url,
          );
    return json(status, body, headers);
  }

  private list(userId: string, keep: (t: XTweet) => boolean, url: URL): [number, unknown] {
    if (!this.users.has(userId)) {
      return [
        200,
        {
          errors: [
            {
              value: userId,
              detail: `Could not find user with id: [${userId}].`,
              title: 'Not Found Error',
              resource_type: 'user',
              parameter: 'id',
              type: 'https://api.twitter.com/2/problems/resource-not-found',
            },
          ],
        },
      ];
    }
    const q = url.searchParams;
    const maxResults = Number(q.get('max_results') ?? 10);
    if (!Number.isInteger(maxResults) || maxResults < 5 || maxResults > 100) {
      return [
        400,
        {
          errors: [
            {
              parameters: { max_results: [String(q.get('max_results'))] },
              message: `The \`max_results\` query parameter value [${q.get('max_results')}] is not between 5 and 100`,
            },
          ],
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
        },
      ];
    }
    const offset = offsetOf(q.get('pagination_token'));
    if (offset === null) {
      return [
        400,
        problem(400, 'Invalid Request', 'The `pagination_token` query parameter value is invalid'),
      ];
    }
    const sinceId = q.get('since_id');
    const untilId = q.get('until_id');
    const startTime = q.get('start_time') ? Date.parse(q.get('start_time') ?? '') : null;
    const excluded = (q.get('exclude') ?? '').split(',');
    const matching = this.tweets
      .filter(keep)
      .filter(
        (t) =>
          (!sinceId || compareIds(t.id, sinceId) > 0) &&
          (!untilId || compareIds(t.id, untilId) < 0) &&
          (startTime === null || t.createdAt >= startTime) &&
          !(excluded.includes('replies') && t.repliedToId !== null),
      )
      .sort((a, b) => compareIds(b.id, a.id));
    const page = matching.slice(offset, offset + maxResults);
    if (page.length === 0) return [200, { meta: { result_count: 0 } }];
    const fields = new Set((q.get('tweet.fields') ?? '').split(',').filter((f) => f !== ''));
    const expansions = (q.get('expansions') ?? '').split(',');
    const body: Obj = {
      data: page.map((t) => this.tweetView(t, fields)),
      meta: {
        result_count: page.length,
        newest_id: page[0]?.id,
        oldest_id: page[page.length - 1]?.id,
        ...(offset + maxResults < matching.length ? { next_token: pageToken(offset + maxResults) } : {}),
        ...(offset > 0 ? { previous_token: pageToken(Math.max(0, offset - maxResults)) } : {}),
      },
    };
    if (expansions.includes('author_id')) {
      const authors = [...new Set(page.map((t) => t.authorId))].map((id) => this.users.get(id));
      body.includes = { users: authors.filter((u): u is XUser => !!u).map((u) => this.userView(u)) };
    }
    return [200, body];
  }

  private post(req: FakeRequest): [number, unknown] {
    if (this.appOnlyTokens.has(req.token ?? '')) {
      return [
        403,
        {
          title: 'Unsupported Authentication',
          detail:
            'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].',
          type: 'https://api.twitter.com/2/problems/unsupported-authentication',
          status: 403,
        },
      ];
    }
    const text = fieldText(req.fields, 'text');
    if (!text || text.trim() === '') {
      return [400, problem(400, 'Invalid Request', 'One or more parameters to your request was invalid.')];
    }
    const replyTo = nestedText(req.fields, 'reply', 'in_reply_to_tweet_id');
    const parent = replyTo ? (this.tweets.find((t) => t.id === replyTo) ?? this.adopt(replyTo)) : null;
    if (replyTo && !parent) {
      return [
        400,
        {
          errors: [{ parameters: { 'reply.in_reply_to_tweet_id': [replyTo] }, message: 'Tweet not found' }],
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
        },
      ];
    }
    // X stores a reply with the replied-to author's handle in front, and refuses the same text twice.
    const full = parent ? `@${this.users.get(parent.authorId)?.username ?? 'i'} ${text}` : text;
    if (this.tweets.some((t) => t.authorId === this.town.id && t.text === full)) {
      return [
        403,
        problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.'),
      ];
    }
    const tweet = this.createTweet(this.town, full, parent ?? null);
    this.posted.push(tweet);
    return [201, { data: { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] } }];
  }

  /** With `lenientReplies`, a post from before the fake's memory, taken as a citizen's mention. */
  private adopt(id: string): XTweet | null {
    if (!this.lenientReplies || !/^\d+$/.test(id)) return null;
    const author = this.user('habitant', 'Habitant');
    const tweet: XTweet = {
      id,
      authorId: author.id,
      text: `@${this.town.username}`,
      createdAt: this.now(),
      conversationId: id,
      inReplyToUserId: null,
      repliedToId: null,
      mentions: [],
    };
    this.tweets.push(tweet);
    return tweet;
  }

  private createTweet(author: XUser, text: string, parent: XTweet | null, at?: number): XTweet {
    const createdAt = at ?? this.now();
    const id = this.ids.next(createdAt);
    const mentions: XTweet['mentions'] = [];
    for (const m of text.matchAll(/(^|[^\w])@(\w{1,15})/g)) {
      const user = [...this.users.values()].find((u) => u.username.toLowerCase() === m[2].toLowerCase());
      const start = (m.index ?? 0) + m[1].length;
      if (user) mentions.push({ start, end: start + m[2].length + 1, username: user.username, id: user.id });
    }
    const tweet: XTweet = {
      id,
      authorId: author.id,
      text,
      createdAt,
      conversationId: parent?.conversationId ?? id,
      inReplyToUserId: parent?.authorId ?? null,
      repliedToId: parent?.id ?? null,
      mentions,
    };
    this.tweets.push(tweet);
    return tweet;
  }

  private user(username: string, name?: string): XUser {
    let user = [...this.users.values()].find((u) => u.username.toLowerCase() === username.toLowerCase());
    if (!user) {
      user = {
        id: String(1_500_000_000_000_000_000n + BigInt(++this.userCounter)),
        username,
        name: name ?? username,
      };
      this.users.set(user.id, user);
    }
    return user;
  }

  /** `id`, `text` and `edit_history_tweet_ids` always; other fields only when asked, as X does. */
  private tweetView(t: XTweet, fields: Set<string>): Obj {
    const all: Obj = {
      created_at: new Date(t.createdAt).toISOString(),
      author_id: t.authorId,
      conversation_id: t.conversationId,
      ...(t.inReplyToUserId ? { in_reply_to_user_id: t.inReplyToUserId } : {}),
      ...(t.repliedToId ? { referenced_tweets: [{ type: 'replied_to', id: t.repliedToId }] } : {}),
      ...(t.mentions.length > 0 ? { entities: { mentions: t.mentions } } : {}),
    };
    const view: Obj = { id: t.id, text: t.text, edit_history_tweet_ids: [t.id] };
    for (const [key, value] of Object.entries(all)) if (fields.has(key)) view[key] = value;
    return view;
  }

  private userView(u: XUser): Obj {
    return { id: u.id, name: u.name, username: u.username };
  }
}
