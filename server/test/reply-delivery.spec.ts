import { Message } from '../src/tickets/message.entity';
import { ReplyOutboxWorker } from '../src/tickets/reply-outbox.worker';
import { makeTown } from './factories';
import { agentFor, connectFakeAccount, pollNow, replyTo, sweepOutboxNow } from './platform-accounts';
import { startTestApp, type TestApp } from './test-app';

type Platform = 'facebook' | 'instagram' | 'mastodon' | 'x';

/**
 * The outbox against each fake platform: whatever the platform does (fail, lose its answer, hang,
 * throttle), a reply is posted exactly once, and retries respect the platform's reset time.
 */
describe.each<Platform>(['facebook', 'instagram', 'mastodon', 'x'])('Reply delivery on %s', (platform) => {
  let t: TestApp;
  let cookie: string;
  let ticketId: string;
  let citizenMessageId: string;
  beforeAll(async () => {
    t = await startTestApp({
      OUTBOX_SWEEP_MS: '60000',
      POLL_SWEEP_MS: '600000',
      PLATFORM_TIMEOUT_MS: '400',
      MASTODON_STREAMING: 'false',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  /** The fake of this platform (to order failures). */
  const fake = () =>
    platform === 'facebook' || platform === 'instagram' ? t.platform.meta : t.platform[platform];
  /** What Guichet posted on this platform, ids in order. */
  const posted = (): string[] =>
    platform === 'facebook' || platform === 'instagram'
      ? t.platform.meta.comments.map((c) => c.id)
      : t.platform[platform].posted.map((s) => s.id);
  const stored = (id: string) => t.db.getRepository(Message).findOneByOrFail({ id });

  beforeEach(async () => {
    await t.reset();
    await makeTown(t.db);
    await connectFakeAccount(t, platform);
    const text = 'Bonjour, un nid de poule énorme rue des Tanneurs, devant le numéro 8.';
    if (platform === 'facebook' || platform === 'instagram') {
      const { comment, delivery } = await t.platform.meta.citizenComment({
        platform,
        from:
          platform === 'facebook'
            ? { id: '5501', name: 'Lucie Martin' }
            : { id: '5501', username: 'lucie_m' },
        text,
      });
      expect(delivery?.status).toBe(200);
      citizenMessageId = comment.id;
    } else {
      citizenMessageId =
        platform === 'mastodon'
          ? t.platform.mastodon.citizenMention({ author: { username: 'lucie' }, text }).status.id
          : t.platform.x.citizenMention({ author: { username: 'lucie_m' }, text }).id;
      await pollNow(t);
    }
    ({ cookie, ticketId } = await agentFor(t, citizenMessageId));
  });

  it('retries after three failures with back-off and posts the reply once', async () => {
    fake().failNext({ status: 500 }, 3);
    const res = await replyTo(t, cookie, ticketId, 'Bonjour, une équipe passe demain matin.');
    expect(res.status).toBe(201);
    expect(res.body.deliveryStatus).toBe('queued');
    const queued = await stored(res.body.id);
    expect((queued.nextAttemptAt as Date).getTime()).toBeGreaterThan(Date.now() + 2_000);
    for (let i = 0; i < 3; i++) await sweepOutboxNow(t);
    const sent = await stored(res.body.id);
    expect(sent.deliveryStatus).toBe('sent');
    expect(posted()).toEqual([sent.platformMessageId]);
    expect(fake().failures.pending).toBe(0);
    expect(await sweepOutboxNow(t)).toBe(0);
  });

  it('posts once when the platform posted the reply but the sender died before recording it', async () => {
    fake().failNext({ status: 500, afterPosting: true, method: 'POST' });
    if (platform === 'mastodon') t.platform.mastodon.forgetIdempotencyKeys();
    const res = await replyTo(t, cookie, ticketId, 'Merci, c’est transmis au service Voirie.');
    expect(posted()).toHaveLength(1);
    // Crash: the reply is still claimed by a sender that will never record its result.
    await t.db.query(
      `UPDATE messages SET claimed_until = now() + interval '2 minutes', next_attempt_at = now(),
              delivery_status = 'queued' WHERE id = $1`,
      [res.body.id],
    );
    expect(await t.app.get(ReplyOutboxWorker).sweep()).toBe(0);
    await t.db.query(`UPDATE messages SET claimed_until = now() - interval '1 second' WHERE id = $1`, [
      res.body.id,
    ]);
    // Mastodon would also dedupe by Idempotency-Key, but not after an hour: reconciliation must find it.
    if (platform === 'mastodon') t.platform.mastodon.forgetIdempotencyKeys();
    expect(await t.app.get(ReplyOutboxWorker).sweep()).toBe(1);
    const sent = await stored(res.body.id);
    expect(sent.deliveryStatus).toBe('sent');
    expect(posted()).toEqual([sent.platformMessageId]);
  });

  it('posts once when the platform took the reply but never answered (timeout)', async () => {
    fake().failNext({ hang: true, afterPosting: true, method: 'POST' });
    const res = await replyTo(t, cookie, ticketId, 'Nous avons bien reçu votre signalement.');
    expect(res.body).toMatchObject({ deliveryStatus: 'queued' });
    expect(res.body.deliveryError).toContain('délai dépassé');
    if (platform === 'mastodon') t.platform.mastodon.forgetIdempotencyKeys();
    await sweepOutboxNow(t);
    const sent = await stored(res.body.id);
    expect(sent.deliveryStatus).toBe('sent');
    expect(posted()).toEqual([sent.platformMessageId]);
  });

  it('waits for the platform’s reset after a 429, without calling it again before', async () => {
    fake().exhaustRateLimit(120_000);
    const res = await replyTo(t, cookie, ticketId, 'Bonjour, c’est noté.');
    expect(res.body.deliveryStatus).toBe('queued');
    const queued = await stored(res.body.id);
    const waitMs = (queued.nextAttemptAt as Date).getTime() - Date.now();
    expect(waitMs).toBeGreaterThan(100_000);
    expect(waitMs).toBeLessThan(200_000);
    const calls = t.platform.requests.length;
    expect(await t.app.get(ReplyOutboxWorker).sweep()).toBe(0);
    expect(t.platform.requests.length).toBe(calls);
    expect(posted()).toHaveLength(0);
  });
});
