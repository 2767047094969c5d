import { randomBytes } from 'node:crypto';
import type { MessageView } from '@guichet/shared';
import { ChannelAccount } from '../src/channels/channel-account.entity';
import { ChannelPollService } from '../src/channels/channel-poll.service';
import { InboundQueue } from '../src/tickets/inbound-queue';
import { encryptCredentials } from '../src/channels/credentials-cipher';
import {
  startTestHttpServer,
  type TestHttpServer,
} from '../src/channels/mastodon/__tests__/test-http-server';
import { APP_SECRETS, type AppSecrets } from '../src/config/config.module';
import { Message } from '../src/tickets/message.entity';
import { Ticket } from '../src/tickets/ticket.entity';
import {
  api,
  feedDelivery,
  login,
  makePageAccount,
  makeTown,
  makeUser,
  PAGE_ID,
  postMetaWebhook,
} from './factories';
import { startTestApp, type TestApp } from './test-app';

const TOWN = '1001';

function mention(id: string, text: string, visibility = 'public', inReplyTo: string | null = null) {
  const account = {
    id: `7${id}`,
    username: `citoyen${id}`,
    acct: `citoyen${id}@piaille.example`,
    display_name: `Citoyen ${id}`,
  };
  return {
    id,
    type: 'mention',
    created_at: new Date().toISOString(),
    account,
    status: {
      id: `9${id}`,
      created_at: new Date().toISOString(),
      in_reply_to_id: inReplyTo,
      spoiler_text: '',
      visibility,
      url: `https://piaille.example/@citoyen${id}/9${id}`,
      content: `<p><span class="h-card"><a href="https://social.example/@ville" class="u-url mention">@<span>ville</span></a></span> ${text}</p>`,
      account,
      media_attachments: [],
      mentions: [{ id: TOWN, username: 'ville', acct: 'ville', url: 'https://social.example/@ville' }],
    },
  };
}

/** Makes every account due, polls, and waits for what was fetched to be processed. */
async function pollNow(t: TestApp): Promise<number> {
  await t.db.query('UPDATE channel_accounts SET next_poll_at = now()');
  const polled = await t.app.get(ChannelPollService).pollDue();
  await t.app.get(InboundQueue).settle();
  return polled;
}

describe('Polling a Mastodon account', () => {
  let t: TestApp;
  let fake: TestHttpServer;
  let account: ChannelAccount;
  beforeAll(async () => {
    t = await startTestApp({ POLL_SWEEP_MS: '600000' });
    fake = await startTestHttpServer();
  });
  afterAll(async () => {
    await fake.close();
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    fake.requests.length = 0;
    await makeTown(t.db);
    const secrets = t.app.get<AppSecrets>(APP_SECRETS);
    account = await t.db.getRepository(ChannelAccount).save({
      platform: 'mastodon',
      externalId: TOWN,
      name: '@ville@social.example',
      baseUrl: fake.baseUrl,
      credentialsEncrypted: encryptCredentials({ accessToken: 'masto-token' }, secrets.credentialsKey),
    });
  });

  const poll = () => pollNow(t);

  it('stores new mentions once, moves its cursor, and asks only for what is newer next time', async () => {
    let pages: Record<string, unknown[]> = {
      first: [mention('12', 'trottoir défoncé rue Haute'), mention('11', 'nid de poule avenue du Lac')],
    };
    fake.respond((req) => {
      const minId = req.url.searchParams.get('min_id');
      if (req.url.pathname !== '/api/v1/notifications') return { status: 404, body: { error: 'not found' } };
      return { body: minId === null ? pages.first : (pages[minId] ?? []) };
    });
    expect(await poll()).toBe(1);
    expect(await t.db.getRepository(Ticket).count()).toBe(2);
    let stored = await t.db.getRepository(ChannelAccount).findOneByOrFail({ id: account.id });
    expect(stored).toMatchObject({ pollCursor: '12', lastError: null });
    expect(stored.lastPolledAt).not.toBeNull();
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer masto-token');

    pages = { first: [], '12': [mention('13', 'lampadaire éteint place du Marché', 'direct')], '13': [] };
    await poll();
    expect(fake.requests.map((r) => r.url.searchParams.get('min_id'))).toContain('12');
    stored = await t.db.getRepository(ChannelAccount).findOneByOrFail({ id: account.id });
    expect(stored.pollCursor).toBe('13');
    expect(await t.db.getRepository(Ticket).count()).toBe(3);
    const direct = await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: '913' });
    expect(direct).toMatchObject({ kind: 'direct', body: 'lampadaire éteint place du Marché' });

    // A replay of the same items (cursor lost) stores nothing twice.
    await t.db.query('UPDATE channel_accounts SET poll_cursor = NULL');
    pages = {
      first: [
        mention('13', 'lampadaire éteint place du Marché', 'direct'),
        mention('12', 'trottoir défoncé rue Haute'),
      ],
    };
    await poll();
    expect(await t.db.getRepository(Message).count()).toBe(3);
  });

  it('keeps the cursor and records the error when the instance fails, then catches up', async () => {
    fake.respond(() => ({ status: 503, body: { error: 'Service Unavailable' } }));
    await poll();
    const failed = await t.db.getRepository(ChannelAccount).findOneByOrFail({ id: account.id });
    expect(failed.lastError).toBe('Service Unavailable');
    expect(failed.pollCursor).toBeNull();
    expect((failed.nextPollAt as Date).getTime()).toBeGreaterThan(Date.now());
    fake.respond(() => ({ body: [mention('21', 'poubelles pas ramassées')] }));
    await poll();
    expect(await t.db.getRepository(Ticket).count()).toBe(1);
    expect(
      (await t.db.getRepository(ChannelAccount).findOneByOrFail({ id: account.id })).lastError,
    ).toBeNull();
  });

  it('says the tokens are unreadable when another SECRET_KEY encrypted them, and asks the platform nothing', async () => {
    await t.db
      .getRepository(ChannelAccount)
      .update(
        { id: account.id },
        { credentialsEncrypted: encryptCredentials({ accessToken: 'masto-token' }, randomBytes(32)) },
      );
    fake.respond(() => ({ body: [mention('31', 'lampadaire éteint')] }));
    await poll();
    const failed = await t.db.getRepository(ChannelAccount).findOneByOrFail({ id: account.id });
    expect(failed.lastError).toMatch(/^Jetons illisibles : .*SECRET_KEY/);
    expect(fake.requests).toHaveLength(0);
    expect(await t.db.getRepository(Message).count()).toBe(0);
  });

  it('answers a Mastodon direct message older than 24 hours (Meta’s window does not apply)', async () => {
    const old = mention('41', 'nid de poule rue Basse', 'direct');
    const written = new Date(Date.now() - 3 * 24 * 3600 * 1000).toISOString();
    old.created_at = written;
    old.status.created_at = written;
    fake.respond((req) =>
      req.method === 'POST'
        ? { body: { id: '99002', visibility: 'direct' } }
        : { body: req.url.searchParams.get('min_id') ? [] : [old] },
    );
    await poll();
    const ticket = await t.db
      .getRepository(Ticket)
      .findOneOrFail({ where: {}, relations: { service: true } });
    const agent = await login(t, (await makeUser(t.db, { services: [ticket.service] })).email);
    const res = await api<MessageView>(t, agent, `/api/tickets/${ticket.id}/replies`, {
      method: 'POST',
      body: { body: 'Bonjour, c’est noté.' },
    });
    expect(res.status).toBe(201);
    expect(res.body.deliveryStatus).toBe('sent');
  });

  it('replies in the same visibility, mentioning the citizen', async () => {
    fake.respond((req) =>
      req.method === 'POST'
        ? { body: { id: '99001', visibility: 'direct' } }
        : {
            body: req.url.searchParams.get('min_id')
              ? []
              : [mention('31', 'nid de poule chemin des Vignes', 'direct')],
          },
    );
    await poll();
    const ticket = await t.db
      .getRepository(Ticket)
      .findOneOrFail({ where: {}, relations: { service: true } });
    const agent = await login(t, (await makeUser(t.db, { services: [ticket.service] })).email);
    const res = await api<MessageView>(t, agent, `/api/tickets/${ticket.id}/replies`, {
      method: 'POST',
      body: { body: 'Merci, nous passons demain.' },
    });
    expect(res.body).toMatchObject({ deliveryStatus: 'sent', platformMessageId: '99001' });
    const post = fake.requests.find((r) => r.method === 'POST');
    expect(post?.url.pathname).toBe('/api/v1/statuses');
    expect(JSON.parse(post?.body ?? '{}')).toMatchObject({
      in_reply_to_id: '931',
      visibility: 'direct',
      status: expect.stringContaining('@citoyen31@piaille.example') as unknown,
    });
  });
});

describe('Polling a Facebook Page (webhooks dropped)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ POLL_SWEEP_MS: '600000' });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    await makeTown(t.db);
    await makePageAccount(t);
  });

  const poll = () => pollNow(t);

  it('catches up comments whose webhooks never came, across pages, storing each once', async () => {
    const post = `${PAGE_ID}_8001`;
    t.graph.addCitizenComment({
      id: '8001_1',
      postId: post,
      parentId: null,
      message: 'Nid de poule rue Neuve',
      from: { id: '501', name: 'Lucie' },
    });
    t.graph.addCitizenComment({
      id: '8001_2',
      postId: post,
      parentId: '8001_1',
      message: 'Toujours là ce matin',
      from: { id: '502', name: 'Hugo' },
    });
    // This one also came by webhook: stored once whichever way arrives first.
    await postMetaWebhook(
      t,
      feedDelivery([{ commentId: '8001_3', postId: post, message: 'Poubelles renversées' }]),
    );
    t.graph.addCitizenComment({
      id: '8001_3',
      postId: post,
      parentId: null,
      message: 'Poubelles renversées',
      from: { id: '503', name: 'Léa' },
    });
    for (let i = 0; i < 130; i++) {
      t.graph.addCitizenComment({
        id: `8002_${i}`,
        postId: `${PAGE_ID}_8002`,
        parentId: null,
        message: `Commentaire ${i} sur le marché`,
        from: { id: `6${i}`, name: `Habitant ${i}` },
      });
    }
    await poll();
    expect(await t.db.getRepository(Message).countBy({ direction: 'inbound' })).toBe(133);
    // The reply joined the ticket of the comment it answers.
    const first = await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: '8001_1' });
    const reply = await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: '8001_2' });
    expect(reply.ticketId).toBe(first.ticketId);
    const account = await t.db.getRepository(ChannelAccount).findOneByOrFail({ platform: 'facebook' });
    expect(account.pollCursor).toMatch(/^\d+$/);
    expect(account.lastError).toBeNull();
    await poll();
    expect(await t.db.getRepository(Message).countBy({ direction: 'inbound' })).toBe(133);
  });
});
