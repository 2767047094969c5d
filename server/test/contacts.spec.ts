import type { ContactDetail, ContactMatch, TicketDetail } from '@guichet/shared';
import { Contact } from '../src/contacts/contact.entity';
import { Ticket } from '../src/tickets/ticket.entity';
import {
  api,
  feedDelivery,
  login,
  makePageAccount,
  makeRule,
  makeTown,
  makeUser,
  PAGE_ID,
  postMetaWebhook,
} from './factories';
import { startTestApp, type TestApp } from './test-app';

describe('Contacts across channels', () => {
  let t: TestApp;
  let agent: string;
  let town: Awaited<ReturnType<typeof makeTown>>;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    town = await makeTown(t.db);
    await makePageAccount(t);
    agent = await login(t, (await makeUser(t.db, { services: [town.voirie] })).email);
  });

  const comment = (id: string, from: { id: string; name: string }) =>
    postMetaWebhook(
      t,
      feedDelivery([
        { commentId: id, postId: `${PAGE_ID}_7700`, from, message: `Nid de poule, signalement ${id}` },
      ]),
    );
  const ticketOf = (commentId: string) =>
    t.db
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .innerJoin('messages', 'm', 'm.ticket_id = t.id')
      .where('m.platform_message_id = :commentId', { commentId })
      .getOneOrFail();

  it('merges two identities of one person: tickets, later messages, the ticket page and its history', async () => {
    await comment('7700_1', { id: '501', name: 'Marie Curie' });
    await comment('7700_2', { id: '502', name: 'M. Curie (compte pro)' });
    const first = await ticketOf('7700_1');
    const second = await ticketOf('7700_2');

    const merged = await api<ContactDetail>(t, agent, `/api/contacts/${first.contactId}/merge`, {
      method: 'POST',
      body: { contactId: second.contactId },
    });
    expect(merged.status).toBe(200);
    expect(merged.body.identities.map((c) => c.displayName)).toEqual([
      'Marie Curie',
      'M. Curie (compte pro)',
    ]);
    expect(merged.body.tickets.map((x) => x.id).sort()).toEqual([first.id, second.id].sort());

    // The second identity writes again: the new ticket is the person's.
    await comment('7700_3', { id: '502', name: 'M. Curie (compte pro)' });
    expect((await ticketOf('7700_3')).contactId).toBe(first.contactId);

    const page = await api<TicketDetail>(t, agent, `/api/tickets/${first.id}`);
    expect(page.body.contactTickets.map((x) => x.id)).toHaveLength(2);
    expect(page.body.contactTickets.map((x) => x.id)).not.toContain(first.id);
    expect(page.body.history.map((h) => h.action)).toEqual(
      expect.arrayContaining(['ticket.status', 'ticket.created']),
    );
    expect(page.body.history.find((h) => h.action === 'ticket.created')?.actor).toBeNull();
    expect(page.body.history.find((h) => h.action === 'ticket.status')?.details).toEqual({
      from: null,
      to: 'new',
    });

    // An agent's status change is told once, with who made it.
    const patched = await api(t, agent, `/api/tickets/${first.id}`, {
      method: 'PATCH',
      body: { status: 'pending' },
    });
    expect(patched.status).toBe(200);
    const history = (await api<TicketDetail>(t, agent, `/api/tickets/${first.id}`)).body.history;
    const toPending = history.filter((h) => JSON.stringify(h.details).includes('"to":"pending"'));
    expect(toPending).toHaveLength(1);
    expect(toPending[0]?.action).toBe('ticket.status');
    expect(toPending[0]?.actor?.displayName).toBeTruthy();

    // Reading the merged identity leads to the person.
    const again = await api<ContactDetail>(t, agent, `/api/contacts/${second.contactId}`);
    expect(again.body.id).toBe(first.contactId);
    expect(again.body.tickets).toHaveLength(3);
  });

  it('refuses bad merges with a 4xx and changes nothing', async () => {
    await comment('7701_1', { id: '601', name: 'Ada' });
    const { contactId } = await ticketOf('7701_1');
    const post = (id: string, body: unknown) =>
      api(t, agent, `/api/contacts/${id}/merge`, { method: 'POST', body });
    expect((await post(contactId as string, { contactId })).status).toBe(400);
    expect((await post(contactId as string, { contactId: 'nope' })).status).toBe(400);
    expect((await post(contactId as string, {})).status).toBe(400);
    expect(
      (await post(contactId as string, { contactId: '00000000-0000-4000-8000-000000000000' })).status,
    ).toBe(400);
    expect((await post('00000000-0000-4000-8000-000000000000', { contactId })).status).toBe(404);
    expect(
      await t.db.query('SELECT count(*)::int AS n FROM contacts WHERE merged_into_id IS NOT NULL'),
    ).toEqual([{ n: 0 }]);
  });

  it('hides a contact whose tickets are all in other services (404) and refuses elected officials (403)', async () => {
    await postMetaWebhook(
      t,
      feedDelivery([
        { commentId: '7702_1', from: { id: '701', name: 'Léon' }, message: 'Les poubelles débordent' },
      ]),
    );
    const { contactId } = await ticketOf('7702_1');
    expect((await api(t, agent, `/api/contacts/${contactId}`)).status).toBe(404);
    const elected = await login(t, (await makeUser(t.db, { role: 'elected' })).email);
    expect((await api(t, elected, `/api/contacts/${contactId}`)).status).toBe(403);
  });

  describe('search for the merge picker', () => {
    const search = (cookie: string, q: string) =>
      api<ContactMatch[]>(t, cookie, `/api/contacts?q=${encodeURIComponent(q)}`);
    const names = (found: { body: ContactMatch[] }) => found.body.map((c) => c.displayName);

    it('finds people by name, accents and case ignored, by handle or platform id, never a merged identity', async () => {
      await comment('7710_1', { id: '801', name: 'Hélène Bérézina' });
      await comment('7710_2', { id: '802', name: 'Helene Berezina (pro)' });
      await comment('7710_3', { id: '803', name: 'Jean Valjean' });
      await t.db.getRepository(Contact).update({ platformUserId: '803' }, { handle: 'jvaljean' });

      const both = await search(agent, 'HELENE bérézina');
      expect(both.status).toBe(200);
      expect(names(both).sort()).toEqual(['Helene Berezina (pro)', 'Hélène Bérézina']);
      expect(names(await search(agent, '  èlène  '))).toHaveLength(2);
      expect(names(await search(agent, 'JVALJ'))).toEqual(['Jean Valjean']);
      expect(names(await search(agent, '803'))).toEqual(['Jean Valjean']);
      expect(names(await search(agent, 'nobody here'))).toEqual([]);
      // LIKE's wildcards are plain characters.
      expect(names(await search(agent, '%%'))).toEqual([]);
      expect(names(await search(agent, '__'))).toEqual([]);

      const first = await ticketOf('7710_1');
      const second = await ticketOf('7710_2');
      await api(t, agent, `/api/contacts/${first.contactId}/merge`, {
        method: 'POST',
        body: { contactId: second.contactId },
      });
      // Searching for the merged identity's own name finds the person it belongs to, once.
      const merged = await search(agent, '(pro)');
      expect(merged.body).toHaveLength(1);
      expect(merged.body[0]).toMatchObject({
        id: first.contactId,
        displayName: 'Hélène Bérézina',
        ticketCount: 2,
      });
      expect(merged.body[0].identities.map((c) => c.id)).toEqual([first.contactId, second.contactId]);
      expect(names(await search(agent, 'berezina'))).toEqual(['Hélène Bérézina']);
    });

    it("shows only people with a ticket in the agent's services; admins find everyone, e-mails too", async () => {
      await comment('7711_1', { id: '811', name: 'Louise Michel' });
      // Routed to Propreté, not the agent's service.
      await postMetaWebhook(
        t,
        feedDelivery([
          { commentId: '7711_2', from: { id: '812', name: 'Louise Weiss' }, message: 'Poubelles' },
        ]),
      );
      await t.db.getRepository(Contact).save({
        platform: 'open311',
        platformUserId: 'l.labe@exemple.fr',
        handle: 'l.labe@exemple.fr',
        displayName: 'Louise Labé',
        tags: [],
      });
      expect(names(await search(agent, 'louise'))).toEqual(['Louise Michel']);
      const admin = await login(t, (await makeUser(t.db, { role: 'admin' })).email);
      expect(names(await search(admin, 'louise')).sort()).toEqual([
        'Louise Labé',
        'Louise Michel',
        'Louise Weiss',
      ]);
      expect(names(await search(admin, 'LABE@EXEMPLE'))).toEqual(['Louise Labé']);
      // A phone is stored without separators: however the agent types it, it is found.
      await t.db.getRepository(Contact).save({
        platform: 'open311',
        platformUserId: '0612345678',
        handle: '06 12 34 56 78',
        displayName: null,
        tags: [],
      });
      for (const phone of ['06.12.34.56', '0612 3456', '(06) 12-34']) {
        expect((await search(admin, phone)).body.map((c) => c.handle)).toEqual(['06 12 34 56 78']);
      }
    });

    it('returns at most 20 people, names starting with the search first', async () => {
      await postMetaWebhook(
        t,
        feedDelivery(
          Array.from({ length: 22 }, (_, i) => ({
            commentId: `7712_${i}`,
            from: { id: `${900 + i}`, name: i === 0 ? 'Dupont Zoé' : `Zoé Dupont ${i}` },
            message: 'Un nid de poule devant chez moi',
          })),
        ),
      );
      const found = await search(agent, 'dupont');
      expect(found.body).toHaveLength(20);
      expect(found.body[0].displayName).toBe('Dupont Zoé');
    });

    it('refuses a search shorter than 2 or longer than 100 characters (400) and elected officials (403)', async () => {
      expect((await api(t, agent, '/api/contacts')).status).toBe(400);
      expect((await search(agent, 'a')).status).toBe(400);
      expect((await search(agent, '  a  ')).status).toBe(400);
      expect((await search(agent, 'x'.repeat(101))).status).toBe(400);
      expect((await search(agent, 'x'.repeat(100))).status).toBe(200);
      const elected = await login(t, (await makeUser(t.db, { role: 'elected' })).email);
      expect((await search(elected, 'marie')).status).toBe(403);
    });
  });

  describe('tags', () => {
    const patch = (cookie: string, id: string, body: unknown) =>
      api<ContactDetail>(t, cookie, `/api/contacts/${id}`, { method: 'PATCH', body });

    it('stores normalised tags on the person, audits the change, and routing rules match them', async () => {
      await comment('7720_1', { id: '1001', name: 'Albert Londres' });
      const { contactId } = await ticketOf('7720_1');
      const saved = await patch(agent, contactId as string, {
        tags: ['  Presse ', 'ÉLU', 'presse', 'quartier   nord'],
      });
      expect(saved.status).toBe(200);
      expect(saved.body.tags).toEqual(['presse', 'élu', 'quartier nord']);
      expect((await api<ContactDetail>(t, agent, `/api/contacts/${contactId}`)).body.tags).toEqual([
        'presse',
        'élu',
        'quartier nord',
      ]);
      const audits: unknown[] = await t.db.query(
        `SELECT actor_user_id IS NOT NULL AS by_user, details FROM audit_events
          WHERE action = 'contact.tags_changed' AND target_id = $1`,
        [contactId],
      );
      expect(audits).toEqual([
        { by_user: true, details: { from: [], to: ['presse', 'élu', 'quartier nord'] } },
      ]);
      // Saving the same tags again records nothing new.
      await patch(agent, contactId as string, { tags: ['presse', 'élu', 'quartier nord'] });
      expect(
        await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'contact.tags_changed'`),
      ).toEqual([{ n: 1 }]);

      await makeRule(t.db, {
        name: 'Journalistes',
        position: 0,
        continues: true,
        conditions: { contactTags: ['presse'] },
        actions: { tags: ['média'], sensitive: true },
      });
      // Under another post: a new conversation, routed afresh.
      await postMetaWebhook(
        t,
        feedDelivery([
          {
            commentId: '7721_9',
            postId: `${PAGE_ID}_7721`,
            from: { id: '1001', name: 'Albert Londres' },
            message: 'Un nid de poule rue Zola',
          },
        ]),
      );
      const next = await ticketOf('7721_9');
      expect(next.tags).toContain('média');
      expect(next.sensitive).toBe(true);
    });

    it('edits the person through a merged identity, and a merge keeps the tags of both', async () => {
      await comment('7721_1', { id: '1101', name: 'Nellie Bly' });
      await comment('7721_2', { id: '1102', name: 'Nellie B.' });
      const main = (await ticketOf('7721_1')).contactId as string;
      const other = (await ticketOf('7721_2')).contactId as string;
      await patch(agent, main, { tags: ['presse'] });
      await patch(agent, other, { tags: ['élu', 'presse'] });
      const merged = await api<ContactDetail>(t, agent, `/api/contacts/${main}/merge`, {
        method: 'POST',
        body: { contactId: other },
      });
      expect(merged.body.tags).toEqual(['presse', 'élu']);

      const viaMerged = await patch(agent, other, { tags: ['riverain'] });
      expect(viaMerged.body.id).toBe(main);
      expect(viaMerged.body.tags).toEqual(['riverain']);
      const rows = await t.db.getRepository(Contact).findBy({ platformUserId: '1102' });
      expect(rows[0].tags).toEqual(['élu', 'presse']);
    });

    it('refuses bad tags with a 400 and changes nothing; hidden people 404, elected officials 403', async () => {
      await comment('7722_1', { id: '1201', name: 'Séverine' });
      const id = (await ticketOf('7722_1')).contactId as string;
      await patch(agent, id, { tags: ['presse'] });
      for (const body of [
        {},
        { tags: 'presse' },
        { tags: [1] },
        { tags: [''] },
        { tags: ['   '] },
        { tags: ['a'.repeat(51)] },
        { tags: Array.from({ length: 21 }, (_, i) => `tag ${i}`) },
        { tags: ['presse, élu'] },
        { tags: ['bell\u0007'] },
        { tags: ['ok'], displayName: 'Renamed' },
      ]) {
        const res = await patch(agent, id, body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
      }
      expect((await patch(agent, id, { tags: ['a'.repeat(50)] })).status).toBe(200);
      await patch(agent, id, { tags: ['presse'] });
      const row = await t.db.getRepository(Contact).findOneByOrFail({ id });
      expect(row.tags).toEqual(['presse']);
      expect(row.displayName).toBe('Séverine');

      expect((await patch(agent, '00000000-0000-4000-8000-000000000000', { tags: [] })).status).toBe(404);
      expect((await patch(agent, 'not-a-uuid', { tags: [] })).status).toBe(400);
      await postMetaWebhook(
        t,
        feedDelivery([
          { commentId: '7722_2', from: { id: '1202', name: 'Colette' }, message: 'Encombrants' },
        ]),
      );
      const hidden = (await ticketOf('7722_2')).contactId as string;
      expect((await patch(agent, hidden, { tags: ['x'] })).status).toBe(404);
      const elected = await login(t, (await makeUser(t.db, { role: 'elected' })).email);
      expect((await patch(elected, id, { tags: ['x'] })).status).toBe(403);
      expect((await t.db.getRepository(Contact).findOneByOrFail({ id: hidden })).tags).toEqual([]);
    });
  });
});
