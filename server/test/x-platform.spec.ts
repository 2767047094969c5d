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

const secondsFromNow = (d: Date | null) => ((d?.getTime() ?? 0) - Date.now()) / 1000;

describe('X against the fake API', () => {
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
    await connectFakeAccount(t, 'x');
  });

  const mention = (n: number, inReplyToId?: string) =>
    t.platform.x.citizenMention({
      author: { username: `riverain${n % 5}`, name: `Riverain ${n % 5}` },
      text: `Encore un dépôt sauvage au coin de la rue n°${n} &amp; personne ne passe.`,
      ...(inReplyToId ? { inReplyToId } : {}),
    });
  const mentionCalls = () => t.platform.requestsTo('x', /\/mentions$/);

  it('follows next_token with since_id until X omits it, storing each mention once with its author', async () => {
    const start = mention(0);
    await pollNow(t);
    expect((await accountRow(t, 'x')).pollCursor).toBe(start.id);
    const fresh = Array.from({ length: 130 }, (_, i) => mention(i + 1).id);
    const before = mentionCalls().length;
    await pollNow(t);
    const walk = mentionCalls().slice(before);
    expect(walk).toHaveLength(2);
    expect(walk.map((r) => new URLSearchParams(r.query).get('since_id'))).toEqual([start.id, start.id]);
    expect(new URLSearchParams(walk[0].query).get('pagination_token')).toBeNull();
    expect(new URLSearchParams(walk[1].query).get('pagination_token')).not.toBeNull();
    expect(await inboundCount(t)).toBe(131);
    expect((await accountRow(t, 'x')).pollCursor).toBe(fresh[fresh.length - 1]);
    const one = await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: fresh[7] });
    // The town's leading @mention is taken out; X's HTML escaping is undone.
    expect(one.body).toBe('Encore un dépôt sauvage au coin de la rue n°8 & personne ne passe.');
    await pollNow(t);
    expect(await inboundCount(t)).toBe(131);
  });

  it('threads a citizen’s follow-up into the same ticket, and replies under the latest post', async () => {
    const first = mention(1);
    await pollNow(t);
    const followUp = mention(1, first.id);
    await pollNow(t);
    const [a, b] = await Promise.all(
      [first.id, followUp.id].map((id) =>
        t.db.getRepository(Message).findOneByOrFail({ platformMessageId: id }),
      ),
    );
    expect(b.ticketId).toBe(a.ticketId);
    const { cookie, ticketId } = await agentFor(t, first.id);
    const res = await replyTo(t, cookie, ticketId, 'Merci, la propreté passe ce matin.');
    expect(res.body.deliveryStatus).toBe('sent');
    expect(t.platform.x.posted).toHaveLength(1);
    expect(t.platform.x.posted[0]).toMatchObject({
      id: res.body.platformMessageId,
      repliedToId: followUp.id,
      text: '@riverain1 Merci, la propreté passe ce matin.',
    });
  });

  it('keeps what it read but not the cursor when the limit runs out mid-walk, and waits for x-rate-limit-reset', async () => {
    const start = mention(0);
    await pollNow(t);
    t.platform.x.rateLimits.mentions = { limit: 2, windowMs: 15 * 60_000 };
    for (let i = 0; i < 130; i++) mention(i + 1);
    await pollNow(t);
    expect(await inboundCount(t)).toBe(101);
    const limited = await accountRow(t, 'x');
    expect(limited.pollCursor).toBe(start.id);
    expect(limited.lastError).toBeNull();
    expect(secondsFromNow(limited.nextPollAt)).toBeGreaterThan(800);
    const calls = t.platform.requestsTo('x').length;
    expect(await pollDue(t)).toBe(0);
    expect(t.platform.requestsTo('x')).toHaveLength(calls);

    await pollNow(t);
    const refused = await accountRow(t, 'x');
    expect(refused).toMatchObject({ lastError: 'Too Many Requests', pollFailures: 1 });
    expect(secondsFromNow(refused.nextPollAt)).toBeGreaterThan(800);

    t.platform.x.rateLimits.mentions = { limit: 450, windowMs: 15 * 60_000 };
    t.platform.x.clearRateLimits();
    await pollNow(t);
    expect(await inboundCount(t)).toBe(131);
    expect(await accountRow(t, 'x')).toMatchObject({ lastError: null, pollFailures: 0 });
  });

  it('maps X’s errors: 401 on the account, duplicate content as a final refusal with X’s words', async () => {
    const a = mention(1);
    const b = mention(1);
    await pollNow(t);
    const first = await agentFor(t, a.id);
    const second = await agentFor(t, b.id);
    const text = 'Bonjour, le service propreté est prévenu.';
    expect((await replyTo(t, first.cookie, first.ticketId, text)).body.deliveryStatus).toBe('sent');
    expect(second.ticketId).not.toBe(first.ticketId);
    const refused = await replyTo(t, second.cookie, second.ticketId, text);
    expect(refused.body).toMatchObject({
      deliveryStatus: 'failed',
      deliveryError: 'You are not allowed to create a Tweet with duplicate content.',
    });
    expect(t.platform.x.posted).toHaveLength(1);

    t.platform.x.revokedTokens.add('x-app-bearer');
    await pollNow(t);
    expect(await accountRow(t, 'x')).toMatchObject({ lastError: 'Unauthorized', pollFailures: 1 });
  });
});
