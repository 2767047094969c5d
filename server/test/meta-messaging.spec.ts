import type { MessageView, TicketDetail } from '@guichet/shared';
import { EU_MEDIA_NOTICE, UNSUPPORTED_NOTICE } from '../src/channels/meta/meta-messaging.normalizer';
import { Message } from '../src/tickets/message.entity';
import { Ticket } from '../src/tickets/ticket.entity';
import { api, login, makePageAccount, makeTown, makeUser, PAGE_ID, postMetaWebhook } from './factories';
import { startTestApp, type TestApp } from './test-app';

const IG_ID = '17841405822304914';

/** A Messenger delivery as Meta documents it (timestamps in milliseconds). */
function messengerDelivery(
  messages: Array<{
    mid: string;
    from: string;
    text?: string;
    at?: number;
    echo?: boolean;
    attachments?: unknown[];
  }>,
) {
  return {
    object: 'page',
    entry: [
      {
        id: PAGE_ID,
        time: Date.now(),
        messaging: messages.map((m) => ({
          sender: { id: m.echo ? PAGE_ID : m.from },
          recipient: { id: m.echo ? m.from : PAGE_ID },
          timestamp: m.at ?? Date.now(),
          message: {
            mid: m.mid,
            ...(m.text !== undefined ? { text: m.text } : {}),
            ...(m.echo ? { is_echo: true } : {}),
            ...(m.attachments ? { attachments: m.attachments } : {}),
          },
        })),
      },
    ],
  };
}

describe('Messenger and Instagram', () => {
  let t: TestApp;
  let agent: string;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    const { voirie, accueil } = await makeTown(t.db);
    await makePageAccount(t);
    await makePageAccount(t, { platform: 'instagram', externalId: IG_ID, name: 'villedetest' });
    agent = await login(t, (await makeUser(t.db, { services: [voirie, accueil] })).email);
  });

  const ticketOf = async (mid: string) =>
    (await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: mid })).ticketId;

  it('turns Messenger messages into one private conversation per citizen, ignoring echoes', async () => {
    const res = await postMetaWebhook(
      t,
      messengerDelivery([
        { mid: 'm_1', from: '2468', text: 'Bonjour, le lampadaire devant chez moi clignote' },
        { mid: 'm_2', from: '2468', text: 'au 12 rue des Lilas' },
        { mid: 'm_3', from: '1357', text: 'Horaires de la mairie samedi ?' },
        { mid: 'm_echo', from: '2468', text: 'Merci, nous transmettons', echo: true },
      ]),
    );
    expect(res.status).toBe(200);
    expect(await t.db.getRepository(Ticket).count()).toBe(2);
    expect(await ticketOf('m_1')).toBe(await ticketOf('m_2'));
    const first = await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: 'm_1' });
    expect(first).toMatchObject({ kind: 'direct', replyHints: { recipientId: '2468' } });
    expect(await t.db.getRepository(Message).countBy({ platformMessageId: 'm_echo' })).toBe(0);
  });

  it('keeps a message whose media Meta withheld in the EU, with the notice', async () => {
    await postMetaWebhook(
      t,
      messengerDelivery([{ mid: 'm_eu', from: '999', attachments: [{ type: 'fallback' }] }]),
    );
    const message = await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: 'm_eu' });
    expect(message.body).toBe(EU_MEDIA_NOTICE);
  });

  it('keeps a message Meta flags as unsupported, saying so', async () => {
    const delivery = messengerDelivery([{ mid: 'm_unsup', from: '999' }]);
    Object.assign(delivery.entry[0].messaging[0].message, { is_unsupported: true });
    await postMetaWebhook(t, delivery);
    const message = await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: 'm_unsup' });
    expect(message.body).toBe(UNSUPPORTED_NOTICE);
  });

  it('names each attachment for the agent and keeps its address, whatever type Meta gives', async () => {
    await postMetaWebhook(
      t,
      messengerDelivery([
        {
          mid: 'm_att',
          from: '999',
          text: 'Voici le trou',
          attachments: [
            { type: 'image', payload: { url: 'https://scontent.xx.fbcdn.net/v/photo.jpg' } },
            { type: 'audio', payload: { url: 'https://cdn.fbsbx.com/v/audio.mp4' } },
            { type: 'story_mention', payload: { url: 'https://lookaside.fbsbx.com/story' } },
            { type: 'constructor', payload: { url: 'https://example.org/x' } },
          ],
        },
      ]),
    );
    const message = await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: 'm_att' });
    expect(message.body).toBe(
      [
        'Voici le trou',
        'Photo : https://scontent.xx.fbcdn.net/v/photo.jpg',
        'Message vocal : https://cdn.fbsbx.com/v/audio.mp4',
        'Mention dans une story : https://lookaside.fbsbx.com/story',
        'Pièce jointe (constructor) : https://example.org/x',
      ].join('\n'),
    );
  });

  it('answers a private message through the Send API with messaging_type RESPONSE', async () => {
    await postMetaWebhook(
      t,
      messengerDelivery([{ mid: 'm_10', from: '2468', text: 'Un nid de poule rue Jaurès' }]),
    );
    const ticketId = await ticketOf('m_10');
    const res = await api<MessageView>(t, agent, `/api/tickets/${ticketId}/replies`, {
      method: 'POST',
      body: { body: 'Merci, nous intervenons demain.' },
    });
    expect(res.status).toBe(201);
    expect(res.body.deliveryStatus).toBe('sent');
    expect(t.graph.comments).toEqual([
      expect.objectContaining({
        edge: 'messages',
        parentId: PAGE_ID,
        recipientId: '2468',
        messagingType: 'RESPONSE',
        message: 'Merci, nous intervenons demain.',
      }),
    ]);
  });

  it('refuses a private reply after the 24-hour window with 422 telling why, and stores nothing', async () => {
    const old = Date.now() - 25 * 60 * 60 * 1000;
    await postMetaWebhook(
      t,
      messengerDelivery([{ mid: 'm_20', from: '2468', text: 'Nid de poule', at: old }]),
    );
    const ticketId = await ticketOf('m_20');
    const res = await api<{ message: string }>(t, agent, `/api/tickets/${ticketId}/replies`, {
      method: 'POST',
      body: { body: 'Bonjour' },
    });
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/24 heures/);
    expect(await t.db.getRepository(Message).countBy({ direction: 'outbound' })).toBe(0);
    expect(t.graph.comments).toHaveLength(0);
  });

  it('records the platform refusal when Instagram closes the window itself', async () => {
    await postMetaWebhook(t, {
      object: 'instagram',
      entry: [
        {
          id: IG_ID,
          time: Date.now(),
          messaging: [
            {
              sender: { id: '5151' },
              recipient: { id: IG_ID },
              timestamp: Date.now(),
              message: { mid: 'ig_m1', text: 'Bonjour, une question sur les horaires' },
            },
          ],
        },
      ],
    });
    // The Send API call only: a background poll of the conversations must not take the failure.
    t.graph.failNext({
      method: 'POST',
      path: /\/messages$/,
      status: 403,
      body: {
        error: {
          message: 'This message is sent outside of allowed window.',
          type: 'IGApiException',
          code: 10,
          error_subcode: 2534022,
        },
      },
    });
    const res = await api<MessageView>(t, agent, `/api/tickets/${await ticketOf('ig_m1')}/replies`, {
      method: 'POST',
      body: { body: 'Bonjour' },
    });
    expect(res.body).toMatchObject({
      deliveryStatus: 'failed',
      deliveryError: 'This message is sent outside of allowed window.',
    });
  });

  it('turns Instagram comments into tickets threaded by parent, and replies under them', async () => {
    const delivery = (id: string, text: string, parent?: string) => ({
      object: 'instagram',
      entry: [
        {
          id: IG_ID,
          time: Math.floor(Date.now() / 1000),
          changes: [
            {
              field: 'comments',
              value: {
                from: { id: '777', username: 'citoyenne.val' },
                media: { id: '1801', media_product_type: 'FEED' },
                id,
                ...(parent ? { parent_id: parent } : {}),
                text,
              },
            },
          ],
        },
      ],
    });
    await postMetaWebhook(t, delivery('ig_c1', 'Les trottoirs sont glissants rue du Moulin'));
    await postMetaWebhook(t, delivery('ig_c2', 'Toujours rien fait', 'ig_c1'));
    await postMetaWebhook(t, delivery('ig_c1', 'Les trottoirs sont glissants rue du Moulin'));
    expect(await t.db.getRepository(Ticket).count()).toBe(1);
    expect(await t.db.getRepository(Message).count()).toBe(2);
    const ticketId = await ticketOf('ig_c1');
    const detail = await api<TicketDetail>(t, agent, `/api/tickets/${ticketId}`);
    expect(detail.body.platform).toBe('instagram');
    expect(detail.body.contact).toMatchObject({ handle: '@citoyenne.val' });
    const reply = await api<MessageView>(t, agent, `/api/tickets/${ticketId}/replies`, {
      method: 'POST',
      body: { body: 'Merci, nous passons.' },
    });
    expect(reply.body.deliveryStatus).toBe('sent');
    expect(t.graph.comments[0]).toMatchObject({ edge: 'replies', parentId: 'ig_c2' });
  });
});
