import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseBody, tokenOf, writeReply, type FakeReply, type FakeRequest } from './http';
import { FakeMastodon, type FakeMastodonOptions } from './mastodon';
import { FakeMeta, type FakeMetaOptions } from './meta';
import type { PlatformFake } from './platform-fake';
import { MetaWebhookSender } from './webhooks';
import { FakeX, type FakeXOptions } from './x';

export interface FakePlatformOptions {
  meta?: Omit<FakeMetaOptions, 'now' | 'webhooks'>;
  mastodon?: Omit<FakeMastodonOptions, 'now'>;
  x?: Omit<FakeXOptions, 'now'>;
  /** Where Meta's webhooks go (`http://…/api/webhooks/meta`), and the app secret that signs them. */
  webhookUrl?: string | null;
  appSecret?: string;
  now?: () => number;
}

/** One request the fake answered, for tests that count calls ("no hammering"). */
export interface FakeRequestLog {
  platform: PlatformFake['name'] | null;
  method: string;
  path: string;
  query: string;
  status: number | 'stream' | 'hung';
  at: number;
}

/**
 * The platforms Guichet talks to, on one local port: Meta Graph (`/v23.0/…`), Mastodon (`/api/v1/…`)
 * and X (`/2/…`). Keeps state, pages results, enforces rate limits, signs and sends Meta webhooks, and
 * fails on command (`failNext` on each platform: an HTTP error, a post whose answer is lost, a hang).
 * Tests start one per app (`t.platform`); `npm start` runs one in-process for the offline demo.
 */
export class FakePlatformServer {
  readonly meta: FakeMeta;
  readonly mastodon: FakeMastodon;
  readonly x: FakeX;
  readonly webhooks: MetaWebhookSender;
  readonly requests: FakeRequestLog[] = [];
  url = '';
  private server: Server | null = null;
  private readonly hung = new Set<ServerResponse>();
  private readonly platforms: PlatformFake[];
  private readonly now: () => number;

  constructor(options: FakePlatformOptions = {}) {
    this.now = options.now ?? Date.now;
    this.webhooks = new MetaWebhookSender({
      url: options.webhookUrl ?? null,
      appSecret: options.appSecret ?? 'fake-app-secret',
    });
    this.meta = new FakeMeta({ ...options.meta, now: this.now, webhooks: this.webhooks });
    this.mastodon = new FakeMastodon({ ...options.mastodon, now: this.now });
    this.x = new FakeX({ ...options.x, now: this.now });
    this.platforms = [this.meta, this.mastodon, this.x];
  }

  /** Requests made to one platform (optionally only those whose path matches). */
  requestsTo(platform: PlatformFake['name'], path?: RegExp): FakeRequestLog[] {
    return this.requests.filter((r) => r.platform === platform && (!path || path.test(r.path)));
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => {
      this.dispatch(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(port, host, resolve));
    const { port: actual } = this.server.address() as AddressInfo;
    this.url = `http://${host}:${actual}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.mastodon.dropStreams();
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Empties every platform's state, queued failures and limits (between tests). */
  reset(): void {
    for (const p of this.platforms) p.reset();
    this.webhooks.reset();
    this.requests.length = 0;
    for (const res of this.hung) res.destroy();
    this.hung.clear();
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const platform = this.platforms.find((p) => p.owns(url.pathname)) ?? null;
    const log: FakeRequestLog = {
      platform: platform?.name ?? null,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      status: 404,
      at: this.now(),
    };
    this.requests.push(log);
    if (!platform) return writeReply(res, { status: 404, body: { error: 'Unknown platform path' } });
    const fields = parseBody(rawBody, req.headers['content-type']);
    if (fields === null) {
      log.status = 400;
      return writeReply(res, { status: 400, body: { error: 'Malformed request body' } });
    }
    const request: FakeRequest = {
      method: req.method ?? 'GET',
      url,
      headers: req.headers,
      rawBody,
      fields,
      token: tokenOf(req.headers, url, fields),
    };
    const failure = platform.failures.take(request);
    if (failure?.hang) {
      // With afterPosting: the platform did the work, and its answer never came.
      if (failure.afterPosting) platform.handle(request, this.url);
      log.status = 'hung';
      this.hung.add(res);
      res.on('close', () => this.hung.delete(res));
      return;
    }
    let reply: FakeReply;
    if (failure && !failure.afterPosting) {
      reply = platform.failureReply(failure.status ?? 500, failure.body, failure.headers ?? {});
    } else {
      reply = platform.handle(request, this.url);
      if (failure) reply = platform.failureReply(failure.status ?? 500, failure.body, failure.headers ?? {});
    }
    if ('stream' in reply) {
      log.status = 'stream';
      reply.stream(res);
      return;
    }
    log.status = reply.status;
    writeReply(res, reply);
  }
}
