import type { ContactDetail, TicketDetail } from '@guichet/shared';
import { Ticket } from '../src/tickets/ticket.entity';
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
});
