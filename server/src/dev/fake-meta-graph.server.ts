import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A reply the fake received: under a comment (`comments`, `replies`) or a private message (`messages`). */
export interface FakeGraphComment {
  id: string;
  /** The comment answered, or the account that sent the private message. */
  parentId: string;
  edge: 'comments' | 'replies' | 'messages';
  message: string;
  /** The recipient of a private message. */
  recipientId: string | null;
  messagingType: string | null;
  accessToken: string;
  createdTime: string;
}

/** A citizen's comment on one of the page's posts, as the Graph API lists it. */
export interface FakeCitizenComment {
  id: string;
  postId: string;
  parentId: string | null;
  message: string;
  from: { id: string; name: string };
  createdTime: string;
}

export interface FakeGraphFailure {
  status: number;
  body: unknown;
  /** Post for real, then answer the error: a reply that reached Meta but whose answer was lost. */
  afterPosting?: boolean;
}

const graphError = (message: string, code: number, type = 'OAuthException') => ({
  error: { message, type, code },
});

/**
 * A local stand-in for the Graph API endpoints Guichet posts to, for tests and the offline demo:
 * keeps what was posted, and fails on command. Issue #4 grows it into the full fake platform.
 */
export class FakeMetaGraphServer {
  readonly comments: FakeGraphComment[] = [];
  /** The account the posts come from (what `from.id` says when they are listed). */
  accountId = '104857362948571';
  private readonly failures: FakeGraphFailure[] = [];
  private server: Server | null = null;
  private counter = 0;
  url = '';

  /** The next `count` calls answer this error instead of succeeding. */
  failNext(failure: FakeGraphFailure, count = 1): void {
    for (let i = 0; i < count; i++) this.failures.push(failure);
  }

  /** Comments citizens wrote (listed by `GET /{post-id}/comments`), e.g. ones whose webhook was dropped. */
  readonly citizenComments: FakeCitizenComment[] = [];
  /** The page's posts, newest last. */
  readonly posts: Array<{ id: string; createdTime: string }> = [];

  reset(): void {
    this.comments.length = 0;
    this.failures.length = 0;
    this.citizenComments.length = 0;
    this.posts.length = 0;
  }

  /** A comment that exists on Meta without any webhook having told Guichet. */
  addCitizenComment(comment: Omit<FakeCitizenComment, 'createdTime'> & { createdTime?: string }): void {
    if (!this.posts.some((p) => p.id === comment.postId)) {
      this.posts.push({ id: comment.postId, createdTime: new Date().toISOString() });
    }
    this.citizenComments.push({ ...comment, createdTime: comment.createdTime ?? new Date().toISOString() });
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    const { port: actual } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${actual}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET') return send(...this.list(url));
    const match = /^\/v\d+\.\d+\/([^/]+)\/(comments|replies|messages)$/.exec(url.pathname);
    if (req.method !== 'POST' || !match)
      return send(404, graphError('Unknown path', 100, 'GraphMethodException'));
    let fields: Record<string, unknown>;
    try {
      fields = (req.headers['content-type'] ?? '').includes('json')
        ? (JSON.parse(raw || '{}') as Record<string, unknown>)
        : Object.fromEntries(new URLSearchParams(raw));
    } catch {
      return send(400, graphError('Invalid JSON', 100));
    }
    const failure = this.failures.shift();
    if (failure && !failure.afterPosting) return send(failure.status, failure.body);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const accessToken = bearer ?? (typeof fields.access_token === 'string' ? fields.access_token : '');
    if (!accessToken)
      return send(400, graphError('An access token is required to request this resource.', 104));
    const parentId = decodeURIComponent(match[1]);
    const edge = match[2] as FakeGraphComment['edge'];
    const nested = (v: unknown, key: string) =>
      typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
    const message = edge === 'messages' ? nested(fields.message, 'text') : fields.message;
    if (typeof message !== 'string' || message === '')
      return send(400, graphError('(#100) Missing message', 100));
    const recipientId = edge === 'messages' ? nested(fields.recipient, 'id') : null;
    if (edge === 'messages' && typeof recipientId !== 'string') {
      return send(400, graphError('(#100) The parameter recipient is required', 100));
    }
    const id =
      edge === 'messages'
        ? `m_${(++this.counter).toString(36)}${Date.now().toString(36)}`
        : `${parentId.split('_')[0]}_${9_000_000_000 + ++this.counter}`;
    this.comments.push({
      id,
      parentId,
      edge,
      message,
      recipientId: typeof recipientId === 'string' ? recipientId : null,
      messagingType: typeof fields.messaging_type === 'string' ? fields.messaging_type : null,
      accessToken,
      createdTime: new Date().toISOString(),
    });
    if (failure) return send(failure.status, failure.body);
    send(200, edge === 'messages' ? { recipient_id: recipientId, message_id: id } : { id });
  }

  /**
   * `GET /{page}/posts`, `GET /{post-or-comment}/comments|replies` (with `limit`/`after` paging and a
   * `paging.next` URL while more remain) and `GET /{account}/conversations?user_id=`.
   */
  private list(url: URL): [number, unknown] {
    const edge = /^\/v\d+\.\d+\/([^/]+)\/(posts|comments|replies|conversations)$/.exec(url.pathname);
    if (!edge) return [404, graphError('Unknown path', 100, 'GraphMethodException')];
    const [, id, kind] = edge as unknown as [string, string, string];
    const page = <T>(items: T[]): [number, unknown] => {
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 25) || 25, 100);
      const after = Number(url.searchParams.get('after') ?? 0) || 0;
      const slice = items.slice(after, after + limit);
      const more = after + limit < items.length;
      const next = new URL(url.toString().replace('http://x', this.url));
      next.searchParams.set('after', String(after + limit));
      // Graph's last page has no `next` (its cursors may remain).
      const paging = {
        cursors: { before: String(after), after: String(after + limit) },
        ...(more ? { next: next.toString() } : {}),
      };
      return [200, { data: slice, paging }];
    };
    if (kind === 'posts') {
      return page([...this.posts].reverse().map((p) => ({ id: p.id, created_time: p.createdTime })));
    }
    const decoded = decodeURIComponent(id);
    if (kind === 'comments' && this.posts.some((p) => p.id === decoded)) {
      const citizen = this.citizenComments
        .filter((c) => c.postId === decoded)
        .map((c) => ({
          id: c.id,
          message: c.message,
          from: c.from,
          created_time: c.createdTime,
          ...(c.parentId ? { parent: { id: c.parentId } } : {}),
        }));
      const ordered = url.searchParams.get('order') === 'reverse_chronological' ? citizen.reverse() : citizen;
      return page(ordered);
    }
    const item = (c: FakeGraphComment) => ({
      id: c.id,
      message: c.message,
      text: c.message,
      from: { id: this.accountId },
      created_time: c.createdTime,
      timestamp: c.createdTime,
    });
    if (kind === 'conversations') {
      const user = url.searchParams.get('user_id');
      const messages = this.comments.filter((c) => c.edge === 'messages' && c.recipientId === user).map(item);
      return [200, { data: [{ id: `t_${user ?? ''}`, messages: { data: messages.reverse() } }] }];
    }
    const replies = this.comments
      .filter((c) => c.edge === kind && c.parentId === decodeURIComponent(id))
      .map(item);
    return [200, { data: replies.reverse(), paging: {} }];
  }
}
