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

describe('Meta (Facebook and Instagram) against the fake Graph API', () => {
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
    await connectFakeAccount(t, 'facebook');
    await connectFakeAccount(t, 'instagram');
  });

  const ticketOf = async (platformMessageId: string) =>
    (await t.db.getRepository(Message).findOneByOrFail({ platformMessageId })).ticketId;
  const lucie = { id: '6001', name: 'Lucie Marchand' };
  const hugo = { id: '17841400000000001', username: 'hugo.valbrune' };

  it('catches up by polling what dropped webhooks never said, on every Meta surface, storing each once', async () => {
    const { meta, webhooks } = t.platform;
    const delivered = await meta.citizenComment({
      platform: 'facebook',
      from: lucie,
      text: 'Nid de poule rue Neuve',
    });
    expect(delivered.delivery?.status).toBe(200);
    expect(await inboundCount(t)).toBe(1);

    webhooks.dropAll = true;
    const reply = await meta.citizenComment({
      platform: 'facebook',
      from: { id: '6002', name: 'Hugo Petit' },
      text: 'Toujours là ce matin, une voiture a crevé',
      parentId: delivered.comment.id,
    });
    const dm1 = await meta.citizenMessage({
      platform: 'messenger',
      from: lucie,
      text: 'Bonjour, le marché est-il maintenu samedi ?',
    });
    const dm2 = await meta.citizenMessage({
      platform: 'messenger',
      from: lucie,
      text: 'Malgré la pluie annoncée',
    });
    const igComment = await meta.citizenComment({
      platform: 'instagram',
      from: hugo,
      text: 'Les poubelles du parc débordent',
    });
    const igReply = await meta.citizenComment({
      platform: 'instagram',
      from: { id: '17841400000000002', username: 'zoe_v' },
      text: 'Pareil square Jaurès',
      parentId: igComment.comment.id,
    });
    const igDm = await meta.citizenMessage({
      platform: 'instagram',
      from: hugo,
      text: 'Comment obtenir un acte de naissance ?',
    });
    expect(webhooks.deliveries.filter((d) => d.dropped)).toHaveLength(6);
    expect(await inboundCount(t)).toBe(1);

    await pollNow(t);
    expect(await inboundCount(t)).toBe(7);
    // Threads as the webhooks would have made them.
    expect(await ticketOf(reply.comment.id)).toBe(await ticketOf(delivered.comment.id));
    expect(await ticketOf(dm2.message.id)).toBe(await ticketOf(dm1.message.id));
    expect(await ticketOf(igReply.comment.id)).toBe(await ticketOf(igComment.comment.id));
    const direct = await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: igDm.message.id });
    expect(direct).toMatchObject({ kind: 'direct', replyHints: { recipientId: hugo.id } });
    expect(await accountRow(t, 'instagram')).toMatchObject({ lastError: null });

    // A late webhook for something polling already stored, and another poll: nothing twice.
    webhooks.dropAll = false;
    const late = webhooks.deliveries.find((d) => d.dropped);
    const res = await fetch(`${t.url}/api/webhooks/meta`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': webhooks.sign(late?.body ?? '') },
      body: late?.body,
    });
    expect(res.status).toBe(200);
    await pollNow(t);
    expect(await inboundCount(t)).toBe(7);
  });

  it('stores nothing from a webhook signed with the wrong secret, and polling catches it up', async () => {
    t.platform.webhooks.appSecret = 'not-the-app-secret';
    const { comment, delivery } = await t.platform.meta.citizenComment({
      platform: 'facebook',
      from: lucie,
      text: 'Un lampadaire clignote avenue du Lac',
    });
    expect(delivery?.status).toBe(401);
    expect(await inboundCount(t)).toBe(0);
    await pollNow(t);
    expect(await t.db.getRepository(Message).countBy({ platformMessageId: comment.id })).toBe(1);
  });

  it('follows paging.next through conversations and through a long conversation’s messages', async () => {
    const { meta, webhooks } = t.platform;
    webhooks.dropAll = true;
    for (let i = 0; i < 30; i++) {
      await meta.citizenMessage({
        platform: 'messenger',
        from: { id: `80${i}`, name: `Habitant ${i}` },
        text: `Question n°${i} sur les horaires de la mairie`,
      });
    }
    for (let i = 0; i < 120; i++) {
      await meta.citizenMessage({
        platform: 'messenger',
        from: { id: '8029', name: 'Habitant 29' },
        text: `Précision n°${i}`,
      });
    }
    await pollNow(t);
    expect(await t.db.getRepository(Message).countBy({ direction: 'inbound', kind: 'direct' })).toBe(150);
    const pages = (path: RegExp) =>
      t.platform.requestsTo('meta', path).map((r) => new URLSearchParams(r.query).has('after'));
    // Conversations: 25 then 5; the long one's messages: 50, 50, 21.
    expect(pages(new RegExp(`/${meta.pageId}/conversations$`))).toEqual([false, true]);
    expect(pages(/\/t_8029\/messages$/)).toEqual([false, true, true]);
    await pollNow(t);
    expect(await inboundCount(t)).toBe(150);
  });

  it('stops before Meta throttles, keeps its cursor, and waits until access is regained', async () => {
    const { meta, webhooks } = t.platform;
    webhooks.dropAll = true;
    for (let p = 0; p < 5; p++) {
      const post = meta.addPost('facebook', `Publication ${p}`);
      await meta.citizenComment({
        platform: 'facebook',
        from: lucie,
        text: `Commentaire sous ${p}`,
        postId: post.id,
      });
    }
    // Instagram is not part of this test.
    await t.db.query(`UPDATE channel_accounts SET status = 'paused' WHERE platform = 'instagram'`);
    meta.rateLimit = { limit: 4, windowMs: 10 * 60_000 };
    await pollNow(t);
    // Posts, then three posts' comments: usage at 100 %, the walk stops with what it has.
    expect(await inboundCount(t)).toBe(3);
    const stopped = await accountRow(t, 'facebook');
    expect(stopped).toMatchObject({ pollCursor: null, lastError: null });
    expect(secondsFromNow(stopped.nextPollAt)).toBeGreaterThan(250);
    const calls = t.platform.requestsTo('meta').length;
    expect(await pollDue(t)).toBe(0);
    expect(t.platform.requestsTo('meta')).toHaveLength(calls);

    // Forced: Meta's code 32, with estimated_time_to_regain_access (10 minutes) as the wait.
    await pollNow(t);
    const throttled = await accountRow(t, 'facebook');
    expect(throttled).toMatchObject({ lastError: '(#32) Page request limit reached', pollFailures: 1 });
    expect(secondsFromNow(throttled.nextPollAt)).toBeGreaterThan(550);

    meta.rateLimit = { limit: 4800, windowMs: 3600_000 };
    meta.clearRateLimits();
    await pollNow(t);
    expect(await inboundCount(t)).toBe(5);
    expect((await accountRow(t, 'facebook')).pollCursor).toMatch(/^\d+$/);
  });

  it('maps an invalidated token (code 190) to an error on the account', async () => {
    t.platform.meta.revokedTokens.add('page-token-123');
    await pollNow(t);
    const row = await accountRow(t, 'facebook');
    expect(row.lastError).toContain('Error validating access token');
    expect(row.pollFailures).toBe(1);
    expect(await accountRow(t, 'instagram')).toMatchObject({ lastError: null, pollFailures: 0 });
  });

  it('answers an Instagram comment under it, and an Instagram DM through the Send API', async () => {
    const { meta } = t.platform;
    const { comment } = await meta.citizenComment({
      platform: 'instagram',
      from: hugo,
      text: 'Le square est fermé ?',
    });
    const { message } = await meta.citizenMessage({
      platform: 'instagram',
      from: hugo,
      text: 'Et le marché ?',
    });
    const onComment = await agentFor(t, comment.id);
    expect(
      (await replyTo(t, onComment.cookie, onComment.ticketId, 'Il rouvre lundi.')).body.deliveryStatus,
    ).toBe('sent');
    const onDm = await agentFor(t, message.id);
    expect((await replyTo(t, onDm.cookie, onDm.ticketId, 'Il est maintenu.')).body.deliveryStatus).toBe(
      'sent',
    );
    expect(meta.comments).toEqual([
      expect.objectContaining({ edge: 'replies', parentId: comment.id, message: 'Il rouvre lundi.' }),
      expect.objectContaining({
        edge: 'messages',
        parentId: meta.instagramId,
        recipientId: hugo.id,
        messagingType: 'RESPONSE',
      }),
    ]);
  });
});
