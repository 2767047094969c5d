import { loadFixture } from '../../mastodon/__tests__/test-http-server';
import { decodeXText, normalizeXMentionsPage, stripLeadingMentions } from '../x-mentions.normalizer';

const TOWN = '1300000000000000007';

describe('normalizeXMentionsPage', () => {
  it('normalises a page with includes.users, replies and the next token', () => {
    const body = loadFixture('x', 'mentions-page-1.json') as { data: unknown[] };
    const page = normalizeXMentionsPage(body, TOWN);
    expect(page.nextToken).toBe('7140dibdnow9c7btw481sbz2t8dy0bhg3w7tecqbf7q9z');
    // The town's own reply is skipped but still counts for the cursor.
    expect(page.tweetIds).toEqual(['1877712345678901250', '1877711111111111112', '1877700000000000000']);
    expect(page.messages).toHaveLength(2);
    expect(page.messages[0]).toEqual({
      type: 'message',
      platform: 'x',
      accountExternalId: TOWN,
      kind: 'mention',
      platformMessageId: '1877712345678901250',
      platformParentId: '1877711111111111111',
      threadKey: '1877700000000000000',
      author: { platformUserId: '1500000000000000001', displayName: 'Lucas B.', handle: '@lucasb' },
      body: '@marie_d Et toujours rien pour le lampadaire & le trottoir <rue Pasteur>',
      sentAt: new Date('2025-01-10T14:05:00.000Z'),
      context: { postId: null, permalink: 'https://x.com/lucasb/status/1877712345678901250' },
      replyHints: { username: 'lucasb' },
      raw: body.data[0],
    });
    expect(page.messages[1]).toMatchObject({
      platformMessageId: '1877700000000000000',
      platformParentId: null,
      threadKey: '1877700000000000000',
      author: { platformUserId: '1400000000000000042', displayName: 'Marie Dupont', handle: '@marie_d' },
      body: 'Le lampadaire de la rue Pasteur est éteint depuis une semaine',
    });
  });

  it('reads a last page without next_token, skipping retweets and keeping long posts whole', () => {
    const page = normalizeXMentionsPage(loadFixture('x', 'mentions-last-page.json'), TOWN);
    expect(page.nextToken).toBeNull();
    expect(page.tweetIds).toEqual(['1877690000000000001', '1877680000000000009']);
    expect(page.messages.map((m) => m.platformMessageId)).toEqual(['1877680000000000009']);
    expect(page.messages[0].body).toBe(
      "Le marché de Noël est annulé ? Je ne trouve l'information nulle part sur le site, ni dans le bulletin municipal.",
    );
  });

  it('reads an empty page (result_count 0, no data)', () => {
    expect(normalizeXMentionsPage(loadFixture('x', 'mentions-empty.json'), TOWN)).toEqual({
      tweetIds: [],
      messages: [],
      nextToken: null,
    });
  });

  it("gives t.co links back as the addresses they stand for (entities.urls), a long post's from its note", () => {
    const page = normalizeXMentionsPage(
      {
        data: [
          {
            id: '18000000000000000002',
            author_id: '99',
            text: '@mairie_exemple Nid de poule ici https://t.co/AbC123xyz0 &amp; photo https://t.co/PhOtO00001 https://t.co/unknown0001',
            entities: {
              mentions: [{ start: 0, end: 15, username: 'mairie_exemple', id: TOWN }],
              urls: [
                {
                  start: 33,
                  end: 56,
                  url: 'https://t.co/AbC123xyz0',
                  expanded_url: 'https://www.openstreetmap.org/way/123456789',
                  display_url: 'openstreetmap.org/way/1234…',
                },
                {
                  start: 71,
                  end: 94,
                  url: 'https://t.co/PhOtO00001',
                  expanded_url: 'https://x.com/citoyen/status/18000000000000000002/photo/1',
                  display_url: 'pic.x.com/PhOtO00001',
                  media_key: '3_18000000000000000002',
                },
              ],
            },
          },
          {
            id: '18000000000000000003',
            author_id: '99',
            text: 'Début du long message… https://t.co/trunc00001',
            note_tweet: {
              text: 'Début du long message, et la suite : https://t.co/NoTe000001 https://t.co/evil000001',
              entities: {
                urls: [
                  { url: 'https://t.co/NoTe000001', expanded_url: 'https://valbrune.fr/a' },
                  { url: 'https://t.co/evil000001', expanded_url: 'javascript:alert(1)' },
                ],
              },
            },
          },
        ],
        meta: { result_count: 2 },
      },
      TOWN,
    );
    expect(page.messages.map((m) => m.body)).toEqual([
      'Nid de poule ici https://www.openstreetmap.org/way/123456789 & photo ' +
        'https://x.com/citoyen/status/18000000000000000002/photo/1 https://t.co/unknown0001',
      'Début du long message, et la suite : https://valbrune.fr/a https://t.co/evil000001',
    ]);
  });

  it('keeps a message whose author is missing from includes, and conversation-less tweets as their own thread', () => {
    const page = normalizeXMentionsPage(
      { data: [{ id: '18000000000000000001', text: 'salut', author_id: '99' }], meta: { result_count: 1 } },
      TOWN,
    );
    expect(page.messages[0]).toMatchObject({
      threadKey: '18000000000000000001',
      author: { platformUserId: '99', displayName: null, handle: null },
      replyHints: {},
      context: { postId: null, permalink: 'https://x.com/i/web/status/18000000000000000001' },
    });
  });
});

describe('stripLeadingMentions / decodeXText', () => {
  it("removes only the town's leading mentions", () => {
    const town = new Set(['mairie_exemple']);
    expect(stripLeadingMentions('@Mairie_Exemple bonjour', town)).toBe('bonjour');
    expect(stripLeadingMentions('@a @Mairie_Exemple @b re-bonjour', town)).toBe('@a @b re-bonjour');
    expect(stripLeadingMentions('bonjour @Mairie_Exemple', town)).toBe('bonjour @Mairie_Exemple');
    expect(stripLeadingMentions('@Mairie_Exemple2 bonjour', town)).toBe('@Mairie_Exemple2 bonjour');
  });

  it('undoes X escaping once', () => {
    expect(decodeXText('a &amp; b &lt;c&gt; &amp;lt; &quot;')).toBe('a & b <c> &lt; &quot;');
  });
});
