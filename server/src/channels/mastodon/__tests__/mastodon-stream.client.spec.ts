import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MastodonStream } from '../mastodon-stream.client';

/** A streaming endpoint whose behaviour each test sets: keep the response open, or close it at once. */
async function streamingServer(onRequest: (res: ServerResponse, auth: string | undefined) => void) {
  const server: Server = createServer((req, res) => onRequest(res, req.headers.authorization));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('MastodonStream', () => {
  it('hands over notification events, with the token, and asks for a catch-up after each connection', async () => {
    const open: ServerResponse[] = [];
    const auths: Array<string | undefined> = [];
    const server = await streamingServer((res, auth) => {
      auths.push(auth);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(':)\n');
      open.push(res);
    });
    const received: unknown[] = [];
    let catchUps = 0;
    const stream = new MastodonStream({
      baseUrl: server.url,
      accessToken: 'tok',
      initialBackoffMs: 50,
      onNotification: (n) => {
        received.push(n);
        return Promise.resolve();
      },
      onConnected: () => {
        catchUps++;
        return Promise.resolve();
      },
    });
    stream.start();
    while (open.length < 1) await sleep(10);
    open[0].write('event: update\ndata: {"id":"0"}\n\nevent: notification\ndata: {"id":"1"}\n\n');
    while (received.length < 1) await sleep(10);
    open[0].destroy();
    while (open.length < 2) await sleep(10);
    open[1].write('event: notification\ndata: {"id":"2"}\n\n');
    while (received.length < 2) await sleep(10);
    await stream.stop();
    await server.close();
    expect(received).toEqual([{ id: '1' }, { id: '2' }]);
    expect(catchUps).toBe(2);
    expect(auths).toEqual(['Bearer tok', 'Bearer tok']);
  });

  it('backs off more and more while the server keeps closing at once, and stops for good', async () => {
    let connections = 0;
    const server = await streamingServer((res) => {
      connections++;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(':)\n');
    });
    const stream = new MastodonStream({
      baseUrl: server.url,
      accessToken: 'tok',
      initialBackoffMs: 100,
      onNotification: () => Promise.resolve(),
      onConnected: () => Promise.resolve(),
    });
    stream.start();
    await sleep(1600);
    // 100, 200, 400, 800 ms (± 20 %): at most 5 connections, where a fixed pause would make 16.
    expect(connections).toBeGreaterThanOrEqual(3);
    expect(connections).toBeLessThanOrEqual(5);
    await stream.stop();
    const after = connections;
    await sleep(300);
    expect(connections).toBe(after);
    await server.close();
  });

  it('reconnects when the stream goes silent (no heartbeat)', async () => {
    let connections = 0;
    const server = await streamingServer((res) => {
      connections++;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(':)\n');
    });
    const stream = new MastodonStream({
      baseUrl: server.url,
      accessToken: 'tok',
      initialBackoffMs: 20,
      idleTimeoutMs: 150,
      onNotification: () => Promise.resolve(),
      onConnected: () => Promise.resolve(),
    });
    stream.start();
    await sleep(500);
    await stream.stop();
    await server.close();
    expect(connections).toBeGreaterThanOrEqual(2);
  });
});
