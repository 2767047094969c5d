import { FailureQueue, type FakeFailure } from './failures';
import type { PlatformFake } from './platform-fake';
import { graphError, graphList, parseFields, project } from './graph-fields';
import { json, nestedText, fieldText, type FakeReply, type FakeRequest } from './http';
import type {
  FakeGraphComment,
  MetaActor,
  MetaComment,
  MetaConversation,
  MetaDirectMessage,
  MetaPlatform,
  MetaPost,
} from './meta-model';
import {
  instagramCommentDelivery,
  instagramMessageDelivery,
  messengerDelivery,
  pageCommentDelivery,
} from './meta-payloads';
import {
  commentPermalink,
  commentView,
  conversationView,
  messageView,
  nestedEdge,
  postView,
  throttledError,
  unknownEdge,
  unknownObject,
} from './meta-views';
import { RateLimiter, type RateLimitPolicy } from './rate-limit';
import type { MetaWebhookSender, WebhookDelivery } from './webhooks';

type Obj = Record<string, unknown>;

export type { FakeGraphComment, MetaActor, MetaComment, MetaDirectMessage, MetaPlatform } from './meta-model';

/** The legacy failure shape of `t.graph.failNext` (a FakeFailure with a status). */
export type FakeGraphFailure = FakeFailure & { status: number };

export interface FakeMetaOptions {
  pageId?: string;
  pageName?: string;
  instagramId?: string;
  instagramUsername?: string;
  now: () => number;
  webhooks: MetaWebhookSender;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The Graph API subset Guichet uses, with state: Page posts and their comments and replies, Instagram
 * media and comments, Messenger and Instagram conversations, the Send API (with its 24-hour window),
 * cursor paging with `paging.next`, field selection, usage headers and throttling error codes.
 * Citizen activity is added through `citizenComment` / `citizenMessage`, which also send the webhook.
 */
export class FakeMeta implements PlatformFake {
  readonly name = 'meta' as const;
  readonly failures = new FailureQueue();
  /** Everything Guichet posted, in order. */
  readonly comments: FakeGraphComment[] = [];
  pageId: string;
  pageName: string;
  instagramId: string;
  instagramUsername: string;
  /** Tokens Meta has invalidated (error 190). */
  readonly revokedTokens = new Set<string>();
  rateLimit: RateLimitPolicy = { limit: 4800, windowMs: 3600_000 };
  /** The throttling error Meta answers once the limit is reached: 4 (app), 32 (page), 613 (custom rate). */
  rateLimitCode: 4 | 32 | 613 | 80001 = 32;
  private readonly limiter: RateLimiter;
  private readonly posts: MetaPost[] = [];
  private readonly allComments: MetaComment[] = [];
  private readonly conversations: MetaConversation[] = [];
  private counter = 0;
  private readonly now: () => number;
  private readonly webhooks: MetaWebhookSender;

  constructor(options: FakeMetaOptions) {
    this.pageId = options.pageId ?? '104857362948571';
    this.pageName = options.pageName ?? 'Ville de Valbrune';
    this.instagramId = options.instagramId ?? '17841405822304914';
    this.instagramUsername = options.instagramUsername ?? 'villedevalbrune';
    this.now = options.now;
    this.webhooks = options.webhooks;
    this.limiter = new RateLimiter(() => this.rateLimit, this.now);
  }

  /** The Page id (legacy name). */
  get accountId(): string {
    return this.pageId;
  }

  /** The next `count` Graph calls (matching `failure.method`/`path` when set) fail. */
  failNext(failure: FakeFailure, count = 1): void {
    this.failures.add(failure, count);
  }

  /** Every call fails with the throttling error for `resetInMs`. */
  exhaustRateLimit(resetInMs: number): void {
    this.limiter.exhaust(resetInMs);
  }

  /** Every rate-limit window starts afresh (time has passed). */
  clearRateLimits(): void {
    this.limiter.reset();
  }

  /** Citizen comments only (not the town's replies). */
  get citizenComments(): MetaComment[] {
    return this.allComments.filter((c) => !this.isTown(c.from.id));
  }

  reset(): void {
    this.comments.length = 0;
    this.posts.length = 0;
    this.allComments.length = 0;
    this.conversations.length = 0;
    this.revokedTokens.clear();
    this.failures.clear();
    this.limiter.reset();
    this.rateLimit = { limit: 4800, windowMs: 3600_000 };
    this.rateLimitCode = 32;
  }

  // ---- Citizen activity (tests and the demo stream) ----

  hasPosts(): boolean {
    return this.posts.length > 0;
  }

  addPost(platform: MetaPlatform, message: string, options: { id?: string; at?: number } = {}): MetaPost {
    const seq = this.seq();
    const post: MetaPost = {
      id:
        options.id ??
        (platform === 'facebook' ? `${this.pageId}_${7000 + seq}` : `1790${String(seq).padStart(13, '0')}`),
      platform,
      accountId: platform === 'facebook' ? this.pageId : this.instagramId,
      message,
      createdTime: options.at ?? this.now(),
    };
    this.posts.push(post);
    return post;
  }

  /**
   * A comment that exists on Meta without any webhook having told Guichet (legacy helper; the post is
   * created when unknown).
   */
  addCitizenComment(comment: {
    id: string;
    postId: string;
    parentId: string | null;
    message: string;
    from: { id: string; name: string };
    createdTime?: string;
  }): void {
    if (!this.posts.some((p) => p.id === comment.postId)) {
      this.addPost('facebook', 'Publication de la ville', { id: comment.postId });
    }
    this.allComments.push({
      id: comment.id,
      platform: 'facebook',
      objectId: comment.postId,
      parentId: comment.parentId,
      from: comment.from,
      message: comment.message,
      createdTime: comment.createdTime ? Date.parse(comment.createdTime) : this.now(),
    });
  }

  /**
   * A citizen comments a Page post or an Instagram media (the newest one unless `postId`), or answers
   * a comment (`parentId`); Meta then sends the webhook unless `webhook: false`.
   */
  async citizenComment(
    input: {
      platform: MetaPlatform;
      from: MetaActor;
      text: string;
      postId?: string;
      parentId?: string;
      at?: number;
      id?: string;
    },
    options: { webhook?: boolean } = {},
  ): Promise<{ comment: MetaComment; delivery: WebhookDelivery | null }> {
    const parent = input.parentId ? this.allComments.find((c) => c.id === input.parentId) : undefined;
    const postId =
      parent?.objectId ??
      input.postId ??
      [...this.posts].reverse().find((p) => p.platform === input.platform)?.id ??
      this.addPost(input.platform, 'Actualités de la ville').id;
    const seq = this.seq();
    const comment: MetaComment = {
      id:
        input.id ??
        (input.platform === 'facebook'
          ? `${postId.split('_')[1] ?? postId}_${100_000 + seq}`
          : `1800${String(seq).padStart(13, '0')}`),
      platform: input.platform,
      objectId: postId,
      // Meta keeps threads one level deep: an answer to a reply joins the top-level comment's thread.
      parentId: parent ? (parent.parentId ?? parent.id) : null,
      from: input.from,
      message: input.text,
      createdTime: input.at ?? this.now(),
    };
    this.allComments.push(comment);
    if (options.webhook === false) return { comment, delivery: null };
    const payload =
      input.platform === 'facebook'
        ? pageCommentDelivery(this.pageId, comment, commentPermalink(comment))
        : instagramCommentDelivery(this.instagramId, comment);
    return { comment, delivery: await this.webhooks.deliver(payload) };
  }

  /** A citizen writes to the Page on Messenger or to the Instagram account; the webhook follows. */
  async citizenMessage(
    input: { platform: 'messenger' | 'instagram'; from: MetaActor; text: string; at?: number; id?: string },
    options: { webhook?: boolean } = {},
  ): Promise<{ message: MetaDirectMessage; delivery: WebhookDelivery | null }> {
    const account = this.townActor(input.platform === 'messenger' ? 'facebook' : 'instagram');
    const conversation = this.conversationWith(input.platform, input.from);
    const seq = this.seq();
    const message: MetaDirectMessage = {
      id:
        input.id ??
        (input.platform === 'messenger'
          ? `m_${Buffer.from(`msg-${seq}-${this.now()}`).toString('base64url')}`
          : `aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlE${seq}`),
      from: input.from,
      to: account,
      message: input.text,
      createdTime: input.at ?? this.now(),
    };
    conversation.messages.push(message);
    if (options.webhook === false) return { message, delivery: null };
    const payload =
      input.platform === 'messenger'
        ? messengerDelivery(this.pageId, message)
        : instagramMessageDelivery(this.instagramId, message);
    return { message, delivery: await this.webhooks.deliver(payload) };
  }

  // ---- HTTP ----

  owns(path: string): boolean {
    return /^\/v\d+\.\d+\//.test(path);
  }

  failureReply(status: number, body: unknown, headers: Record<string, string>): FakeReply {
    const fallback =
      status === 429
        ? graphError('(#4) Application request limit reached', 4)
        : status >= 500
          ? graphError('An unexpected error has occurred. Please retry your request later.', 2)
          : graphError('(#100) Invalid parameter', 100);
    return json(status, body ?? fallback, headers);
  }

  handle(req: FakeRequest, origin: string): FakeReply {
    const match = /^\/v\d+\.\d+\/([^/]+)(?:\/([^/]+))?$/.exec(req.url.pathname);
    if (!match) return json(404, graphError('Unknown path components', 2500));
    if (!req.token) {
      return json(400, graphError('An active access token must be used to query information.', 2500));
    }
    if (this.revokedTokens.has(req.token)) {
      return json(
        400,
        graphError(
          'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
          190,
          'OAuthException',
          460,
        ),
      );
    }
    const usage = this.limiter.take(req.token, 'graph');
    const percent = Math.min(100, Math.round(((usage.limit - usage.remaining) / usage.limit) * 100));
    const minutes = usage.allowed ? 0 : Math.max(1, Math.ceil((usage.resetAt - this.now()) / 60_000));
    const headers = {
      'x-app-usage': JSON.stringify({
        call_count: percent,
        total_cputime: percent >> 1,
        total_time: percent >> 1,
      }),
      'x-business-use-case-usage': JSON.stringify({
        [this.pageId]: [
          {
            type: 'pages',
            call_count: percent,
            total_cputime: percent >> 1,
            total_time: percent >> 1,
            estimated_time_to_regain_access: minutes,
          },
        ],
      }),
    };
    if (!usage.allowed) return json(400, throttledError(this.rateLimitCode), headers);
    const id = decodeURIComponent(match[1]);
    const edge = match[2] ?? null;
    const [status, body] =
      req.method === 'GET' ? this.get(id, edge, req.url, origin) : this.post(id, edge, req);
    return json(status, body, headers);
  }

  private get(id: string, edge: string | null, url: URL, origin: string): [number, unknown] {
    const list = (items: Obj[], defaultFields: string) =>
      graphList(items, url, {
        origin,
        defaultFields,
        nested: nestedEdge,
      });
    const post = this.posts.find((p) => p.id === id);
    const comment = this.allComments.find((c) => c.id === id) ?? this.adopt(id, edge);
    const conversation = this.conversations.find((c) => c.id === id);
    const newestFirst = <T extends { createdTime: number }>(items: T[]) =>
      [...items].sort((a, b) => b.createdTime - a.createdTime);
    const ordered = (items: MetaComment[], reverseByDefault: boolean) => {
      const order = url.searchParams.get('order');
      const reverse = order ? order === 'reverse_chronological' : reverseByDefault;
      const sorted = [...items].sort((a, b) => a.createdTime - b.createdTime);
      return reverse ? sorted.reverse() : sorted;
    };
    if (edge === null) {
      const item = post ? postView(post) : comment ? this.commentWithReplies(comment) : null;
      if (!item) return unknownObject(id);
      return [200, project(item, parseFields(url.searchParams.get('fields') ?? 'id'))];
    }
    if (['posts', 'feed', 'published_posts'].includes(edge) && id === this.pageId) {
      return list(
        newestFirst(this.posts.filter((p) => p.platform === 'facebook')).map((p) => postView(p)),
        'id,message,created_time',
      );
    }
    if (edge === 'media' && id === this.instagramId) {
      return list(
        newestFirst(this.posts.filter((p) => p.platform === 'instagram')).map((p) => postView(p)),
        'id',
      );
    }
    if (edge === 'comments' && post) {
      const stream = post.platform === 'facebook' && url.searchParams.get('filter') === 'stream';
      const items = this.allComments.filter((c) => c.objectId === id && (stream || c.parentId === null));
      // Instagram lists a media's comments newest first; Facebook oldest first unless asked.
      return list(
        ordered(items, post.platform === 'instagram').map((c) => this.commentWithReplies(c)),
        post.platform === 'instagram' ? 'id,text,timestamp' : 'id,message,created_time,from',
      );
    }
    if ((edge === 'comments' || edge === 'replies') && comment) {
      if ((edge === 'replies') !== (comment.platform === 'instagram')) return unknownEdge(edge);
      const replies = this.allComments.filter((c) => c.parentId === id);
      return list(
        ordered(replies, false).map((c) => this.commentWithReplies(c)),
        comment.platform === 'instagram' ? 'id,text,timestamp' : 'id,message,created_time,from',
      );
    }
    if (edge === 'conversations' && (id === this.pageId || id === this.instagramId || id === 'me')) {
      const platform =
        url.searchParams.get('platform') ?? (id === this.instagramId ? 'instagram' : 'messenger');
      const userId = url.searchParams.get('user_id');
      const accountId = id === 'me' ? this.pageId : id;
      const items = this.conversations
        .filter((c) => c.platform === platform && c.accountId === accountId)
        .filter((c) => userId === null || c.participant.id === userId)
        .map((c) =>
          conversationView(c, this.townActor(c.platform === 'messenger' ? 'facebook' : 'instagram')),
        )
        .sort((a, b) => String(b.updated_time).localeCompare(String(a.updated_time)));
      return list(items, 'id,updated_time');
    }
    if (edge === 'messages' && conversation) {
      return list(
        newestFirst(conversation.messages).map((m) => messageView(m)),
        'id,created_time',
      );
    }
    return post || comment || conversation ? unknownEdge(edge) : unknownObject(id);
  }

  private post(id: string, edge: string | null, req: FakeRequest): [number, unknown] {
    const token = req.token ?? '';
    if (edge === 'messages' && (id === this.pageId || id === this.instagramId || id === 'me')) {
      return this.send(id === 'me' ? this.pageId : id, req.fields, token);
    }
    const post = this.posts.find((p) => p.id === id);
    const target = this.allComments.find((c) => c.id === id) ?? (post ? undefined : this.adopt(id, edge));
    if ((edge === 'comments' || edge === 'replies') && (target || post)) {
      const platform = target?.platform ?? post?.platform ?? 'facebook';
      if ((edge === 'replies') !== (platform === 'instagram') && !(post && edge === 'comments')) {
        return unknownEdge(edge);
      }
      const message = fieldText(req.fields, 'message');
      if (!message) return [400, graphError('(#100) Missing message or attachment', 100)];
      const { comment } = this.townComment(platform, target ?? null, post ?? null, message);
      this.comments.push({
        id: comment.id,
        parentId: id,
        edge,
        message,
        recipientId: null,
        messagingType: null,
        accessToken: token,
        createdTime: new Date(comment.createdTime).toISOString(),
      });
      return [200, { id: comment.id }];
    }
    if (!target && !post) return unknownObject(id);
    return unknownEdge(edge ?? '');
  }

  /** The Send API: `recipient.id`, `message.text`, `messaging_type`; RESPONSE only within 24 hours. */
  private send(accountId: string, fields: Obj, token: string): [number, unknown] {
    const decode = (name: string): Obj => {
      const v = fields[name];
      if (typeof v === 'string') {
        try {
          return JSON.parse(v) as Obj;
        } catch {
          return {};
        }
      }
      return typeof v === 'object' && v !== null ? (v as Obj) : {};
    };
    const recipientId = nestedText({ r: decode('recipient') }, 'r', 'id');
    const text = nestedText({ m: decode('message') }, 'm', 'text');
    if (!recipientId) return [400, graphError('(#100) The parameter recipient is required', 100)];
    if (!text) return [400, graphError('(#100) Must send either message or state', 100)];
    const instagram = accountId === this.instagramId;
    const conversation = this.conversations.find(
      (c) => c.accountId === accountId && c.participant.id === recipientId,
    );
    const lastFromCitizen = conversation?.messages
      .filter((m) => m.from.id === recipientId)
      .reduce((max, m) => Math.max(max, m.createdTime), 0);
    const messagingType = fieldText(fields, 'messaging_type');
    // The fake knows only the conversations it was told about: others are let through.
    if (messagingType === 'RESPONSE' && lastFromCitizen && this.now() - lastFromCitizen > DAY_MS) {
      return [
        400,
        instagram
          ? graphError('This message is sent outside of allowed window.', 10, 'IGApiException', 2534022)
          : graphError(
              '(#10) This message is sent outside of allowed window.',
              10,
              'OAuthException',
              2018278,
            ),
      ];
    }
    const account = this.townActor(instagram ? 'instagram' : 'facebook');
    const participant = conversation?.participant ?? { id: recipientId };
    const target = this.conversationWith(instagram ? 'instagram' : 'messenger', participant);
    const seq = this.seq();
    const message: MetaDirectMessage = {
      id: instagram
        ? `aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlE${seq}`
        : `m_town${seq.toString(36)}${this.now().toString(36)}`,
      from: account,
      to: participant,
      message: text,
      createdTime: this.now(),
    };
    target.messages.push(message);
    this.comments.push({
      id: message.id,
      parentId: accountId,
      edge: 'messages',
      message: text,
      recipientId,
      messagingType,
      accessToken: token,
      createdTime: new Date(message.createdTime).toISOString(),
    });
    return [200, { recipient_id: recipientId, message_id: message.id }];
  }

  /**
   * A comment Guichet heard of from a webhook the fake did not send (tests post deliveries directly):
   * taken as existing, under a post of its own, so it can be answered and listed.
   */
  private adopt(id: string, edge: string | null): MetaComment | undefined {
    const facebook = edge === 'comments' && /^\d+_\d+$/.test(id) && !id.startsWith(`${this.pageId}_`);
    const instagram = edge === 'replies' && /^[\w-]+$/.test(id);
    if (!facebook && !instagram) return undefined;
    const platform: MetaPlatform = facebook ? 'facebook' : 'instagram';
    const postId = facebook ? `${this.pageId}_${id.split('_')[0]}` : `media_of_${id}`;
    if (!this.posts.some((p) => p.id === postId)) this.addPost(platform, 'Publication', { id: postId });
    const comment: MetaComment = {
      id,
      platform,
      objectId: postId,
      parentId: null,
      from: { id: 'unknown', name: 'Citoyen' },
      message: '',
      createdTime: this.now(),
    };
    this.allComments.push(comment);
    return comment;
  }

  private townComment(
    platform: MetaPlatform,
    target: MetaComment | null,
    post: MetaPost | null,
    message: string,
  ): { comment: MetaComment } {
    const objectId = target?.objectId ?? post?.id ?? '';
    const seq = this.seq();
    const comment: MetaComment = {
      id:
        platform === 'facebook'
          ? `${objectId.split('_')[1] ?? objectId}_${9_000_000_000 + seq}`
          : `1810${String(seq).padStart(13, '0')}`,
      platform,
      objectId,
      parentId: target ? (target.parentId ?? target.id) : null,
      from: this.townActor(platform),
      message,
      createdTime: this.now(),
    };
    this.allComments.push(comment);
    return { comment };
  }

  private conversationWith(platform: 'messenger' | 'instagram', participant: MetaActor): MetaConversation {
    const accountId = platform === 'messenger' ? this.pageId : this.instagramId;
    let conversation = this.conversations.find(
      (c) => c.platform === platform && c.accountId === accountId && c.participant.id === participant.id,
    );
    if (!conversation) {
      conversation = {
        id:
          platform === 'messenger'
            ? `t_${participant.id}`
            : `aWdfZAG06MTpJR01lc3NhZA2VUaHJlYWQ${participant.id}`,
        platform,
        accountId,
        participant,
        messages: [],
      };
      this.conversations.push(conversation);
    }
    return conversation;
  }

  private townActor(platform: MetaPlatform): MetaActor {
    return platform === 'facebook'
      ? { id: this.pageId, name: this.pageName }
      : { id: this.instagramId, username: this.instagramUsername };
  }

  private isTown(id: string): boolean {
    return id === this.pageId || id === this.instagramId;
  }

  private commentWithReplies(c: MetaComment): Record<string, unknown> {
    return commentView(
      c,
      this.allComments.filter((r) => r.parentId === c.id),
    );
  }

  private seq(): number {
    return ++this.counter;
  }
}
