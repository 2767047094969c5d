import {
  SOCKET_PATH,
  TYPING_EXPIRES_MS,
  type ClientToServerEvents,
  type MessageView,
  type Presence,
  type ServerToClientEvents,
  type TicketSummary,
} from '@guichet/shared';
import { io, type Socket } from 'socket.io-client';
import type { BusinessCalendar } from '../src/domain/sla';
import { Service } from '../src/services/service.entity';
import { loadMessage, loadTicket } from '../src/tickets/ticket-queries';
import { toMessageView, toTicketSummary } from '../src/tickets/ticket-views';
import {
  feedDelivery,
  login,
  makePageAccount,
  makeSlaPolicy,
  makeTown,
  makeUser,
  PAGE_ID,
  postMetaWebhook,
} from './factories';
import { startTestApp, type TestApp } from './test-app';
import { waitFor } from './wait-for';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

describe('Live events over socket.io', () => {
  let t: TestApp;
  const sockets: ClientSocket[] = [];
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });

  function connect(cookie: string | null): ClientSocket {
    const socket: ClientSocket = io(t.url, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      extraHeaders: cookie ? { cookie } : {},
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    return socket;
  }

  const connected = (socket: ClientSocket) =>
    new Promise<void>((resolve, reject) => {
      if (socket.connected) return resolve();
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });

  it('refuses a handshake without a valid session cookie', async () => {
    await expect(connected(connect(null))).rejects.toThrow('unauthorized');
    await expect(connected(connect('guichet_session=forged'))).rejects.toThrow('unauthorized');
  });

  it("pushes ticket.created to the service's agents only", async () => {
    const { voirie, proprete } = await makeTown(t.db);
    await makePageAccount(t);
    const voirieAgent = await makeUser(t.db, { services: [voirie] });
    const propreteAgent = await makeUser(t.db, { services: [proprete] });
    const admin = await makeUser(t.db, { role: 'admin' });
    const elected = await makeUser(t.db, { role: 'elected' });
    const listeners = await Promise.all(
      [voirieAgent, propreteAgent, admin, elected].map(async (u) => {
        const socket = connect(await login(t, u.email));
        await connected(socket);
        const received: TicketSummary[] = [];
        socket.on('ticket.created', (ticket) => received.push(ticket));
        return received;
      }),
    );
    const [voirieGot, propreteGot, adminGot, electedGot] = listeners as [
      TicketSummary[],
      TicketSummary[],
      TicketSummary[],
      TicketSummary[],
    ];
    const res = await postMetaWebhook(
      t,
      feedDelivery([{ message: 'Un nid de poule énorme avenue de la Gare' }]),
    );
    expect(res.status).toBe(200);
    await waitFor(() => voirieGot.length === 1 && adminGot.length === 1);
    expect(voirieGot[0]?.subject).toBe('Un nid de poule énorme avenue de la Gare');
    expect(voirieGot[0]?.service.slug).toBe('voirie');
    // Give a wrongly routed event time to arrive before asserting it did not.
    await new Promise((r) => setTimeout(r, 300));
    expect(propreteGot).toHaveLength(0);
    expect(electedGot).toHaveLength(0);
  });

  it('closes the sockets of a session when it logs out', async () => {
    const user = await makeUser(t.db);
    const cookie = await login(t, user.email);
    const socket = connect(cookie);
    await connected(socket);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    await fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(await closed).toBe('io server disconnect');
    await expect(connected(connect(cookie))).rejects.toThrow('unauthorized');
  });

  it('joins a ticket room only for tickets in scope', async () => {
    const { voirie, proprete } = await makeTown(t.db);
    await makePageAccount(t);
    await postMetaWebhook(t, feedDelivery([{ message: 'nid de poule' }]));
    const [ticket] = await t.db.query<Array<{ id: string }>>('SELECT id FROM tickets');
    const outsiderCookie = await login(t, (await makeUser(t.db, { services: [proprete] })).email);
    const insiderCookie = await login(t, (await makeUser(t.db, { services: [voirie] })).email);
    const outsider = connect(outsiderCookie);
    const insider = connect(insiderCookie);
    await Promise.all([connected(outsider), connected(insider)]);
    expect(await outsider.emitWithAck('ticket.watch', ticket?.id)).toBe(false);
    expect(await insider.emitWithAck('ticket.watch', ticket?.id)).toBe(true);
  });

  it('shows who else has a ticket open and who is typing, and forgets them when they leave or drop', async () => {
    const { voirie } = await makeTown(t.db);
    await makePageAccount(t);
    await postMetaWebhook(t, feedDelivery([{ message: 'nid de poule' }]));
    const [ticket] = await t.db.query<Array<{ id: string }>>('SELECT id FROM tickets');
    const ticketId = ticket?.id ?? '';
    const marie = await makeUser(t.db, { services: [voirie], displayName: 'Marie Curie' });
    const camille = await makeUser(t.db, { services: [voirie], displayName: 'Camille Claudel' });
    const a = connect(await login(t, marie.email));
    const b = connect(await login(t, camille.email));
    await Promise.all([connected(a), connected(b)]);
    const seenByA: Presence[] = [];
    a.on('presence.changed', (p) => seenByA.push(p));
    const last = () => seenByA.at(-1)?.viewers ?? [];

    expect(await a.emitWithAck('presence.join', ticketId)).toBe(true);
    await waitFor(() => last().length === 1);
    expect(await b.emitWithAck('presence.join', ticketId)).toBe(true);
    await waitFor(() => last().length === 2);
    expect(last()).toEqual([
      { userId: camille.id, displayName: 'Camille Claudel', typing: false },
      { userId: marie.id, displayName: 'Marie Curie', typing: false },
    ]);

    const typingAt = Date.now();
    b.emit('presence.typing', ticketId);
    await waitFor(() => last().some((v) => v.userId === camille.id && v.typing));
    // A renewal inside the window is not re-broadcast.
    const count = seenByA.length;
    b.emit('presence.typing', ticketId);
    await new Promise((r) => setTimeout(r, 300));
    expect(seenByA.length).toBe(count);
    // The typing signal expires on its own.
    await waitFor(() => last().every((v) => !v.typing), TYPING_EXPIRES_MS * 3);
    expect(Date.now() - typingAt).toBeGreaterThanOrEqual(TYPING_EXPIRES_MS);

    b.emit('presence.leave', ticketId);
    await waitFor(() => last().length === 1);
    expect(await b.emitWithAck('presence.join', ticketId)).toBe(true);
    await waitFor(() => last().length === 2);
    b.disconnect();
    await waitFor(() => last().length === 1 && last()[0]?.userId === marie.id);
  }, 30_000);

  it('refuses presence on a ticket out of scope, and ignores typing from a socket not on the ticket', async () => {
    const { proprete } = await makeTown(t.db);
    await makePageAccount(t);
    await postMetaWebhook(t, feedDelivery([{ message: 'nid de poule' }]));
    const [ticket] = await t.db.query<Array<{ id: string }>>('SELECT id FROM tickets');
    const outsider = connect(await login(t, (await makeUser(t.db, { services: [proprete] })).email));
    const admin = connect(await login(t, (await makeUser(t.db, { role: 'admin' })).email));
    await Promise.all([connected(outsider), connected(admin)]);
    const seen: Presence[] = [];
    admin.on('presence.changed', (p) => seen.push(p));
    expect(await admin.emitWithAck('presence.join', ticket?.id)).toBe(true);
    await waitFor(() => seen.length === 1);
    expect(await outsider.emitWithAck('presence.join', ticket?.id)).toBe(false);
    outsider.emit('presence.typing', ticket?.id ?? '');
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.viewers).toHaveLength(1);
  });

  it('tells a batch’s new tickets and messages exactly as they read back once stored', async () => {
    const { voirie } = await makeTown(t.db);
    const day: Array<[string, string]> = [['00:00', '24:00']];
    const always: BusinessCalendar = {
      timeZone: 'Europe/Paris',
      hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
    };
    await t.db
      .getRepository(Service)
      .update({ id: voirie.id }, { assignmentMode: 'round_robin', calendar: always });
    await makeSlaPolicy(t.db);
    await makePageAccount(t);
    await makeUser(t.db, { services: [voirie], displayName: 'Bob' });
    // Citizen 8002 was merged into 8001: their tickets are the person's.
    const [person] = await t.db.query<Array<{ id: string }>>(
      `INSERT INTO contacts (platform, platform_user_id, display_name, handle)
       VALUES ('facebook', '8001', 'Jeanne Dupont', 'jdupont') RETURNING id`,
    );
    await t.db.query(
      `INSERT INTO contacts (platform, platform_user_id, display_name, merged_into_id)
       VALUES ('facebook', '8002', 'J. D.', $1)`,
      [person?.id],
    );
    const socket = connect(await login(t, (await makeUser(t.db, { role: 'admin' })).email));
    await connected(socket);
    const tickets: TicketSummary[] = [];
    const messages: MessageView[] = [];
    socket.on('ticket.created', (ticket) => tickets.push(ticket));
    socket.on('message.created', (message) => messages.push(message));
    socket.on('message.updated', (message) => messages.push(message));
    const post = `${PAGE_ID}_4242`;
    // A subject is cut at 120 characters: here inside an emoji, whose half PostgreSQL stores as U+FFFD.
    const long = `${'Nid de poule '.repeat(9)}!🕳️ avenue de la Gare`;
    const res = await postMetaWebhook(
      t,
      feedDelivery([
        { postId: post, commentId: '4242_1', message: long, from: { id: '8002', name: 'Jeanne' } },
        {
          postId: post,
          commentId: '4242_2',
          parentId: '4242_1',
          message: 'Toujours là',
          from: { id: '8003' },
        },
        { postId: post, commentId: '4242_3', message: 'Les poubelles débordent' },
        { postId: post, commentId: '4242_3', verb: 'edited', message: 'Les poubelles débordent rue Haute' },
      ]),
    );
    expect(res.status).toBe(200);
    await waitFor(() => tickets.length === 2 && messages.length === 4);
    // remainingMinutes runs with the clock between the event and the read.
    const steady = (s: TicketSummary) => ({ ...s, sla: s.sla && { ...s.sla, remainingMinutes: 0 } });
    for (const ticket of tickets) {
      const stored = await loadTicket(t.db, ticket.id);
      expect(stored).not.toBeNull();
      if (stored) expect(steady(ticket)).toEqual(steady(toTicketSummary(stored)));
    }
    for (const message of messages) {
      const stored = await loadMessage(t.db, message.id);
      expect(stored).not.toBeNull();
      if (stored) expect(message).toEqual(toMessageView(stored));
    }
    const pothole = tickets.find((x) => x.service.slug === 'voirie');
    expect(pothole?.subject).toContain('\uFFFD');
    expect(pothole?.contact?.displayName).toBe('Jeanne Dupont');
    expect(pothole?.assignee?.displayName).toBe('Bob');
    expect(pothole?.sla).not.toBeNull();
    expect(messages.find((m) => m.platformMessageId === '4242_1')?.author).toMatchObject({
      kind: 'contact',
      contact: { displayName: 'Jeanne' },
    });
    expect(messages.filter((m) => m.platformMessageId === '4242_3').map((m) => m.body)).toEqual([
      'Les poubelles débordent rue Haute',
      'Les poubelles débordent rue Haute',
    ]);
  });
});
