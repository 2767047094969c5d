import type { MessageView } from '@guichet/shared';
import { Message } from '../src/tickets/message.entity';
import { ReplyOutboxService } from '../src/tickets/reply-outbox.service';
import { ReplyOutboxWorker } from '../src/tickets/reply-outbox.worker';
import { Ticket } from '../src/tickets/ticket.entity';
import { api, feedDelivery, login, makePageAccount, makeTown, makeUser, postMetaWebhook } from './factories';
import { startTestApp, type TestApp } from './test-app';

// POSTs only: a background poll (GET) must not take a failure meant for the reply.
const serverError = {
  method: 'POST' as const,
  status: 500,
  body: { error: { message: 'An unexpected error has occurred.', type: 'OAuthException', code: 2 } },
};

describe('Reply outbox', () => {
  let t: TestApp;
  let cookie: string;
  let ticketId: string;
  beforeAll(async () => {
    // The timer is slow on purpose: each test runs the sweeps itself.
    t = await startTestApp({ OUTBOX_SWEEP_MS: '60000' });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    const { voirie } = await makeTown(t.db);
    await makePageAccount(t);
    cookie = await login(t, (await makeUser(t.db, { services: [voirie] })).email);
    await postMetaWebhook(
      t,
      feedDelivery([{ commentId: '9300_1', message: 'Nid de poule place du Marché' }]),
    );
    ticketId = (await t.db.getRepository(Ticket).findOneOrFail({ where: {} })).id;
  });

  const reply = (body: string) =>
    api<MessageView>(t, cookie, `/api/tickets/${ticketId}/replies`, { method: 'POST', body: { body } });
  /** Time passes: every retry is due now; then one sweep. */
  const sweepNow = async () => {
    await t.db.query(`UPDATE messages SET next_attempt_at = now() WHERE delivery_status = 'queued'`);
    return t.app.get(ReplyOutboxWorker).sweep();
  };
  const stored = (id: string) => t.db.getRepository(Message).findOneByOrFail({ id });

  it('retries after platform errors with back-off and posts once when Meta recovers', async () => {
    t.graph.failNext(serverError, 3);
    const res = await reply('Bonjour, une équipe passe demain.');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      deliveryStatus: 'queued',
      deliveryError: 'An unexpected error has occurred.',
    });
    const first = await stored(res.body.id);
    // Back-off: the next try is scheduled, not immediate.
    expect((first.nextAttemptAt as Date).getTime()).toBeGreaterThan(Date.now() + 2_000);
    expect(await t.app.get(ReplyOutboxWorker).sweep()).toBe(0);
    await sweepNow();
    await sweepNow();
    expect((await stored(res.body.id)).deliveryStatus).toBe('queued');
    await sweepNow();
    const sent = await stored(res.body.id);
    expect(sent).toMatchObject({ deliveryStatus: 'sent', sendAttempts: 4, deliveryError: null });
    expect(t.graph.comments).toHaveLength(1);
    expect(sent.platformMessageId).toBe(t.graph.comments[0]?.id);
    expect(await sweepNow()).toBe(0);
  });

  it('does not post twice when Meta posted the reply but its answer was lost', async () => {
    t.graph.failNext({ ...serverError, afterPosting: true });
    const res = await reply('Merci pour votre signalement.');
    expect(res.body.deliveryStatus).toBe('queued');
    expect(t.graph.comments).toHaveLength(1);
    await sweepNow();
    const sent = await stored(res.body.id);
    expect(sent.deliveryStatus).toBe('sent');
    expect(sent.platformMessageId).toBe(t.graph.comments[0]?.id);
    expect(t.graph.comments).toHaveLength(1);
  });

  it('recovers a reply whose sender died holding it, without posting twice', async () => {
    t.graph.failNext({ ...serverError, afterPosting: true });
    const res = await reply('Réponse envoyée juste avant la panne.');
    // The sender crashed after the platform call: the reply is still claimed, with no result recorded.
    await t.db.query(
      `UPDATE messages SET claimed_until = now() + interval '2 minutes', next_attempt_at = now() WHERE id = $1`,
      [res.body.id],
    );
    expect(await t.app.get(ReplyOutboxWorker).sweep()).toBe(0);
    await t.db.query(`UPDATE messages SET claimed_until = now() - interval '1 second' WHERE id = $1`, [
      res.body.id,
    ]);
    expect(await t.app.get(ReplyOutboxWorker).sweep()).toBe(1);
    expect((await stored(res.body.id)).deliveryStatus).toBe('sent');
    expect(t.graph.comments).toHaveLength(1);
  });

  it('lets two senders race for a reply and posts it once', async () => {
    t.graph.failNext(serverError);
    const res = await reply('Une seule fois, s’il vous plaît.');
    await t.db.query(`UPDATE messages SET next_attempt_at = now() WHERE id = $1`, [res.body.id]);
    const outbox = t.app.get(ReplyOutboxService);
    await Promise.all([
      outbox.deliver(res.body.id),
      outbox.deliver(res.body.id),
      outbox.deliver(res.body.id),
    ]);
    expect(t.graph.comments).toHaveLength(1);
    expect((await stored(res.body.id)).deliveryStatus).toBe('sent');
  });

  it('fails at once on a refusal, shows the reason, and sends on the agent’s retry', async () => {
    t.graph.failNext({
      method: 'POST',
      status: 400,
      body: {
        error: { message: '(#100) Message contains banned content', type: 'OAuthException', code: 100 },
      },
    });
    const res = await reply('Bonjour');
    expect(res.body).toMatchObject({
      deliveryStatus: 'failed',
      deliveryError: '(#100) Message contains banned content',
    });
    expect(await sweepNow()).toBe(0);
    const retried = await api<MessageView>(
      t,
      cookie,
      `/api/tickets/${ticketId}/messages/${res.body.id}/retry`,
      { method: 'POST' },
    );
    expect(retried.status).toBe(201);
    expect(retried.body.deliveryStatus).toBe('sent');
    expect(t.graph.comments).toHaveLength(1);
    const again = await api(t, cookie, `/api/tickets/${ticketId}/messages/${res.body.id}/retry`, {
      method: 'POST',
    });
    expect(again.status).toBe(409);
  });
});
