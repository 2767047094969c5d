import type { Page, TicketDetail, TicketSummary } from '@guichet/shared';
import type { ListTicketsQuery } from '@guichet/shared/dto';
import type { AuthUser } from '../src/auth/auth-user';
import { listTickets } from '../src/tickets/ticket-list.query';
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

type List = Page<TicketSummary>;

/**
 * Full-text search through each ticket's search document (ticket_search), which PostgreSQL keeps
 * from the messages: what gets in, what leaves, and the two ways a page is found (walking the inbox,
 * or the index for rare words), which must give the same pages.
 */
describe('Searching tickets by their messages', () => {
  let t: TestApp;
  let admin: string;
  let adminUser: AuthUser;
  let town: Awaited<ReturnType<typeof makeTown>>;
  let sequence = 0;

  beforeAll(async () => {
    t = await startTestApp();
    town = await makeTown(t.db);
    await makePageAccount(t);
    const user = await makeUser(t.db, { role: 'admin' });
    admin = await login(t, user.email);
    adminUser = {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: 'admin',
      serviceIds: [],
      headOfServiceIds: [],
      sessionId: null,
    };
  });
  afterAll(async () => {
    await t.close();
  });

  const search = async (q: string, extra = '') =>
    (await api<List>(t, admin, `/api/tickets?q=${encodeURIComponent(q)}&limit=200${extra}`)).body;

  /** A new Facebook thread with one comment; its ticket. */
  async function comment(message: string, postId = `${PAGE_ID}_77${++sequence}`): Promise<TicketSummary> {
    const commentId = `${postId.split('_')[1]}_${++sequence}`;
    await postMetaWebhook(t, feedDelivery([{ commentId, postId, message }]));
    const rows = await t.db.query<Array<{ id: string }>>(
      `SELECT ticket_id AS id FROM messages WHERE platform_message_id = $1`,
      [commentId],
    );
    return (await api<TicketDetail>(t, admin, `/api/tickets/${rows[0]?.id}`)).body;
  }

  it('finds a ticket by any of its messages: later comments, replies and internal notes', async () => {
    const postId = `${PAGE_ID}_7001`;
    const ticket = await comment('Bonjour, le portail du cimetière grince affreusement', postId);
    // A reply to the citizen's comment: the same thread.
    const parentId = `7001_${sequence}`;
    await postMetaWebhook(
      t,
      feedDelivery([
        { commentId: '7001_x', postId, parentId, message: 'Toujours ce grincement, et la serrure bloque' },
      ]),
    );
    const reply = await api(t, admin, `/api/tickets/${ticket.id}/replies`, {
      method: 'POST',
      body: { body: 'Les services techniques vont graisser les gonds cette semaine.' },
    });
    expect(reply.status).toBeLessThan(300);
    const note = await api(t, admin, `/api/tickets/${ticket.id}/notes`, {
      method: 'POST',
      body: { body: 'Voir avec le fossoyeur pour la clé' },
    });
    expect(note.status).toBe(201);

    for (const q of ['cimetiere', 'serrure', 'gonds', 'fossoyeur', 'grincer']) {
      expect((await search(q)).items.map((x) => x.id)).toEqual([ticket.id]);
    }
    expect((await search('"portail du cimetière"')).items.map((x) => x.id)).toEqual([ticket.id]);
  });

  it('follows an edited comment and forgets a deleted message', async () => {
    const postId = `${PAGE_ID}_7002`;
    const ticket = await comment('Une trottinette abandonnée bloque le passage', postId);
    expect((await search('trottinette')).items.map((x) => x.id)).toEqual([ticket.id]);

    await postMetaWebhook(
      t,
      feedDelivery([
        {
          commentId: `7002_${sequence}`,
          postId,
          verb: 'edited',
          message: 'Un vélo abandonné bloque le passage',
        },
      ]),
    );
    expect((await search('trottinette')).items).toEqual([]);
    expect((await search('velo abandonne')).items.map((x) => x.id)).toEqual([ticket.id]);

    await t.db.query('DELETE FROM messages WHERE ticket_id = $1', [ticket.id]);
    expect((await search('velo')).items).toEqual([]);
    expect(await t.db.query('SELECT 1 FROM ticket_search WHERE ticket_id = $1', [ticket.id])).toEqual([]);
  });

  it('keeps a re-routed ticket findable within its new service only', async () => {
    const ticket = await comment('Un essaim de frelons asiatiques sous le préau');
    const before = ticket.service.id;
    const target = before === town.voirie.id ? town.accueil.id : town.voirie.id;
    expect((await search('frelons', `&serviceId=${before}`)).items.map((x) => x.id)).toEqual([ticket.id]);
    const moved = await api(t, admin, `/api/tickets/${ticket.id}`, {
      method: 'PATCH',
      body: { serviceId: target, reason: 'Les nids de frelons relèvent de ce service' },
    });
    expect(moved.status).toBe(200);
    expect((await search('frelons', `&serviceId=${before}`)).items).toEqual([]);
    expect((await search('frelons', `&serviceId=${target}`)).items.map((x) => x.id)).toEqual([ticket.id]);
  });

  it('stores messages far too long for a search document, and still finds the ticket', async () => {
    // Each message about 100 kB of distinct long made-up words: a tsvector holds at most 1 MB of
    // words, so the document stops growing before the eleventh, and every message is stored all the same.
    const words = (prefix: string) =>
      Array.from({ length: 3_200 }, (_, i) => `${prefix}${i.toString(36).padStart(29, 'y')}`).join(' ');
    const ticket = await comment(`Réclamation interminable au sujet du carillon ${words('k')}`);
    const prefixes = 'bcdfghjmnpqrstv'.split('');
    for (const prefix of prefixes) {
      await t.db.query(
        `INSERT INTO messages (ticket_id, direction, kind, body, delivery_status, sent_at)
         VALUES ($1, 'internal', 'comment', $2, 'received', now())`,
        [ticket.id, `Note sur le carillon ${words(prefix)}`],
      );
    }
    const rows = await t.db.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1',
      [ticket.id],
    );
    expect(rows[0]?.n).toBe(1 + prefixes.length);
    expect((await search('carillon interminable')).items.map((x) => x.id)).toEqual([ticket.id]);
    expect((await search(`b${'1a'.padStart(29, 'y')}`)).items.map((x) => x.id)).toEqual([ticket.id]);
    // An edit rebuilds the document from all the messages, within the same bound.
    await t.db.query(`UPDATE messages SET body = body || ' horloge' WHERE ticket_id = $1`, [ticket.id]);
    expect((await search('horloge')).items.map((x) => x.id)).toEqual([ticket.id]);
  });

  it('lists a ticket whose service the cached list does not know yet', async () => {
    const all = await listTickets(t.db, adminUser, { limit: 200 });
    const stale = await listTickets(t.db, adminUser, { limit: 200 }, { services: () => Promise.resolve([]) });
    expect(stale.tickets.map((x) => x.id)).toEqual(all.tickets.map((x) => x.id));
    expect(stale.tickets.length).toBeGreaterThan(0);
    expect(stale.tickets[0]?.service.name).toBeTruthy();
  });

  describe('walking the inbox or reading the index', () => {
    const texts = [
      'Nid de poule devant la boulangerie',
      'Poubelles pas ramassées rue Victor Hugo',
      'Le lampadaire de la place clignote',
      'Nid de poule dangereux avenue Jean Jaurès',
      'Bruit de chantier dès six heures',
      'Demande d’acte de naissance pour mon fils',
      'Poubelle renversée par le vent',
      'Le lampadaire ne s’allume plus',
    ];

    beforeAll(async () => {
      for (let i = 0; i < 48; i++) await comment(`${texts[i % texts.length]} (signalement ${i})`);
      // One rare word, in one old ticket: the walk misses it, the index finds it.
      await t.db.query(
        `UPDATE messages SET body = body || ' avec un ornithorynque' WHERE id = (
           SELECT m.id FROM messages m JOIN tickets t ON t.id = m.ticket_id
            WHERE m.body LIKE 'Nid de poule devant%' ORDER BY t.last_message_at LIMIT 1)`,
      );
    });

    async function pages(
      q: string,
      sort: 'activity' | 'due',
      limit: number,
      searchWalk?: number,
      filters: ListTicketsQuery = {},
    ) {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 100; page++) {
        const query = { ...filters, q, sort, limit, cursor };
        const result = await listTickets(t.db, adminUser, query, { searchWalk });
        ids.push(...result.tickets.map((x) => x.id));
        if (!result.nextCursor) return { ids, total: result.total };
        cursor = result.nextCursor;
      }
      throw new Error('too many pages');
    }

    it.each([
      ['poubelle', 'activity'],
      ['"nid de poule"', 'activity'],
      ['lampadaire', 'due'],
      ['ornithorynque', 'activity'],
      ['naissance -fils', 'due'],
      ['piscine', 'activity'],
    ] as const)('gives the same pages for « %s » (sort %s) whichever way', async (q, sort) => {
      const reference = await pages(q, sort, 200, 1_000_000);
      for (const [limit, walk] of [
        [5, 1],
        [5, 3],
        [4, 10],
        [200, 2],
      ]) {
        expect(await pages(q, sort, limit, walk)).toEqual(reference);
      }
      const expected = { poubelle: 12, '"nid de poule"': 12, lampadaire: 12, ornithorynque: 1 }[q as string];
      if (expected !== undefined) expect(reference.ids).toHaveLength(expected);
      if (q === 'piscine') expect(reference.ids).toEqual([]);
    });

    it('gives the same pages whichever way with filters, within a service', async () => {
      const [first] = (await pages('poubelle', 'activity', 200)).ids;
      const ticket = (
        await t.db.query<Array<{ service_id: string }>>('SELECT service_id FROM tickets WHERE id = $1', [
          first,
        ])
      )[0];
      // Every third ticket of the word set aside, so that the filter matters.
      await t.db.query(`UPDATE tickets SET status = 'pending' WHERE reference % 3 = 0`);
      const filters: ListTicketsQuery = { serviceId: ticket?.service_id, status: ['new', 'open'] };
      const reference = await pages('poubelle', 'activity', 200, 1_000_000, filters);
      expect(reference.ids.length).toBeGreaterThan(0);
      for (const [limit, walk] of [
        [3, 1],
        [2, 4],
      ]) {
        expect(await pages('poubelle', 'activity', limit, walk, filters)).toEqual(reference);
      }
    });
  });
});
