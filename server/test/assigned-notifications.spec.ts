import type { NotificationView, TicketAssignedEvent } from '@guichet/shared';
import type { InboundMessage } from '../src/channels/inbound-event';
import type { BusinessCalendar } from '../src/domain/sla';
import { Service } from '../src/services/service.entity';
import { IngestInboundService, type InboundItem } from '../src/tickets/ingest-inbound.service';
import { Ticket } from '../src/tickets/ticket.entity';
import type { User } from '../src/users/user.entity';
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
import { connectSocket, type ClientSocket } from './sockets';
import { startTestApp, type TestApp } from './test-app';
import { waitFor } from './wait-for';

/** Every hour of every day: whoever runs the test, the agents are on shift. */
const day: Array<[string, string]> = [['00:00', '24:00']];
const ALWAYS: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
};

let n = 0;
function pothole(): InboundItem {
  n++;
  const at = new Date();
  const event: InboundMessage = {
    type: 'message',
    platform: 'facebook',
    accountExternalId: PAGE_ID,
    kind: 'comment',
    platformMessageId: `7700_${n}`,
    platformParentId: `${PAGE_ID}_7700`,
    threadKey: `7700_${n}`,
    author: { platformUserId: `habitant-${n}`, displayName: `Habitant ${n}`, handle: null },
    body: `Un nid de poule rue ${n}`,
    sentAt: at,
    context: { postId: `${PAGE_ID}_7700`, permalink: null },
    raw: { n },
  };
  return { event, receivedAt: at };
}

interface NotificationRow {
  user_id: string;
  actor_user_id: string | null;
  ticket_id: string;
  kind: string;
}

describe('Notifications of tickets assigned to me', () => {
  let t: TestApp;
  let town: Awaited<ReturnType<typeof makeTown>>;
  const sockets: ClientSocket[] = [];
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
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });

  /** A connected socket of the user, and the `ticket.assigned` events it receives. */
  async function listen(user: User): Promise<TicketAssignedEvent[]> {
    const socket = await connectSocket(t, await login(t, user.email));
    sockets.push(socket);
    const received: TicketAssignedEvent[] = [];
    socket.on('ticket.assigned', (event) => received.push(event));
    return received;
  }

  const assignedRows = (): Promise<NotificationRow[]> =>
    t.db.query(
      `SELECT user_id, actor_user_id, ticket_id, kind FROM notifications WHERE kind = 'ticket.assigned'
        ORDER BY created_at, id`,
    );

  /** Lets a wrongly addressed event arrive before asserting that it did not. */
  const settle = () => new Promise((r) => setTimeout(r, 300));

  it('tells the agent a colleague gave a ticket to, in their own room only, and lists it in their bell', async () => {
    const head = await makeUser(t.db, {
      role: 'service_head',
      services: [town.voirie],
      displayName: 'Claire',
    });
    const bob = await makeUser(t.db, { services: [town.voirie], displayName: 'Bob' });
    const colleague = await makeUser(t.db, { services: [town.voirie] });
    const admin = await makeUser(t.db, { role: 'admin' });
    const [toBob, toHead, toColleague, toAdmin] = await Promise.all(
      [bob, head, colleague, admin].map((u) => listen(u)),
    );
    const [created] = await t.app.get(IngestInboundService).ingestMany([pothole()]);
    const ticket = await t.db.getRepository(Ticket).findOneByOrFail({ id: created.ticketId as string });

    const res = await api(t, await login(t, head.email), `/api/tickets/${ticket.id}`, {
      method: 'PATCH',
      body: { assigneeId: bob.id },
    });
    expect(res.status).toBe(200);

    await waitFor(() => toBob.length === 1);
    const [event] = toBob;
    expect(event).toMatchObject({
      ticketId: ticket.id,
      reference: ticket.reference,
      subject: ticket.subject,
      service: { id: town.voirie.id, name: 'Voirie' },
      by: { id: head.id, displayName: 'Claire' },
    });
    expect(event.notification).toMatchObject({
      kind: 'ticket.assigned',
      ticketId: ticket.id,
      ticket: { reference: ticket.reference, subject: ticket.subject, serviceName: 'Voirie' },
      actor: { id: head.id, displayName: 'Claire' },
      title: `Ticket n° ${ticket.reference} vous a été attribué`,
      readAt: null,
    });
    await settle();
    expect(toBob).toHaveLength(1);
    // The service room, the assigner and an admin who sees everything are not told.
    for (const other of [toHead, toColleague, toAdmin]) expect(other).toHaveLength(0);

    expect(await assignedRows()).toEqual([
      { user_id: bob.id, actor_user_id: head.id, ticket_id: ticket.id, kind: 'ticket.assigned' },
    ]);
    const bell = await api<NotificationView[]>(t, await login(t, bob.email), '/api/notifications');
    expect(bell.body).toEqual([event.notification]);
    const headBell = await api<NotificationView[]>(t, await login(t, head.email), '/api/notifications');
    expect(headBell.body).toEqual([]);
    // Only Bob can read it.
    const foreign = await api(
      t,
      await login(t, colleague.email),
      `/api/notifications/${event.notification.id}/read`,
      {
        method: 'POST',
      },
    );
    expect(foreign.status).toBe(404);
  });

  it('tells nobody when an agent takes a ticket themselves, nor when a change keeps the assignee', async () => {
    const agent = await makeUser(t.db, { services: [town.voirie] });
    const received = await listen(agent);
    const [created] = await t.app.get(IngestInboundService).ingestMany([pothole()]);
    const cookie = await login(t, agent.email);
    const patch = (body: unknown) =>
      api(t, cookie, `/api/tickets/${created.ticketId as string}`, { method: 'PATCH', body });

    expect((await patch({ assigneeId: agent.id })).status).toBe(200);
    expect((await patch({ assigneeId: agent.id, priority: 'high' })).status).toBe(200);
    expect(
      (await t.db.getRepository(Ticket).findOneByOrFail({ id: created.ticketId as string })).assigneeId,
    ).toBe(agent.id);
    await settle();
    expect(received).toHaveLength(0);
    expect(await assignedRows()).toEqual([]);
  });

  it('tells each agent round-robin dealt new tickets to, one notification per ticket, after the batch commits', async () => {
    await t.db.getRepository(Service).update({ id: town.voirie.id }, { assignmentMode: 'round_robin' });
    const a = await makeUser(t.db, { services: [town.voirie], calendar: ALWAYS });
    const b = await makeUser(t.db, { services: [town.voirie], calendar: ALWAYS });
    // Propreté stays manual: its tickets are nobody's, and nobody hears of them.
    const propreteAgent = await makeUser(t.db, { services: [town.proprete], calendar: ALWAYS });
    const [toA, toB, toProprete] = await Promise.all([a, b, propreteAgent].map((u) => listen(u)));

    const items = Array.from({ length: 12 }, () => pothole());
    const litter = pothole();
    (litter.event as InboundMessage).body = 'Des ordures partout devant chez moi';
    const outcomes = await t.app.get(IngestInboundService).ingestMany([...items, litter]);

    const tickets = await t.db
      .getRepository(Ticket)
      .find({ where: outcomes.map((o) => ({ id: o.ticketId as string })), order: { reference: 'ASC' } });
    const dealt = tickets.filter((x) => x.assigneeId !== null);
    expect(dealt).toHaveLength(12);
    const rows = await assignedRows();
    expect(rows).toHaveLength(12);
    expect(new Map(rows.map((r) => [r.ticket_id, r.user_id]))).toEqual(
      new Map(dealt.map((x) => [x.id, x.assigneeId])),
    );
    // Guichet assigned them, not a person.
    expect(rows.every((r) => r.actor_user_id === null)).toBe(true);

    const ofUser = (u: User) => dealt.filter((x) => x.assigneeId === u.id).map((x) => x.reference);
    await waitFor(() => toA.length + toB.length === 12);
    expect(toA.map((e) => e.reference).sort((x, y) => x - y)).toEqual(ofUser(a));
    expect(toB.map((e) => e.reference).sort((x, y) => x - y)).toEqual(ofUser(b));
    expect(ofUser(a)).toHaveLength(6);
    expect(toA.every((e) => e.by === null && e.service.name === 'Voirie')).toBe(true);
    await settle();
    expect(toA.length + toB.length).toBe(12);
    expect(toProprete).toHaveLength(0);
  });

  it('tells the agent a webhook dealt a ticket to, through the inbound queue', async () => {
    await t.db.getRepository(Service).update({ id: town.voirie.id }, { assignmentMode: 'round_robin' });
    const agent = await makeUser(t.db, { services: [town.voirie], calendar: ALWAYS });
    const received = await listen(agent);
    const res = await postMetaWebhook(t, feedDelivery([{ message: 'Un nid de poule devant l’école' }]));
    expect(res.status).toBe(200);
    await waitFor(() => received.length === 1);
    expect(received[0]).toMatchObject({ subject: 'Un nid de poule devant l’école', by: null });
    expect(await assignedRows()).toHaveLength(1);
  });

  it('tells the agent a re-route dealt the ticket to, but not the agent who re-routed it', async () => {
    await t.db.getRepository(Service).update({ id: town.proprete.id }, { assignmentMode: 'round_robin' });
    const mover = await makeUser(t.db, { services: [town.voirie] });
    const propreteAgent = await makeUser(t.db, { services: [town.proprete], calendar: ALWAYS });
    const [toMover, toProprete] = await Promise.all([listen(mover), listen(propreteAgent)]);
    const [created] = await t.app.get(IngestInboundService).ingestMany([pothole()]);

    const res = await api(t, await login(t, mover.email), `/api/tickets/${created.ticketId as string}`, {
      method: 'PATCH',
      body: { serviceId: town.proprete.id, reason: 'Des déchets, pas la chaussée' },
    });
    expect(res.status).toBe(200);
    await waitFor(() => toProprete.length === 1);
    expect(toProprete[0]).toMatchObject({
      ticketId: created.ticketId,
      service: { id: town.proprete.id, name: 'Propreté' },
      by: null,
    });
    await settle();
    expect(toMover).toHaveLength(0);
    expect(await assignedRows()).toEqual([
      {
        user_id: propreteAgent.id,
        actor_user_id: null,
        ticket_id: created.ticketId,
        kind: 'ticket.assigned',
      },
    ]);
  });
});
