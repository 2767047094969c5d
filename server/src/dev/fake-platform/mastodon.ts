import type { ServerResponse } from 'node:http';
import { FailureQueue, type FakeFailure } from './failures';
import type { PlatformFake } from './platform-fake';
import { fieldText, json, type FakeReply, type FakeRequest, type JsonReply } from './http';
import { compareIds, SnowflakeIds } from './ids';
import type { MastodonAccount, MastodonStatus } from './mastodon-model';
import { accountView, isoMs, limitOf, paginateById, statusView } from './mastodon-views';
import { RateLimiter, type RateLimitPolicy } from './rate-limit';

type Obj = Record<string, unknown>;

export type { MastodonAccount, MastodonStatus } from './mastodon-model';

interface MastodonNotification {
  id: string;
  type: 'mention';
  createdAt: number;
  account: MastodonAccount;
  status: MastodonStatus;
}

interface Subscriber {
  res: ServerResponse;
  heartbeat: NodeJS.Timeout;
}

export interface FakeMastodonOptions {
  domain?: string;
  townId?: string;
  townUsername?: string;
  townDisplayName?: string;
  now: () => number;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The Mastodon API subset Guichet uses, with state: mention notifications (`types[]`, `since_id`,
 * `min_id`, `max_id`, `Link` paging), statuses with replies, visibility and `Idempotency-Key`, status
 * context, and the streaming API as server-sent events. Rate limits come with X-RateLimit-* headers.
 */
export class FakeMastodon implements PlatformFake {
  readonly name = 'mastodon' as const;
  readonly failures = new FailureQueue();
  readonly domain: string;
  readonly town: MastodonAccount;
  /** Statuses Guichet posted, in order. */
  readonly posted: MastodonStatus[] = [];
  readonly revokedTokens = new Set<string>();
  rateLimit: RateLimitPolicy = { limit: 300, windowMs: 5 * 60_000 };
  /** Accept replies to statuses the fake does not know (the demo: they were made by an earlier run). */
  lenientReplies = false;
  /** Milliseconds between two `:thump` heartbeats on an open stream. */
  heartbeatMs = 15_000;
  private readonly limiter: RateLimiter;
  private readonly ids: SnowflakeIds;
  private readonly accounts = new Map<string, MastodonAccount>();
  private readonly statuses: MastodonStatus[] = [];
  private readonly notifications: MastodonNotification[] = [];
  private readonly idempotency = new Map<string, { statusId: string; at: number }>();
  private readonly subscribers = new Set<Subscriber>();
  /** How many stream connections were opened, ever (tests watch reconnections). */
  streamConnections = 0;
  private readonly now: () => number;

  constructor(options: FakeMastodonOptions) {
    this.now = options.now;
    this.domain = options.domain ?? 'social.valbrune.example';
    this.ids = new SnowflakeIds(0, 16n, this.now);
    this.limiter = new RateLimiter(() => this.rateLimit, this.now);
    const username = options.townUsername ?? 'valbrune';
    this.town = {
      id: options.townId ?? '109876543210987654',
      username,
      acct: username,
      displayName: options.townDisplayName ?? 'Ville de Valbrune',
      url: `https://${this.domain}/@${username}`,
    };
    this.accounts.set(this.town.acct.toLowerCase(), this.town);
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

  /** Mastodon keeps Idempotency-Keys for an hour: a retry later than that is a new post. */
  forgetIdempotencyKeys(): void {
    this.idempotency.clear();
  }

  /** Open event streams right now. */
  get openStreams(): number {
    return this.subscribers.size;
  }

  /** Cuts every open stream, as a restarting streaming server or a flaky proxy would. */
  dropStreams(): void {
    for (const s of this.subscribers) {
      clearInterval(s.heartbeat);
      s.res.destroy();
    }
    this.subscribers.clear();
  }

  reset(): void {
    this.dropStreams();
    this.posted.length = 0;
    this.statuses.length = 0;
    this.notifications.length = 0;
    this.idempotency.clear();
    this.revokedTokens.clear();
    this.failures.clear();
    this.limiter.reset();
    this.rateLimit = { limit: 300, windowMs: 5 * 60_000 };
    this.streamConnections = 0;
    this.lenientReplies = false;
    this.accounts.clear();
    this.accounts.set(this.town.acct.toLowerCase(), this.town);
  }

  // ---- Citizen activity ----

  /**
   * A citizen mentions the town (a public post, or a direct message when `visibility: 'direct'`),
   * possibly answering an earlier status: the town gets a `mention` notification, streamed live.
   */
  citizenMention(input: {
    author: { username: string; displayName?: string; domain?: string };
    text: string;
    visibility?: MastodonStatus['visibility'];
    inReplyToId?: string;
    at?: number;
  }): { status: MastodonStatus; notificationId: string } {
    const author = this.account(
      input.author.username,
      input.author.domain ?? 'piaille.example',
      input.author.displayName,
    );
    const parent = input.inReplyToId ? this.statuses.find((s) => s.id === input.inReplyToId) : undefined;
    const text = `@${this.town.username} ${input.text}`;
    const status = this.createStatus(author, text, input.visibility ?? 'public', parent ?? null, input.at);
    const notification = this.notifications.find((n) => n.status.id === status.id);
    return { status, notificationId: notification?.id ?? '' };
  }

  // ---- HTTP ----

  owns(path: string): boolean {
    return path.startsWith('/api/v1/');
  }

  failureReply(status: number, body: unknown, headers: Record<string, string>): FakeReply {
    const message =
      status === 429 ? 'Too many requests' : status >= 500 ? 'Service Unavailable' : 'Validation failed';
    return json(status, body ?? { error: message }, headers);
  }

  handle(req: FakeRequest, origin: string): FakeReply {
    const path = req.url.pathname;
    if (path === '/api/v1/streaming/health') return { status: 200, text: 'OK' };
    if (!req.token || this.revokedTokens.has(req.token)) {
      return json(401, { error: 'The access token is invalid' });
    }
    if (path.startsWith('/api/v1/streaming')) return this.stream(req);
    const usage = this.limiter.take(req.token, 'api');
    const headers = {
      'x-ratelimit-limit': String(usage.limit),
      'x-ratelimit-remaining': String(usage.remaining),
      'x-ratelimit-reset': isoMs(usage.resetAt),
    };
    if (!usage.allowed) return json(429, { error: 'Too many requests' }, headers);
    const reply = this.route(req, origin);
    return 'stream' in reply ? reply : { ...reply, headers: { ...headers, ...reply.headers } };
  }

  private route(req: FakeRequest, origin: string): JsonReply {
    const path = req.url.pathname;
    if (req.method === 'GET' && path === '/api/v1/notifications')
      return this.listNotifications(req.url, origin);
    if (req.method === 'GET' && path === '/api/v1/accounts/verify_credentials') {
      return json(200, accountView(this.town, true));
    }
    if (req.method === 'POST' && path === '/api/v1/statuses') return this.postStatus(req);
    const status = /^\/api\/v1\/statuses\/(\d+)(\/context)?$/.exec(path);
    if (req.method === 'GET' && status) {
      const found = this.statuses.find((s) => s.id === status[1]);
      if (!found) return json(404, { error: 'Record not found' });
      if (!status[2]) return json(200, this.status(found));
      return json(200, {
        ancestors: this.ancestors(found).map((s) => this.status(s)),
        descendants: this.descendants(found).map((s) => this.status(s)),
      });
    }
    const accountStatuses = /^\/api\/v1\/accounts\/(\d+)\/statuses$/.exec(path);
    if (req.method === 'GET' && accountStatuses) {
      const mine = this.statuses.filter((s) => s.account.id === accountStatuses[1]);
      const page = paginateById(mine, req.url);
      return json(
        200,
        page.map((s) => this.status(s)),
      );
    }
    return json(404, { error: 'Record not found' });
  }

  private listNotifications(url: URL, origin: string): JsonReply {
    const types = url.searchParams.getAll('types[]');
    const excluded = url.searchParams.getAll('exclude_types[]');
    const items = this.notifications.filter(
      (n) => (types.length === 0 || types.includes(n.type)) && !excluded.includes(n.type),
    );
    const limit = limitOf(url, 40, 80);
    const page = paginateById(items, url);
    const headers: Record<string, string> = {};
    const links: string[] = [];
    const link = (param: 'max_id' | 'min_id', id: string) => {
      const target = new URL('/api/v1/notifications', origin);
      for (const t of types) target.searchParams.append('types[]', t);
      for (const t of excluded) target.searchParams.append('exclude_types[]', t);
      if (url.searchParams.has('limit')) target.searchParams.set('limit', String(limit));
      target.searchParams.set(param, id);
      return target.toString();
    };
    const oldest = page[page.length - 1];
    const newest = page[0];
    // As Mastodon: `next` (older) only when the page is full, `prev` (newer) whenever it is not empty.
    if (oldest && page.length === limit) links.push(`<${link('max_id', oldest.id)}>; rel="next"`);
    if (newest) links.push(`<${link('min_id', newest.id)}>; rel="prev"`);
    if (links.length > 0) headers.link = links.join(', ');
    return json(
      200,
      page.map((n) => ({
        id: n.id,
        type: n.type,
        created_at: isoMs(n.createdAt),
        group_key: `ungrouped-${n.id}`,
        account: accountView(n.account),
        status: this.status(n.status),
      })),
      headers,
    );
  }

  private postStatus(req: FakeRequest): JsonReply {
    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    const cacheKey = key ? `${req.token ?? ''}:${key}` : null;
    const cached = cacheKey ? this.idempotency.get(cacheKey) : undefined;
    if (cached && this.now() - cached.at < 3600_000) {
      const status = this.statuses.find((s) => s.id === cached.statusId);
      if (status) return json(200, this.status(status));
    }
    const text = fieldText(req.fields, 'status') ?? '';
    if (text.trim() === '') return json(422, { error: "Validation failed: Text can't be blank" });
    if ([...text].length > 500) {
      return json(422, { error: 'Validation failed: Text character limit of 500 exceeded' });
    }
    const visibility = (fieldText(req.fields, 'visibility') ?? 'public') as MastodonStatus['visibility'];
    if (!['public', 'unlisted', 'private', 'direct'].includes(visibility)) {
      return json(422, { error: 'Validation failed: Visibility is not included in the list' });
    }
    const replyTo = fieldText(req.fields, 'in_reply_to_id');
    const parent = replyTo ? (this.statuses.find((s) => s.id === replyTo) ?? this.adopt(replyTo)) : null;
    if (replyTo && !parent) return json(404, { error: 'Record not found' });
    const status = this.createStatus(this.town, text, visibility, parent ?? null);
    this.posted.push(status);
    if (cacheKey) this.idempotency.set(cacheKey, { statusId: status.id, at: this.now() });
    return json(200, this.status(status));
  }

  private createStatus(
    author: MastodonAccount,
    text: string,
    visibility: MastodonStatus['visibility'],
    parent: MastodonStatus | null,
    at?: number,
  ): MastodonStatus {
    const createdAt = at ?? this.now();
    const mentions: MastodonAccount[] = [];
    const html = escapeHtml(text).replace(
      /(^|[^\w@/])@(\w[\w.-]*\w|\w)(?:@([\w-]+(?:\.[\w-]+)+))?/g,
      (whole, before: string, username: string, domain: string | undefined) => {
        const mentioned = this.accounts.get((domain ? `${username}@${domain}` : username).toLowerCase());
        if (!mentioned) return whole;
        if (!mentions.includes(mentioned)) mentions.push(mentioned);
        return `${before}<span class="h-card" translate="no"><a href="${mentioned.url}" class="u-url mention">@<span>${escapeHtml(mentioned.username)}</span></a></span>`;
      },
    );
    const content = html
      .split(/\n{2,}/)
      .map((p) => `<p>${p.replace(/\n/g, '<br />')}</p>`)
      .join('');
    const status: MastodonStatus = {
      id: this.ids.next(createdAt),
      account: author,
      text,
      content,
      visibility,
      inReplyToId: parent?.id ?? null,
      inReplyToAccountId: parent?.account.id ?? null,
      mentions,
      spoilerText: '',
      createdAt,
    };
    this.statuses.push(status);
    if (author.id !== this.town.id && mentions.includes(this.town)) {
      const notification: MastodonNotification = {
        id: this.ids.next(createdAt),
        type: 'mention',
        createdAt,
        account: author,
        status,
      };
      this.notifications.push(notification);
      this.broadcast(notification);
    }
    return status;
  }

  /** With `lenientReplies`, a status from before the fake's memory, taken as a citizen's mention. */
  private adopt(id: string): MastodonStatus | null {
    if (!this.lenientReplies) return null;
    const author = this.account('habitant', 'piaille.example', 'Habitant');
    const status: MastodonStatus = {
      id,
      account: author,
      text: '',
      content: '',
      visibility: 'public',
      inReplyToId: null,
      inReplyToAccountId: null,
      mentions: [this.town],
      spoilerText: '',
      createdAt: this.now(),
    };
    this.statuses.push(status);
    return status;
  }

  private account(username: string, domain: string, displayName?: string): MastodonAccount {
    const acct = `${username}@${domain}`;
    let account = this.accounts.get(acct.toLowerCase());
    if (!account) {
      account = {
        id: this.ids.next(),
        username,
        acct,
        displayName: displayName ?? username,
        url: `https://${domain}/@${username}`,
      };
      this.accounts.set(acct.toLowerCase(), account);
    }
    return account;
  }

  private ancestors(status: MastodonStatus): MastodonStatus[] {
    const chain: MastodonStatus[] = [];
    let current = status.inReplyToId ? this.statuses.find((s) => s.id === status.inReplyToId) : undefined;
    while (current) {
      chain.unshift(current);
      const parentId = current.inReplyToId;
      current = parentId ? this.statuses.find((s) => s.id === parentId) : undefined;
    }
    return chain;
  }

  private descendants(status: MastodonStatus): MastodonStatus[] {
    const found: MastodonStatus[] = [];
    const queue = [status.id];
    while (queue.length > 0) {
      const id = queue.shift() as string;
      for (const child of this.statuses.filter((s) => s.inReplyToId === id)) {
        found.push(child);
        queue.push(child.id);
      }
    }
    return found.sort((a, b) => compareIds(a.id, b.id));
  }

  /** `GET /api/v1/streaming/user/notification` (or `?stream=user:notification`): server-sent events. */
  private stream(req: FakeRequest): FakeReply {
    const path = req.url.pathname.replace(/\/+$/, '');
    const name =
      path === '/api/v1/streaming'
        ? req.url.searchParams.get('stream')
        : path.slice('/api/v1/streaming/'.length).replace('/', ':');
    if (name !== 'user' && name !== 'user:notification') {
      return json(400, { error: 'Unknown stream type' });
    }
    return {
      stream: (res) => {
        this.streamConnections++;
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          'x-accel-buffering': 'no',
        });
        res.write(':)\n');
        const subscriber: Subscriber = {
          res,
          heartbeat: setInterval(() => res.write(':thump\n'), this.heartbeatMs).unref(),
        };
        this.subscribers.add(subscriber);
        res.on('close', () => {
          clearInterval(subscriber.heartbeat);
          this.subscribers.delete(subscriber);
        });
      },
    };
  }

  private status(s: MastodonStatus): Obj {
    return statusView(s, this.statuses.filter((c) => c.inReplyToId === s.id).length);
  }

  private broadcast(n: MastodonNotification): void {
    const payload = JSON.stringify({
      id: n.id,
      type: n.type,
      created_at: isoMs(n.createdAt),
      account: accountView(n.account),
      status: this.status(n.status),
    });
    for (const s of this.subscribers) s.res.write(`event: notification\ndata: ${payload}\n\n`);
  }
}
