import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeGraphComment {
  id: string;
  parentId: string;
  message: string;
  accessToken: string;
  createdTime: string;
}

export interface FakeGraphFailure {
  status: number;
  body: unknown;
}

/**
 * A local stand-in for the Graph API endpoints Guichet calls, for tests and the offline demo:
 * keeps the comments posted, and fails on command. Issue #4 grows it into the full fake platform.
 */
export class FakeMetaGraphServer {
  readonly comments: FakeGraphComment[] = [];
  private readonly failures: FakeGraphFailure[] = [];
  private server: Server | null = null;
  private counter = 0;
  url = '';

  /** The next `count` calls answer this error instead of succeeding. */
  failNext(failure: FakeGraphFailure, count = 1): void {
    for (let i = 0; i < count; i++) this.failures.push(failure);
  }

  reset(): void {
    this.comments.length = 0;
    this.failures.length = 0;
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
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const match = /^\/v\d+\.\d+\/([^/]+)\/comments$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (req.method !== 'POST' || !match) {
      return send(404, { error: { message: 'Unknown path', type: 'GraphMethodException', code: 100 } });
    }
    const failure = this.failures.shift();
    if (failure) return send(failure.status, failure.body);
    const accessToken = form.get('access_token') ?? '';
    const message = form.get('message') ?? '';
    if (!accessToken) {
      return send(400, {
        error: { message: 'An access token is required', type: 'OAuthException', code: 104 },
      });
    }
    if (!message) {
      return send(400, { error: { message: '(#100) Missing message', type: 'OAuthException', code: 100 } });
    }
    const parentId = decodeURIComponent(match[1]);
    const id = `${parentId.split('_')[0]}_${9_000_000_000 + ++this.counter}`;
    this.comments.push({ id, parentId, message, accessToken, createdTime: new Date().toISOString() });
    send(200, { id });
  }
}
