import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { TicketDetail } from '@guichet/shared';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { signMetaPayload } from '../src/channels/meta/meta-signature';
import { Contact } from '../src/contacts/contact.entity';
import { addBusinessMinutes, DEFAULT_SERVICE_CALENDAR } from '../src/domain/sla';
import { Service } from '../src/services/service.entity';
import { Message } from '../src/tickets/message.entity';
import { Ticket } from '../src/tickets/ticket.entity';
import {
  api,
  feedDelivery,
  login,
  makePageAccount,
  makeSlaPolicy,
  makeTown,
  makeUser,
  PAGE_ID,
  postMetaWebhook,
} from './factories';
import { startTestApp, TEST_VERIFY_TOKEN, type TestApp } from './test-app';

describe('Meta webhook', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
  });

  const count = async () => ({
    tickets: await t.db.getRepository(Ticket).count(),
    messages: await t.db.getRepository(Message).count(),
  });

  describe('verification handshake', () => {
    const handshake = (query: string) => fetch(`${t.url}/api/webhooks/meta?${query}`);

    it('echoes hub.challenge as plain text when the verify token matches', async () => {
      const res = await handshake(
        `hub.mode=subscribe&hub.verify_token=${TEST_VERIFY_TOKEN}&hub.challenge=1158201444`,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toBe('1158201444');
    });

    it.each([
      ['a wrong token', `hub.mode=subscribe&hub.verify_token=nope&hub.challenge=42`],
      ['a wrong mode', `hub.mode=unsubscribe&hub.verify_token=${TEST_VERIFY_TOKEN}&hub.challenge=42`],
      ['no token', `hub.mode=subscribe&hub.challenge=42`],
      ['no challenge', `hub.mode=subscribe&hub.verify_token=${TEST_VERIFY_TOKEN}`],
    ])('answers 403 for %s', async (_label, query) => {
      const res = await handshake(query);
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('42');
    });
  });

  describe('signed deliveries', () => {
    beforeEach(async () => {
      await makeTown(t.db);
      await makePageAccount(t);
      await makeSlaPolicy(t.db);
    });

    it('turns a feed comment into a routed ticket with its message and contact', async () => {
      const body = feedDelivery([
        {
          commentId: '9001_100001',
          postId: `${PAGE_ID}_9001`,
          message: "Bonjour, un gros NID DE POULE devant l'école Jules Ferry, c'est dangereux !",
          from: { id: '6543210987', name: 'Martine Lefèvre' },
          createdTime: 1764063600,
        },
      ]);
      const res = await postMetaWebhook(t, body);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ events: 1, queued: 1, ignored: 0 });
      const ticket = await t.db
        .getRepository(Ticket)
        .findOneOrFail({ where: {}, relations: { service: true, contact: true } });
      expect(ticket.service.slug).toBe('voirie');
      expect(ticket.routingExplanation).toBe('règle « Voirie » (mot-clé « nid de poule ») → Voirie');
      expect(ticket.status).toBe('new');
      expect(ticket.contact?.displayName).toBe('Martine Lefèvre');
      expect(ticket.context).toEqual({
        postId: `${PAGE_ID}_9001`,
        permalink: `https://www.facebook.com/${PAGE_ID}_9001`,
      });
      // First-response deadline: the policy's 420 staffed minutes on the service's (default) calendar.
      expect(ticket.firstResponseDueAt?.toISOString()).toBe(
        addBusinessMinutes(DEFAULT_SERVICE_CALENDAR, new Date(1764063600 * 1000), 420).toISOString(),
      );
      const message = await t.db.getRepository(Message).findOneOrFail({ where: { ticketId: ticket.id } });
      expect(message).toMatchObject({
        direction: 'inbound',
        kind: 'comment',
        platformMessageId: '9001_100001',
        deliveryStatus: 'received',
        body: "Bonjour, un gros NID DE POULE devant l'école Jules Ferry, c'est dangereux !",
      });
      expect(message.sentAt.toISOString()).toBe(new Date(1764063600 * 1000).toISOString());
      const audit = await t.db.getRepository(AuditEvent).findOneByOrFail({ action: 'ticket.created' });
      expect(audit.targetId).toBe(ticket.id);
    });

    it('sends what no keyword matches to the triage service', async () => {
      await postMetaWebhook(t, feedDelivery([{ message: 'À quelle heure ouvre la mairie samedi ?' }]));
      const ticket = await t.db
        .getRepository(Ticket)
        .findOneOrFail({ where: {}, relations: { service: true } });
      expect(ticket.service.slug).toBe('accueil');
    });

    it('routes on keywords written without accents or with elisions', async () => {
      await postMetaWebhook(
        t,
        feedDelivery([{ message: 'les POUBELLES ont pas ete ramassees rue des Lilas' }]),
      );
      const ticket = await t.db
        .getRepository(Ticket)
        .findOneOrFail({ where: {}, relations: { service: true } });
      expect(ticket.service.slug).toBe('proprete');
    });

    it.each([
      ['missing', null],
      ['wrong', 'sha256=' + '0'.repeat(64)],
      ['malformed', 'sha1=abcdef'],
    ])('refuses a %s signature with 401 and stores nothing', async (_label, signature) => {
      const res = await postMetaWebhook(t, feedDelivery([{}]), { signature });
      expect(res.status).toBe(401);
      expect(await count()).toEqual({ tickets: 0, messages: 0 });
    });

    it('refuses a body signed with another secret', async () => {
      const res = await postMetaWebhook(t, feedDelivery([{}]), { secret: 'someone-else' });
      expect(res.status).toBe(401);
      expect(await count()).toEqual({ tickets: 0, messages: 0 });
    });

    it('refuses a body altered after signing', async () => {
      const raw = JSON.stringify(feedDelivery([{ message: 'original' }]));
      const signature = signMetaPayload(raw, 'test-meta-app-secret');
      const res = await postMetaWebhook(t, raw.replace('original', 'altered!'), { signature });
      expect(res.status).toBe(401);
      expect(await count()).toEqual({ tickets: 0, messages: 0 });
    });

    it('stores a delivery sent twice only once', async () => {
      const body = feedDelivery([{ commentId: '9002_555' }]);
      expect((await postMetaWebhook(t, body)).status).toBe(200);
      const again = await postMetaWebhook(t, body);
      expect(again.status).toBe(200);
      expect(await count()).toEqual({ tickets: 1, messages: 1 });
      const outcomes = await t.db.query<Array<{ outcome: string }>>(
        'SELECT outcome FROM inbound_events ORDER BY id',
      );
      expect(outcomes.map((o) => o.outcome)).toEqual(['created', 'duplicate']);
    });

    it('stores concurrent copies of the same delivery once', async () => {
      const body = feedDelivery([{ commentId: '9003_777' }]);
      const results = await Promise.all(Array.from({ length: 8 }, () => postMetaWebhook(t, body)));
      expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
      expect(await count()).toEqual({ tickets: 1, messages: 1 });
    });

    it('keeps ids that arrive as numbers larger than a double, digit for digit', async () => {
      const raw = `{"object":"page","entry":[{"id":${PAGE_ID},"time":1764063600,"changes":[{"field":"feed","value":{"item":"comment","verb":"add","comment_id":"9004_1","post_id":"${PAGE_ID}_9004","parent_id":"${PAGE_ID}_9004","from":{"id":10158274615553789,"name":"Karim B."},"message":"Lampadaire en panne n° 12345678901234567890","created_time":1764063600}}]}]}`;
      expect((await postMetaWebhook(t, raw)).status).toBe(200);
      const contact = await t.db.getRepository(Contact).findOneByOrFail({ displayName: 'Karim B.' });
      expect(contact.platformUserId).toBe('10158274615553789');
      const message = await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: '9004_1' });
      expect(message.body).toBe('Lampadaire en panne n° 12345678901234567890');
    });

    it('reads the older sender_id/sender_name author fields and comments without author', async () => {
      await postMetaWebhook(
        t,
        feedDelivery([
          { commentId: '9005_1', from: null, senderId: 4455667788, senderName: 'Paul Girard' },
          { commentId: '9005_2', from: null },
          { commentId: '9005_3', from: { id: '3344' } },
        ]),
      );
      const byId = async (id: string) =>
        t.db
          .getRepository(Message)
          .findOneOrFail({ where: { platformMessageId: id }, relations: { authorContact: true } });
      expect((await byId('9005_1')).authorContact?.displayName).toBe('Paul Girard');
      expect((await byId('9005_1')).authorContact?.platformUserId).toBe('4455667788');
      expect((await byId('9005_2')).authorContact).toBeNull();
      expect((await byId('9005_3')).authorContact?.displayName).toBeNull();
      expect(await count()).toEqual({ tickets: 3, messages: 3 });
    });

    it('puts a reply to a comment in the ticket of that comment', async () => {
      const postId = `${PAGE_ID}_9006`;
      await postMetaWebhook(
        t,
        feedDelivery([{ commentId: '9006_1', postId, message: 'Lampadaire éteint rue Pasteur' }]),
      );
      await postMetaWebhook(
        t,
        feedDelivery([
          { commentId: '9006_2', postId, parentId: '9006_1', message: 'Toujours pas réparé ce soir !' },
        ]),
      );
      await postMetaWebhook(
        t,
        feedDelivery([{ commentId: '9006_3', postId, message: 'Autre sujet : la poubelle' }]),
      );
      expect(await count()).toEqual({ tickets: 2, messages: 3 });
      const first = await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: '9006_1' });
      const reply = await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: '9006_2' });
      expect(reply.ticketId).toBe(first.ticketId);
    });

    it('acknowledges Meta dashboard test deliveries (entry id "0") and stores nothing', async () => {
      const res = await postMetaWebhook(t, feedDelivery([{ pageId: '0', postId: '0_1' }]));
      expect(res.status).toBe(200);
      expect(await count()).toEqual({ tickets: 0, messages: 0 });
    });

    it("ignores the page's own comments, reactions and deliveries for pages that are not connected", async () => {
      const reaction = {
        object: 'page',
        entry: [
          {
            id: PAGE_ID,
            time: 1764063600,
            changes: [
              {
                field: 'feed',
                value: { item: 'reaction', verb: 'add', reaction_type: 'like', post_id: `${PAGE_ID}_1` },
              },
            ],
          },
        ],
      };
      expect((await postMetaWebhook(t, reaction)).status).toBe(200);
      expect(
        (await postMetaWebhook(t, feedDelivery([{ from: { id: PAGE_ID, name: 'Ville' } }]))).status,
      ).toBe(200);
      expect((await postMetaWebhook(t, feedDelivery([{ pageId: '999888777' }]))).status).toBe(200);
      expect(await count()).toEqual({ tickets: 0, messages: 0 });
    });

    it('applies edits and removals to the stored message, keeping the original in raw', async () => {
      const postId = `${PAGE_ID}_9007`;
      await postMetaWebhook(
        t,
        feedDelivery([{ commentId: '9007_1', postId, message: 'Trou dans la chaussée' }]),
      );
      await postMetaWebhook(
        t,
        feedDelivery([
          { commentId: '9007_1', postId, verb: 'edited', message: 'Trou dans la chaussée, rue Pasteur' },
        ]),
      );
      let message = await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: '9007_1' });
      expect(message.body).toBe('Trou dans la chaussée, rue Pasteur');
      expect(message.editedAt).not.toBeNull();
      await postMetaWebhook(t, feedDelivery([{ commentId: '9007_1', postId, verb: 'remove' }]));
      message = await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: '9007_1' });
      expect(message.platformState).toBe('removed');
      expect(await count()).toEqual({ tickets: 1, messages: 1 });
    });

    it('answers 400 to a signed body that is not JSON, and stores nothing', async () => {
      const res = await postMetaWebhook(t, '{"object": "page", "entry": [');
      expect(res.status).toBe(400);
      expect(await count()).toEqual({ tickets: 0, messages: 0 });
    });

    it('answers 413 to a body over 1 MB, and stores nothing', async () => {
      const huge = feedDelivery([{ message: 'x'.repeat(1_100_000) }]);
      const res = await postMetaWebhook(t, huge);
      expect(res.status).toBe(413);
      expect(await count()).toEqual({ tickets: 0, messages: 0 });
    });

    it('answers 200 to a delivery for a page that is not connected, stores nothing and warns once', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      try {
        const res = await postMetaWebhook(
          t,
          feedDelivery([{ pageId: '111222333' }, { pageId: '111222333', message: 'encore' }]),
        );
        expect(res.status).toBe(200);
        expect(await count()).toEqual({ tickets: 0, messages: 0 });
        expect(warn).toHaveBeenCalledTimes(1);
        expect(String(warn.mock.calls[0]?.[0])).toContain('111222333');
      } finally {
        warn.mockRestore();
      }
    });

    it('shows the stored ticket to an agent of its service with the thread', async () => {
      const voirie = await t.db.getRepository(Service).findOneByOrFail({ slug: 'voirie' });
      const agent = await makeUser(t.db, { services: [voirie] });
      await postMetaWebhook(
        t,
        feedDelivery([{ commentId: '9008_1', message: 'Nid de poule <script>alert(1)</script>' }]),
      );
      const ticket = await t.db.getRepository(Ticket).findOneOrFail({ where: {} });
      const cookie = await login(t, agent.email);
      const res = await api<TicketDetail>(t, cookie, `/api/tickets/${ticket.id}`);
      expect(res.status).toBe(200);
      expect(res.body.messages.map((m) => m.body)).toEqual(['Nid de poule <script>alert(1)</script>']);
      expect(res.body.service.slug).toBe('voirie');
    });
  });
});
