import type { MessageView, TicketDetail } from '@guichet/shared';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { Message } from '../src/tickets/message.entity';
import { IngestInboundService } from '../src/tickets/ingest-inbound.service';
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

describe('Replying to a citizen', () => {
  let t: TestApp;
  let cookie: string;
  let ticketId: string;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    const { voirie } = await makeTown(t.db);
    await makePageAccount(t);
    const agent = await makeUser(t.db, { services: [voirie], displayName: 'Julie Martin' });
    cookie = await login(t, agent.email);
    await postMetaWebhook(
      t,
      feedDelivery([{ commentId: '9100_1', message: 'Lampadaire cassé rue des Tilleuls' }]),
    );
    ticketId = (await t.db.getRepository(Ticket).findOneOrFail({ where: {} })).id;
  });

  const reply = (body: unknown) =>
    api<MessageView>(t, cookie, `/api/tickets/${ticketId}/replies`, { method: 'POST', body });

  it('stores the reply, posts it under the comment through the Graph API and records the platform id', async () => {
    const res = await reply({ body: '  Bonjour, une équipe passe demain matin.  ' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      direction: 'outbound',
      body: 'Bonjour, une équipe passe demain matin.',
      deliveryStatus: 'sent',
      author: { kind: 'user', displayName: 'Julie Martin' },
    });
    expect(t.graph.comments).toHaveLength(1);
    expect(t.graph.comments[0]).toMatchObject({
      parentId: '9100_1',
      message: 'Bonjour, une équipe passe demain matin.',
      accessToken: 'page-token-123',
    });
    expect(res.body.platformMessageId).toBe(t.graph.comments[0]?.id);
    const stored = await t.db.getRepository(Message).findOneByOrFail({ id: res.body.id });
    expect(stored.deliveryStatus).toBe('sent');
    const ticket = await t.db.getRepository(Ticket).findOneByOrFail({ id: ticketId });
    expect(ticket.status).toBe('open');
    expect(ticket.firstRespondedAt).not.toBeNull();
    expect(ticket.firstResponseMinutes).toBeGreaterThanOrEqual(0);
    expect(
      await t.db.getRepository(AuditEvent).countBy({ action: 'ticket.replied', targetId: ticketId }),
    ).toBe(1);
    const detail = await api<TicketDetail>(t, cookie, `/api/tickets/${ticketId}`);
    expect(detail.body.messages.map((m) => m.direction)).toEqual(['inbound', 'outbound']);
  });

  it('does not store the page reply twice when Meta echoes it back by webhook', async () => {
    const res = await reply({ body: 'Merci, c’est noté.' });
    const echoId = res.body.platformMessageId as string;
    await postMetaWebhook(
      t,
      feedDelivery([{ commentId: echoId, parentId: '9100_1', from: { id: PAGE_ID, name: 'Ville' } }]),
    );
    expect(await t.db.getRepository(Message).count()).toBe(2);
  });

  it('marks the reply failed with the platform message when Meta refuses it', async () => {
    t.graph.failNext({
      method: 'POST',
      status: 400,
      body: {
        error: { message: '(#10) This comment cannot be replied to', type: 'OAuthException', code: 10 },
      },
    });
    const res = await reply({ body: 'Bonjour' });
    expect(res.status).toBe(201);
    expect(res.body.deliveryStatus).toBe('failed');
    expect(res.body.deliveryError).toBe('(#10) This comment cannot be replied to');
    const ticket = await t.db.getRepository(Ticket).findOneByOrFail({ id: ticketId });
    expect(ticket.firstRespondedAt).toBeNull();
  });

  it.each([
    [{}, /body/],
    [{ body: '   ' }, /body must not be empty/],
    [{ body: 42 }, /body must be a string/],
    [{ body: 'ok', extra: true }, /property extra should not exist/],
    [{ body: 'x'.repeat(8001) }, /at most 8000 characters/],
  ])('answers 400 to %j and stores nothing', async (payload, message) => {
    const res = await reply(payload);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(message);
    expect(await t.db.getRepository(Message).count()).toBe(1);
    expect(t.graph.comments).toHaveLength(0);
  });
});

describe('Threading on replies to the town', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it("joins a citizen's answer to the town's reply to the ticket of that reply", async () => {
    await t.reset();
    const { voirie } = await makeTown(t.db);
    await makePageAccount(t, { platform: 'mastodon', externalId: '1001', name: '@ville@social.example' });
    const ingest = t.app.get(IngestInboundService);
    const status = (id: string, parent: string | null, body: string) => ({
      type: 'message' as const,
      platform: 'mastodon' as const,
      accountExternalId: '1001',
      kind: 'mention' as const,
      platformMessageId: id,
      platformParentId: parent,
      threadKey: parent ?? id,
      author: { platformUserId: '77', displayName: 'Marie', handle: '@marie@piaille.example' },
      body,
      sentAt: new Date(),
      context: null,
      raw: {},
    });
    const first = await ingest.ingest(status('110', null, '@ville un nid de poule rue Haute'));
    expect(first.outcome).toBe('created');
    // The town's reply, as the outbox records it once posted.
    await t.db.getRepository(Message).insert({
      ticketId: first.ticketId as string,
      channelAccountId: (await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: '110' }))
        .channelAccountId,
      platformMessageId: '111',
      platformParentId: '110',
      direction: 'outbound',
      kind: 'mention',
      body: '@marie merci, nous passons demain',
      deliveryStatus: 'sent',
      sentAt: new Date(),
    });
    const answer = await ingest.ingest(status('112', '111', '@ville merci !'));
    expect(answer).toMatchObject({ outcome: 'appended', ticketId: first.ticketId });
    expect(
      (await t.db.getRepository(Ticket).findOneByOrFail({ id: first.ticketId as string })).serviceId,
    ).toBe(voirie.id);
  });
});
