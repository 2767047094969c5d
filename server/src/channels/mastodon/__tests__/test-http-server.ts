import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { parseJsonKeepingBigIds } from '../../parse-json-ids';

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface CannedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is (plain-text errors); anything else as JSON. */
  body?: unknown;
  /** Answers late, to exercise client timeouts. */
  delayMs?: number;
}

export interface TestHttpServer {
  baseUrl: string;
  requests: RecordedRequest[];
  respond(handler: (req: RecordedRequest) => CannedResponse): void;
  close(): Promise<void>;
}

/** A platform stand-in on 127.0.0.1: records every request and answers with what the test says. */
export async function startTestHttpServer(): Promise<TestHttpServer> {
  let handler: (req: RecordedRequest) => CannedResponse = () => ({
    status: 404,
    body: { error: 'no handler' },
  });
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const canned = handler(recorded);
      const send = (): void => {
        const body = canned.body;
        const isText = typeof body === 'string';
        const payload = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
        res.writeHead(canned.status ?? 200, {
          'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
          ...canned.headers,
        });
        res.end(payload);
      };
      if (canned.delayMs) setTimeout(send, canned.delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    respond: (h) => {
      handler = h;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** Reads a JSON fixture of a connector's __tests__/fixtures folder, keeping big ids exact. */
export function loadFixture(platform: 'mastodon' | 'x', name: string): unknown {
  // Jest runs as ESM here (no __dirname): resolve from the server workspace, wherever jest was started.
  const serverDir = existsSync(resolve(process.cwd(), 'src/channels'))
    ? process.cwd()
    : resolve(process.cwd(), 'server');
  const file = resolve(serverDir, 'src/channels', platform, '__tests__/fixtures', name);
  return parseJsonKeepingBigIds(readFileSync(file, 'utf8'));
}
