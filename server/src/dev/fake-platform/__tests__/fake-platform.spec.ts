import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidMetaSignature } from '../../../channels/meta/meta-signature';
import { parseLinkHeader } from '../../../channels/mastodon/mastodon-api.client';
import { SseParser } from '../../../channels/mastodon/mastodon-stream.client';
import { FakePlatformServer } from '../fake-platform.server';

/** The fake's own protocol details, checked against what the platforms document. */
describe('FakePlatformServer', () => {
  const fake = new FakePlatformServer({ appSecret: 'app-secret' });
  const get = async (path: string, token = 'tok') => {
    const res = await fetch(`${fake.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  };
  beforeAll(async () => {
    await fake.start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  it('Graph: selects the requested fields, pages with cursors, and has no paging.next on the last page', async () => {
    const post = fake.meta.addPost('facebook', 'Travaux');
    for (let i = 0; i < 3; i++) {
      await fake.meta.citizenComment(
        { platform: 'facebook', postId: post.id, from: { id: `9${i}`, name: `N${i}` }, text: `c${i}` },
        { webhook: false },
      );
    }
    const first = await get(`/v23.0/${post.id}/comments?fields=message,from{id}&limit=2`);
    expect(first.body.data).toEqual([
      { id: expect.any(String) as unknown, message: 'c0', from: { id: '90' } },
      { id: expect.any(String) as unknown, message: 'c1', from: { id: '91' } },
    ]);
    const paging = first.body.paging as { next?: string; cursors: { after: string } };
    expect(paging.next).toContain(`after=${paging.cursors.after}`);
    const last = await fetch(paging.next ?? '', { headers: { authorization: 'Bearer tok' } });
    const lastBody = (await last.json()) as { data: unknown[]; paging: { next?: string } };
    expect(lastBody.data).toHaveLength(1);
    expect(lastBody.paging.next).toBeUndefined();
    expect(JSON.parse(first.headers.get('x-app-usage') ?? '{}')).toHaveProperty('call_count');
    expect((await get(`/v23.0/${post.id}/comments`, '')).status).toBe(400);
  });

  it('Meta webhooks: the exact body, signed with the app secret', async () => {
    const bodies: Array<{ raw: string; signature: string }> = [];
    const receiver: Server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        bodies.push({ raw, signature: String(req.headers['x-hub-signature-256']) });
        res.end('{}');
      });
    });
    await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
    fake.webhooks.url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const { delivery } = await fake.meta.citizenMessage({
      platform: 'messenger',
      from: { id: '42' },
      text: 'Été ☀️',
    });
    await new Promise<void>((ok) => receiver.close(() => ok()));
    expect(delivery?.status).toBe(200);
    expect(isValidMetaSignature(Buffer.from(bodies[0].raw, 'utf8'), bodies[0].signature, 'app-secret')).toBe(
      true,
    );
    expect(JSON.parse(bodies[0].raw)).toMatchObject({
      object: 'page',
      entry: [{ messaging: [{ sender: { id: '42' } }] }],
    });
    fake.webhooks.dropNext();
    const dropped = await fake.meta.citizenMessage({
      platform: 'messenger',
      from: { id: '42' },
      text: 'Encore',
    });
    expect(dropped.delivery).toMatchObject({ dropped: true, status: null });
  });

  it('Mastodon: since_id, max_id and min_id paging with Link next/prev, and rate-limit headers', async () => {
    const ids = Array.from(
      { length: 5 },
      (_, i) => fake.mastodon.citizenMention({ author: { username: `u${i}` }, text: `m${i}` }).notificationId,
    );
    const page = await get('/api/v1/notifications?types[]=mention&limit=2');
    expect((page.body as unknown as Array<{ id: string }>).map((n) => n.id)).toEqual([ids[4], ids[3]]);
    const links = parseLinkHeader(page.headers.get('link'));
    expect(new URL(links.get('next') ?? '').searchParams.get('max_id')).toBe(ids[3]);
    expect(new URL(links.get('prev') ?? '').searchParams.get('min_id')).toBe(ids[4]);
    const after = await get(`/api/v1/notifications?min_id=${ids[0]}&limit=2`);
    expect((after.body as unknown as Array<{ id: string }>).map((n) => n.id)).toEqual([ids[2], ids[1]]);
    const since = await get(`/api/v1/notifications?since_id=${ids[0]}&limit=2`);
    expect((since.body as unknown as Array<{ id: string }>).map((n) => n.id)).toEqual([ids[4], ids[3]]);
    expect(page.headers.get('x-ratelimit-remaining')).toBe('299');
    expect(Date.parse(page.headers.get('x-ratelimit-reset') ?? '')).toBeGreaterThan(Date.now());
    expect((await get('/api/v1/notifications', '')).body).toEqual({ error: 'The access token is invalid' });
  });

  it('Mastodon: answers a repeated Idempotency-Key with the same status', async () => {
    const { status } = fake.mastodon.citizenMention({ author: { username: 'lea' }, text: 'Bonjour' });
    const post = () =>
      fetch(`${fake.url}/api/v1/statuses`, {
        method: 'POST',
        headers: { authorization: 'Bearer tok', 'content-type': 'application/json', 'idempotency-key': 'k1' },
        body: JSON.stringify({
          status: '@lea@piaille.example Merci',
          in_reply_to_id: status.id,
          visibility: 'direct',
        }),
      }).then((r) => r.json() as Promise<{ id: string; mentions: unknown[] }>);
    const [a, b] = [await post(), await post()];
    expect(a.id).toBe(b.id);
    expect(fake.mastodon.posted).toHaveLength(1);
    expect(a.mentions).toHaveLength(1);
  });

  it('Mastodon streaming: both URL forms stream notifications as server-sent events', async () => {
    for (const path of [
      '/api/v1/streaming/user/notification',
      '/api/v1/streaming?stream=user:notification',
    ]) {
      const controller = new AbortController();
      const res = await fetch(`${fake.url}${path}`, {
        headers: { authorization: 'Bearer tok' },
        signal: controller.signal,
      });
      expect(res.headers.get('content-type')).toBe('text/event-stream');
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const parser = new SseParser();
      fake.mastodon.citizenMention({ author: { username: 'zoe' }, text: 'Coucou' });
      const events = [];
      while (events.length === 0)
        events.push(...parser.push(new TextDecoder().decode((await reader.read()).value)));
      controller.abort();
      expect(events[0].event).toBe('notification');
      expect(JSON.parse(events[0].data)).toMatchObject({ type: 'mention', status: { visibility: 'public' } });
    }
  });

  it('X: newest first with next_token, fields only when asked, max_results checked, duplicates refused', async () => {
    const tweets = Array.from({ length: 7 }, (_, i) =>
      fake.x.citizenMention({ author: { username: `c${i}` }, text: `t${i}` }),
    );
    const town = fake.x.town.id;
    const first = await get(`/2/users/${town}/mentions?max_results=5&expansions=author_id`);
    const data = first.body.data as Array<Record<string, unknown>>;
    expect(data.map((t) => t.id)).toEqual(
      tweets
        .slice(2)
        .reverse()
        .map((t) => t.id),
    );
    expect(Object.keys(data[0]).sort()).toEqual(['edit_history_tweet_ids', 'id', 'text']);
    const meta = first.body.meta as { next_token: string; result_count: number };
    expect(meta.result_count).toBe(5);
    const second = await get(`/2/users/${town}/mentions?max_results=5&pagination_token=${meta.next_token}`);
    expect((second.body.meta as { next_token?: string }).next_token).toBeUndefined();
    expect(first.headers.get('x-rate-limit-remaining')).toBe('449');
    expect((await get(`/2/users/${town}/mentions?max_results=500`)).status).toBe(400);
    const reply = () =>
      fetch(`${fake.url}/2/tweets`, {
        method: 'POST',
        headers: { authorization: 'Bearer user', 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'Merci', reply: { in_reply_to_tweet_id: tweets[0].id } }),
      });
    expect((await reply()).status).toBe(201);
    const again = await reply();
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({
      detail: 'You are not allowed to create a Tweet with duplicate content.',
    });
  });

  it('fails on command, only for the matching requests: an HTTP status, a hang', async () => {
    fake.x.failNext({ status: 503, method: 'POST' });
    expect((await get(`/2/users/${fake.x.town.id}/mentions?max_results=5`)).status).toBe(200);
    fake.x.failNext({ hang: true });
    const hung = await fetch(`${fake.url}/2/users/${fake.x.town.id}/mentions`, {
      headers: { authorization: 'Bearer tok' },
      signal: AbortSignal.timeout(200),
    }).catch((err: Error) => err.name);
    expect(hung).toBe('TimeoutError');
    expect(fake.x.failures.pending).toBe(1);
  });
});
