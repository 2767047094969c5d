import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { MessageView, Presence, TicketSummary } from '@guichet/shared';
import { RealtimeGateway } from '../src/realtime/realtime.gateway';
import { feedDelivery, login, makePageAccount, makeTown, makeUser, postMetaWebhook } from './factories';
import { connectSocket, type ClientSocket } from './sockets';
import { startTestApp, type TestApp } from './test-app';
import { waitFor } from './wait-for';

// Two app instances need a database both can reach: a real PostgreSQL (CI always sets TEST_DATABASE_URL).
const withServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;

withServer('Live events across app instances (LISTEN/NOTIFY)', () => {
  let a: TestApp;
  let b: TestApp;
  const sockets: ClientSocket[] = [];
  beforeAll(async () => {
    // One key for both, as in production: b can read the accounts a connected.
    const SECRET_KEY = randomBytes(32).toString('hex');
    a = await startTestApp({ SECRET_KEY });
    // b never processes inbound events itself: what its sockets hear comes from a.
    b = await startTestApp({ SECRET_KEY, INBOUND_SWEEP_MS: '60000' }, { sharedDatabaseUrl: a.databaseUrl });
  });
  beforeEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await a.reset();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await b?.close();
    await a?.close();
  });

  it("tells a batch's tickets and messages to another instance's agents, in order, large ones included", async () => {
    const { voirie } = await makeTown(a.db);
    await makePageAccount(a);
    const agent = await makeUser(a.db, { services: [voirie] });
    const socket = await connectSocket(b, await login(b, agent.email));
    sockets.push(socket);
    const created: TicketSummary[] = [];
    const messages: MessageView[] = [];
    socket.on('ticket.created', (t) => created.push(t));
    socket.on('message.created', (m) => messages.push(m));

    // Bigger than a NOTIFY payload (8000 bytes): it goes through the attachments table.
    const long = `Nid de poule rue Pasteur. ${'Le trou grandit chaque jour. '.repeat(400)}`;
    const bodies = Array.from({ length: 40 }, (_, i) =>
      i === 17 ? long : `Nid de poule n° ${i} devant l'école, merci de venir voir.`,
    );
    const res = await postMetaWebhook(a, feedDelivery(bodies.map((message) => ({ message }))));
    expect(res.status).toBe(200);

    await waitFor(() => messages.length === 40 && created.length === 40, 15_000);
    // Nothing twice, and the long message whole.
    expect(new Set(messages.map((m) => m.id)).size).toBe(40);
    expect(messages.map((m) => m.body).sort()).toEqual([...bodies].sort());
    expect(new Set(created.map((t) => t.id))).toEqual(new Set(messages.map((m) => m.ticketId)));
  }, 60_000);

  it('keeps the order of many events emitted in the same turn, packed into few notifications', async () => {
    const { voirie } = await makeTown(a.db);
    const agent = await makeUser(a.db, { services: [voirie] });
    const socket = await connectSocket(b, await login(b, agent.email));
    sockets.push(socket);
    const seen: string[] = [];
    socket.on('ticket.updated', (t) => seen.push(t.subject));

    const gateway = a.app.get(RealtimeGateway);
    const subjects = Array.from({ length: 300 }, (_, i) => `Mise à jour n° ${i} ${'é'.repeat(i % 50)}`);
    for (const subject of subjects) {
      gateway.emitTicketEvent(voirie.id, '00000000-0000-4000-8000-000000000000', 'ticket.updated', {
        subject,
      } as TicketSummary);
    }
    await waitFor(() => seen.length === subjects.length, 15_000);
    expect(seen).toEqual(subjects);
  }, 60_000);

  it('shows the agents viewing a ticket on both instances to each other', async () => {
    const { voirie } = await makeTown(a.db);
    await makePageAccount(a);
    await postMetaWebhook(a, feedDelivery([{ message: 'nid de poule' }]));
    const [ticket] = await a.db.query<Array<{ id: string }>>('SELECT id FROM tickets');
    const ticketId = ticket?.id ?? '';
    const marie = await makeUser(a.db, { services: [voirie], displayName: 'Marie Curie' });
    const camille = await makeUser(a.db, { services: [voirie], displayName: 'Camille Claudel' });
    const onA = await connectSocket(a, await login(a, marie.email));
    const onB = await connectSocket(b, await login(b, camille.email));
    sockets.push(onA, onB);
    const seenByA: Presence[] = [];
    const seenByB: Presence[] = [];
    onA.on('presence.changed', (p) => seenByA.push(p));
    onB.on('presence.changed', (p) => seenByB.push(p));

    expect(await onA.emitWithAck('presence.join', ticketId)).toBe(true);
    expect(await onB.emitWithAck('presence.join', ticketId)).toBe(true);
    const names = (seen: Presence[]) => (seen.at(-1)?.viewers ?? []).map((v) => v.displayName);
    await waitFor(() => names(seenByA).length === 2 && names(seenByB).length === 2, 15_000);
    expect(names(seenByA)).toEqual(['Camille Claudel', 'Marie Curie']);
    expect(names(seenByB)).toEqual(['Camille Claudel', 'Marie Curie']);
  }, 60_000);
});

withServer('Live events of an instance alone', () => {
  let t: TestApp;
  let listener: Client;
  const payloads: string[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    listener = new Client({ connectionString: t.databaseUrl });
    await listener.connect();
    listener.on('notification', (n) => payloads.push(n.payload ?? ''));
    await listener.query('LISTEN guichet_socket_io');
  });
  afterAll(async () => {
    await listener?.end();
    await t?.close();
  });

  it('tells its own agents without sending the events through PostgreSQL', async () => {
    const { voirie } = await makeTown(t.db);
    await makePageAccount(t);
    const agent = await makeUser(t.db, { services: [voirie] });
    const socket = await connectSocket(t, await login(t, agent.email));
    try {
      const messages: MessageView[] = [];
      socket.on('message.created', (m) => messages.push(m));
      await postMetaWebhook(t, feedDelivery([{ message: 'Lampadaire éteint rue Haute' }]));
      await waitFor(() => messages.length === 1, 15_000);
      // A notification sent before the agent heard would have arrived by now.
      await listener.query('SELECT 1');
      expect(payloads.some((p) => p.includes('Lampadaire'))).toBe(false);
    } finally {
      socket.disconnect();
    }
  }, 60_000);
});
