import { normalizeMastodonNotification } from '../mastodon-notification.normalizer';
import { loadFixture } from './test-http-server';

const TOWN = '109302746123456789';
const fixture = (name: string): Record<string, unknown> =>
  loadFixture('mastodon', name) as Record<string, unknown>;

describe('normalizeMastodonNotification', () => {
  it('turns a public mention into a message, without the town mention, with links as shown', () => {
    const notification = fixture('mention-public.json');
    expect(normalizeMastodonNotification(notification, TOWN)).toEqual({
      type: 'message',
      platform: 'mastodon',
      accountExternalId: TOWN,
      kind: 'mention',
      platformMessageId: '113795424401112233',
      platformParentId: null,
      threadKey: '113795424401112233',
      author: {
        platformUserId: '109876543210987654',
        displayName: 'Marie Dupont',
        handle: '@marie@piaille.fr',
      },
      body:
        "Bonjour, il y a un nid de poule rue Jean-Jaurès & l'éclairage ne marche plus.\n\n" +
        'Voir https://www.openstreetmap.org/way/123456789/history/very/long/path\nMerci ! #voirie',
      sentAt: new Date('2025-01-10T08:42:15.000Z'),
      context: { postId: null, permalink: 'https://piaille.fr/@marie/113795424401112233' },
      replyHints: { visibility: 'public', acct: 'marie@piaille.fr' },
      raw: notification,
    });
  });

  it('marks a direct message as direct, threads a reply under what it answers, falls back to the username', () => {
    const m = normalizeMastodonNotification(fixture('mention-direct.json'), TOWN);
    expect(m).toMatchObject({
      kind: 'direct',
      platformMessageId: '113795499999999001',
      platformParentId: '113795400000000555',
      threadKey: '113795400000000555',
      author: { platformUserId: '110000000000000042', displayName: 'jeanbon', handle: '@jeanbon' },
      body: "Mon numéro de dossier est le 2025-0042, je n'ai pas reçu de réponse.",
      replyHints: { visibility: 'direct', acct: 'jeanbon' },
    });
  });

  it('prefixes the content warning and keeps a mention that is not at the start', () => {
    const m = normalizeMastodonNotification(fixture('mention-cw.json'), TOWN);
    expect(m?.body).toBe(
      '[CW: accident, blessé]\nUn cycliste est tombé au carrefour, la chaussée est défoncée @mairie_exemple',
    );
    expect(m?.kind).toBe('mention');
    expect(m?.replyHints).toEqual({ visibility: 'unlisted', acct: 'marie@piaille.fr' });
  });

  it('appends attachments as URL lines, using the remote URL when the instance has no copy', () => {
    const m = normalizeMastodonNotification(fixture('mention-attachment.json'), TOWN);
    expect(m?.body).toBe(
      'Dépôt sauvage derrière le gymnase :\n\n' +
        'Pièce jointe : https://files.mastodon.social/cache/media_attachments/files/113/795/699/original/abc.jpg\n' +
        'Pièce jointe : https://mamot.fr/media/def.mp4',
    );
  });

  it("removes the town from a reply chain's leading mentions, in any case and with its domain", () => {
    const n = fixture('mention-public.json');
    const status = n.status as Record<string, unknown>;
    const withChain = {
      ...n,
      status: {
        ...status,
        content: '<p>@paul @MAIRIE_EXEMPLE@mastodon.social <br>Même souci chez moi</p>',
      },
    };
    expect(normalizeMastodonNotification(withChain, TOWN)?.body).toBe('@paul Même souci chez moi');
  });

  it('skips what is not a citizen message', () => {
    const n = fixture('mention-public.json');
    const status = n.status as Record<string, unknown>;
    expect(normalizeMastodonNotification({ ...n, status: null }, TOWN)).toBeNull();
    expect(normalizeMastodonNotification({ ...n, type: 'favourite' }, TOWN)).toBeNull();
    const own = {
      ...n,
      status: { ...status, account: { id: TOWN, username: 'mairie_exemple', acct: 'mairie_exemple' } },
    };
    expect(normalizeMastodonNotification(own, TOWN)).toBeNull();
    expect(normalizeMastodonNotification('nonsense', TOWN)).toBeNull();
  });
});
