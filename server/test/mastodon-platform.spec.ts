import { ChannelAccount } from '../src/channels/channel-account.entity';
import { MastodonStreamsService } from '../src/channels/mastodon-streams.service';
import { Message } from '../src/tickets/message.entity';
import { makeTown } from './factories';
import {
  accountRow,
  agentFor,
  connectFakeAccount,
  inboundCount,
  pollDue,
  pollNow,
  replyTo,
} from './platform-accounts';
import { startTestApp, type TestApp } from './test-app';
import { waitFor } from './wait-for';

const secondsFromNow = (d: Date | null) => ((d?.getTime() ?? 0) - Date.now()) / 1000;

describe('Mastodon against the fake instance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ POLL_SWEEP_MS: '600000', MASTODON_STREAMING: 'false' });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    await makeTown(t.db);
  });

  const mention = (n: number, visibility: 'public' | 'direct' = 'public') =>
    t.platform.mastodon.citizenMention({
      author: { username: `habitant${n % 7}`, displayName: `Habitant ${n % 7}` },
      text: `Le lampadaire n°${n} de la rue des Lilas est éteint depuis lundi.`,
      visibility,
    });
  const notificationCalls = () => t.platform.requestsTo('mastodon', /\/notifications$/);

  it('reads only the newest page at first, then walks forward through Link pages, storing each mention once', async () => {
    await connectFakeAccount(t, 'mastodon');
    for (let i = 0; i < 45; i++) mention(i);
    await pollNow(t);
    // Connecting an account does not turn its whole history into tickets: one page of 40.
    expect(await inboundCount(t)).toBe(40);
    const first = await accountRow(t, 'mastodon');
    expect(first.pollCursor).toMatch(/^\d{15,}$/);

    const fresh = Array.from({ length: 95 }, (_, i) => mention(100 + i).status.id);
    const before = notificationCalls().length;
    await pollNow(t);
    const walk = notificationCalls().slice(before);
    // 40 + 40 + 15, then the empty page that ends the walk.
    expect(walk).toHaveLength(4);
    expect(walk.every((r) => new URLSearchParams(r.query).getAll('types[]').includes('mention'))).toBe(true);
    expect(new URLSearchParams(walk[0].query).get('min_id')).toBe(first.pollCursor);
    expect(await inboundCount(t)).toBe(135);
    const stored = await t.db.getRepository(Message).find({ where: { direction: 'inbound' } });
    expect(new Set(stored.map((m) => m.platformMessageId)).size).toBe(135);
    expect(fresh.every((id) => stored.some((m) => m.platformMessageId === id))).toBe(true);
    const second = await accountRow(t, 'mastodon');
    expect(second).toMatchObject({ lastError: null, pollFailures: 0 });
    expect(BigInt(second.pollCursor ?? 0)).toBeGreaterThan(BigInt(first.pollCursor ?? 0));

    await pollNow(t);
    expect(await inboundCount(t)).toBe(135);
    expect((await accountRow(t, 'mastodon')).pollCursor).toBe(second.pollCursor);
  });

  it('keeps a direct message private: plain text in, a direct reply out mentioning the citizen', async () => {
    await connectFakeAccount(t, 'mastodon');
    const { status } = t.platform.mastodon.citizenMention({
      author: { username: 'marie', displayName: 'Marie <b>Dupont</b>' },
      text: 'Bonjour & merci : <le> container de verre déborde.',
      visibility: 'direct',
    });
    await pollNow(t);
    const inbound = await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: status.id });
    expect(inbound).toMatchObject({
      kind: 'direct',
      body: 'Bonjour & merci : <le> container de verre déborde.',
      replyHints: { visibility: 'direct', acct: 'marie@piaille.example' },
    });
    const { cookie, ticketId } = await agentFor(t, status.id);
    const res = await replyTo(t, cookie, ticketId, 'Merci, il sera vidé jeudi.');
    expect(res.body.deliveryStatus).toBe('sent');
    expect(t.platform.mastodon.posted).toHaveLength(1);
    expect(t.platform.mastodon.posted[0]).toMatchObject({
      id: res.body.platformMessageId,
      visibility: 'direct',
      inReplyToId: status.id,
      text: '@marie@piaille.example Merci, il sera vidé jeudi.',
    });
    expect(t.platform.mastodon.posted[0]?.mentions.map((m) => m.acct)).toEqual(['marie@piaille.example']);
  });

  it('stops when X-RateLimit-Remaining reaches 0, waits for X-RateLimit-Reset, and does not hammer', async () => {
    await connectFakeAccount(t, 'mastodon');
    mention(1);
    await pollNow(t);
    t.platform.mastodon.rateLimit = { limit: 2, windowMs: 10 * 60_000 };
    for (let i = 0; i < 100; i++) mention(10 + i);
    await pollNow(t);
    // The second call of the window was the last: one page kept, the rest waits for the reset.
    expect(await inboundCount(t)).toBe(41);
    const limited = await accountRow(t, 'mastodon');
    expect(secondsFromNow(limited.nextPollAt)).toBeGreaterThan(500);
    const calls = t.platform.requestsTo('mastodon').length;
    expect(await pollDue(t)).toBe(0);
    expect(t.platform.requestsTo('mastodon')).toHaveLength(calls);

    // Forced anyway: a 429, recorded, and the next poll is set from the reset header again.
    await pollNow(t);
    const refused = await accountRow(t, 'mastodon');
    expect(refused).toMatchObject({ lastError: 'Too many requests', pollFailures: 1 });
    expect(secondsFromNow(refused.nextPollAt)).toBeGreaterThan(500);
    expect(t.platform.requestsTo('mastodon')).toHaveLength(calls + 1);

    // The window resets: the walk resumes where it stopped and nothing is lost.
    t.platform.mastodon.rateLimit = { limit: 300, windowMs: 5 * 60_000 };
    t.platform.mastodon.clearRateLimits();
    await pollNow(t);
    expect(await inboundCount(t)).toBe(101);
    expect(await accountRow(t, 'mastodon')).toMatchObject({ lastError: null, pollFailures: 0 });
  });

  it('maps a revoked token to an error on the account and backs off more at each failure', async () => {
    await connectFakeAccount(t, 'mastodon');
    t.platform.mastodon.revokedTokens.add('masto-token');
    await pollNow(t);
    const once = await accountRow(t, 'mastodon');
    expect(once).toMatchObject({ lastError: 'The access token is invalid', pollFailures: 1 });
    expect(secondsFromNow(once.nextPollAt)).toBeGreaterThan(55);
    expect(secondsFromNow(once.nextPollAt)).toBeLessThan(65);
    await pollNow(t);
    const twice = await accountRow(t, 'mastodon');
    expect(twice.pollFailures).toBe(2);
    expect(secondsFromNow(twice.nextPollAt)).toBeGreaterThan(115);
  });

  describe('streaming', () => {
    const streams = () => t.app.get(MastodonStreamsService);
    afterEach(async () => {
      await t.db.query(`UPDATE channel_accounts SET status = 'paused'`);
      await streams().sync();
    });

    it('delivers a mention live, and after a dropped stream catches up on what it missed', async () => {
      const account = await connectFakeAccount(t, 'mastodon');
      await streams().sync();
      await waitFor(() => t.platform.mastodon.openStreams === 1);
      // The catch-up poll that follows each connection.
      await waitFor(async () => (await accountRow(t, 'mastodon')).lastPolledAt !== null);
      const pollsBefore = notificationCalls().length;

      const live = mention(1).status.id;
      await waitFor(
        async () => (await t.db.getRepository(Message).countBy({ platformMessageId: live })) === 1,
      );
      expect(notificationCalls()).toHaveLength(pollsBefore);

      t.platform.mastodon.dropStreams();
      const missed = mention(2).status.id;
      await waitFor(() => t.platform.mastodon.streamConnections === 2, 10_000);
      await waitFor(
        async () => (await t.db.getRepository(Message).countBy({ platformMessageId: missed })) === 1,
        10_000,
      );
      expect(notificationCalls().length).toBeGreaterThan(pollsBefore);
      expect(streams().streamOf(account.id)?.connections).toBe(2);

      // Paused: the stream closes.
      await t.db.getRepository(ChannelAccount).update({ id: account.id }, { status: 'paused' });
      await streams().sync();
      expect(streams().streamOf(account.id)).toBeNull();
      await waitFor(() => t.platform.mastodon.openStreams === 0);
    });

    it('keeps trying with back-off while the streaming server refuses', async () => {
      t.platform.mastodon.failNext({ status: 503, path: /streaming/ }, 2);
      await connectFakeAccount(t, 'mastodon');
      await streams().sync();
      await waitFor(() => t.platform.mastodon.openStreams === 1, 15_000);
      const attempts = t.platform.requestsTo('mastodon', /streaming/);
      expect(attempts).toHaveLength(3);
      // Exponential: the second pause is longer than the first.
      const [a, b, c] = attempts.map((r) => r.at);
      expect(c - b).toBeGreaterThan(b - a);
      const live = mention(3).status.id;
      await waitFor(
        async () => (await t.db.getRepository(Message).countBy({ platformMessageId: live })) === 1,
      );
    }, 30_000);
  });
});
