import {
  type BusinessCalendarDto,
  type NotificationView,
  type Page,
  type SlaEvent,
  type SlaPolicyView,
  type TicketDetail,
  type TicketSummary,
} from '@guichet/shared';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { addBusinessMinutes, DEFAULT_SERVICE_CALENDAR, type BusinessCalendar } from '../src/domain/sla';
import { Service } from '../src/services/service.entity';
import { SlaAlertsWorker } from '../src/sla/sla-alerts.worker';
import { SlaClockService } from '../src/sla/sla-clock.service';
import { TicketSlaClock } from '../src/sla/ticket-sla-clock.entity';
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
  postMetaWebhook,
} from './factories';
import { connectSocket, type ClientSocket } from './sockets';
import { startTestApp, type TestApp } from './test-app';
import { waitFor } from './wait-for';

const allDay: Array<[string, string]> = [['00:00', '24:00']];
const ALWAYS: BusinessCalendar = {
  timeZone: 'UTC',
  hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
  holidays: [],
  frenchHolidays: null,
  closures: [],
};

describe('SLA clocks in the product', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    admin = await login(t, (await makeUser(t.db, { role: 'admin' })).email);
  });

  async function ticketFromWebhook(message = 'Nid de poule rue Pasteur'): Promise<string> {
    expect((await postMetaWebhook(t, feedDelivery([{ message }]))).status).toBe(200);
    const [row] = await t.db.query<Array<{ id: string }>>(
      'SELECT id FROM tickets ORDER BY reference DESC LIMIT 1',
    );
    return row.id;
  }

  const writtenAt = async (ticketId: string) =>
    (await t.db.getRepository(Message).findOneByOrFail({ ticketId, direction: 'inbound' })).sentAt;

  describe('service calendars', () => {
    it('lets the service head read and replace the calendar, and moves open deadlines with it', async () => {
      const { voirie } = await makeTown(t.db);
      await makePageAccount(t);
      await makeSlaPolicy(t.db, { firstResponseMinutes: 60 });
      const head = await login(t, (await makeUser(t.db, { role: 'service_head', services: [voirie] })).email);
      const ticketId = await ticketFromWebhook();
      const before = await t.db.getRepository(Ticket).findOneByOrFail({ id: ticketId });

      const got = await api<BusinessCalendarDto>(t, head, `/api/services/${voirie.id}/calendar`);
      expect(got.status).toBe(200);
      expect(got.body.timeZone).toBe('Europe/Paris');
      expect(got.body.hours.mon).toEqual([
        ['08:30', '12:00'],
        ['13:30', '17:00'],
      ]);

      const put = await api<BusinessCalendarDto>(t, head, `/api/services/${voirie.id}/calendar`, {
        method: 'PUT',
        body: ALWAYS,
      });
      expect(put.status).toBe(200);
      const after = await t.db.getRepository(Ticket).findOneByOrFail({ id: ticketId });
      // The clock started when the citizen wrote (the comment's created_time).
      expect(after.firstResponseDueAt?.toISOString()).toBe(
        addBusinessMinutes(ALWAYS, await writtenAt(ticketId), 60).toISOString(),
      );
      expect(before.firstResponseDueAt?.toISOString()).toBe(
        addBusinessMinutes(DEFAULT_SERVICE_CALENDAR, await writtenAt(ticketId), 60).toISOString(),
      );
      expect(await t.db.getRepository(AuditEvent).countBy({ action: 'service.calendar_updated' })).toBe(1);
    });

    it.each([
      [{ timeZone: 'Europe/Pariss' }, 'timeZone'],
      [{ hours: { ...DEFAULT_SERVICE_CALENDAR.hours, tue: [['08:30', '25:00']] } }, 'hours.tue[0]'],
      [{ hours: { ...DEFAULT_SERVICE_CALENDAR.hours, wed: [['17:00', '08:00']] } }, 'hours.wed[0]'],
      [{ hours: { ...DEFAULT_SERVICE_CALENDAR.hours, thu: [['09:00', '09:00']] } }, 'hours.thu[0]'],
      [
        {
          hours: {
            ...DEFAULT_SERVICE_CALENDAR.hours,
            fri: [
              ['08:00', '12:00'],
              ['11:00', '14:00'],
            ],
          },
        },
        'hours.fri[1]',
      ],
      [{ frenchHolidays: 'corse' }, 'frenchHolidays'],
      [{ closures: [['2026-12-24T12:00:00Z', '2026-12-24T08:00:00Z']] }, 'closures[0]'],
    ])('answers 400 naming the field for %j and keeps the previous calendar', async (patch, field) => {
      const { voirie } = await makeTown(t.db);
      const res = await api<{ details: string[] }>(t, admin, `/api/services/${voirie.id}/calendar`, {
        method: 'PUT',
        body: { ...DEFAULT_SERVICE_CALENDAR, ...ALWAYS, ...patch },
      });
      expect(res.status).toBe(400);
      expect(res.body.details.some((d) => d.startsWith(`${field}`))).toBe(true);
      const stored = await t.db.getRepository(Service).findOneByOrFail({ id: voirie.id });
      expect(stored.calendar).toEqual(DEFAULT_SERVICE_CALENDAR);
    });

    it('refuses agents (403) and heads of other services (404)', async () => {
      const { voirie, proprete } = await makeTown(t.db);
      const agent = await login(t, (await makeUser(t.db, { services: [voirie] })).email);
      const otherHead = await login(
        t,
        (await makeUser(t.db, { role: 'service_head', services: [proprete] })).email,
      );
      const put = (cookie: string) =>
        api(t, cookie, `/api/services/${voirie.id}/calendar`, { method: 'PUT', body: ALWAYS });
      expect((await put(agent)).status).toBe(403);
      expect((await put(otherHead)).status).toBe(404);
      const services = await api<Array<{ slug: string; isMember: boolean; canEditCalendar: boolean }>>(
        t,
        agent,
        '/api/services',
      );
      // Every service is listed (tickets can be moved anywhere), membership and rights say the rest.
      expect(services.body.map((s) => [s.slug, s.isMember, s.canEditCalendar])).toEqual([
        ['accueil', false, false],
        ['proprete', false, false],
        ['voirie', true, false],
      ]);
    });
  });

  describe('policies', () => {
    it('are managed by admins, the first match applies, and reordering is atomic', async () => {
      await makeTown(t.db);
      await makePageAccount(t);
      const create = (body: object) =>
        api<SlaPolicyView>(t, admin, '/api/sla-policies', { method: 'POST', body });
      const urgent = await create({
        name: 'Urgent',
        priority: 'urgent',
        platform: null,
        firstResponseMinutes: 30,
        nextResponseMinutes: 60,
        resolutionMinutes: 240,
      });
      expect(urgent.status).toBe(201);
      const all = await create({
        name: 'Tout',
        priority: null,
        platform: null,
        firstResponseMinutes: 420,
        nextResponseMinutes: 840,
        resolutionMinutes: 2100,
      });
      const ticketId = await ticketFromWebhook();
      const clock = async () =>
        (await t.db.getRepository(TicketSlaClock).findOneByOrFail({ ticketId, kind: 'first_response' }))
          .targetMinutes;
      expect(await clock()).toBe(420);
      await api(t, admin, `/api/tickets/${ticketId}`, { method: 'PATCH', body: { priority: 'urgent' } });
      expect(await clock()).toBe(30);

      const bad = await api(t, admin, '/api/sla-policies/order', {
        method: 'PUT',
        body: { ids: [all.body.id] },
      });
      expect(bad.status).toBe(400);
      const unchanged = await api<SlaPolicyView[]>(t, admin, '/api/sla-policies');
      expect(unchanged.body.map((p) => p.name)).toEqual(['Urgent', 'Tout']);
      const reordered = await api<SlaPolicyView[]>(t, admin, '/api/sla-policies/order', {
        method: 'PUT',
        body: { ids: [all.body.id, urgent.body.id] },
      });
      expect(reordered.body.map((p) => p.name)).toEqual(['Tout', 'Urgent']);
      // "Tout" now matches first, even for the urgent ticket.
      expect(await clock()).toBe(420);
    });

    it('rejects bad policies with 400 naming the field, and non-admins with 403', async () => {
      const res = await api<{ details: string[] }>(t, admin, '/api/sla-policies', {
        method: 'POST',
        body: {
          name: '',
          priority: 'critical',
          platform: null,
          firstResponseMinutes: 0,
          nextResponseMinutes: 5,
          resolutionMinutes: 5,
        },
      });
      expect(res.status).toBe(400);
      const details = res.body.details.join(' ');
      expect(details).toMatch(/name/);
      expect(details).toMatch(/priority/);
      expect(details).toMatch(/firstResponseMinutes/);
      const head = await login(t, (await makeUser(t.db, { role: 'service_head' })).email);
      expect((await api(t, head, '/api/sla-policies')).status).toBe(200);
      expect((await api(t, head, '/api/sla-policies', { method: 'POST', body: { name: 'x' } })).status).toBe(
        403,
      );
      expect(
        (await api(t, admin, '/api/sla-settings', { method: 'PUT', body: { warningRatio: 1.5 } })).status,
      ).toBe(400);
    });
  });

  describe('clocks of a ticket', () => {
    it('are, for tickets opened by ingestion, what a recompute from their history gives', async () => {
      const { voirie, proprete } = await makeTown(t.db);
      await makePageAccount(t);
      await makeSlaPolicy(t.db, { platform: 'instagram', firstResponseMinutes: 30 });
      await makeSlaPolicy(t.db, { firstResponseMinutes: 60, resolutionMinutes: 600 });
      // No policy matches Mastodon: summary without a clock.
      await t.db.query(`UPDATE sla_policies SET platform = 'facebook' WHERE first_response_minutes = 60`);
      await t.db.getRepository(Service).update({ id: proprete.id }, { calendar: ALWAYS });
      const now = Math.floor(Date.now() / 1000);
      // Written yesterday evening and this morning (received late), a reply in the same thread, and
      // tickets in two services on two calendars, all in one batch.
      const res = await postMetaWebhook(
        t,
        feedDelivery([
          {
            commentId: '500_1',
            postId: 'p_500',
            parentId: 'p_500',
            message: 'Nid de poule',
            createdTime: now - 86_400,
          },
          {
            commentId: '500_2',
            postId: 'p_500',
            parentId: '500_1',
            message: 'Toujours là',
            createdTime: now - 3600,
          },
          {
            commentId: '501_1',
            postId: 'p_501',
            message: 'Poubelles non ramassées rue Haute',
            createdTime: now - 600,
          },
          { commentId: '502_1', postId: 'p_502', message: 'Encore un nid de poule', createdTime: now },
        ]),
      );
      expect(res.status).toBe(200);
      const tickets = await t.db.getRepository(Ticket).find({ order: { createdAt: 'ASC' } });
      expect(tickets).toHaveLength(3);
      expect(new Set(tickets.map((x) => x.serviceId))).toEqual(new Set([voirie.id, proprete.id]));
      const snapshot = async () => ({
        tickets: await t.db.query<unknown[]>(
          `SELECT id, sla_due_at, sla_kind, sla_paused, sla_remaining_minutes, sla_sort_key, sla_warning_at,
                  first_response_due_at, first_responded_at, first_response_business_minutes, first_response_minutes
             FROM tickets ORDER BY id`,
        ),
        clocks: await t.db.query<unknown[]>(
          `SELECT ticket_id, kind, state, target_minutes, started_at, deadline_at, warning_at, paused_since,
                  achieved_at
             FROM ticket_sla_clocks ORDER BY ticket_id, kind`,
        ),
      });
      // (warned_at and breached_at are the alerts worker's, which may run meanwhile.)
      const planned = await snapshot();
      expect(planned.clocks.length).toBeGreaterThanOrEqual(6);
      const computedAt: Array<{ computed_at: Date }> = await t.db.query(
        'SELECT DISTINCT computed_at FROM ticket_sla_clocks',
      );
      expect(computedAt).toHaveLength(1);
      await t.db.transaction((m) =>
        t.app.get(SlaClockService).recomputeMany(
          m,
          tickets.map((x) => x.id),
          computedAt[0]?.computed_at,
        ),
      );
      expect(await snapshot()).toEqual(planned);
    });

    it('pause while waiting on the citizen, resume when reopened, and stop when resolved', async () => {
      const { voirie } = await makeTown(t.db);
      await t.db.getRepository(Service).update({ id: voirie.id }, { calendar: ALWAYS });
      await makePageAccount(t);
      await makeSlaPolicy(t.db, { firstResponseMinutes: 60, resolutionMinutes: 600 });
      const agent = await login(t, (await makeUser(t.db, { services: [voirie] })).email);
      const ticketId = await ticketFromWebhook();

      let detail = (await api<TicketDetail>(t, agent, `/api/tickets/${ticketId}`)).body;
      expect(detail.slaClocks.map((c) => [c.kind, c.state])).toEqual([
        ['first_response', 'running'],
        ['resolution', 'running'],
      ]);
      expect(detail.sla).toMatchObject({ kind: 'first_response', state: 'running' });
      const resolutionDeadline = Date.parse(detail.slaClocks[1]?.deadlineAt as string);

      detail = (
        await api<TicketDetail>(t, agent, `/api/tickets/${ticketId}`, {
          method: 'PATCH',
          body: { status: 'pending' },
        })
      ).body;
      expect(detail.status).toBe('pending');
      expect(detail.slaClocks.every((c) => c.state === 'paused' && c.deadlineAt === null)).toBe(true);
      expect(detail.sla).toMatchObject({ state: 'paused', dueAt: null });
      expect(detail.slaPauses.map((p) => [Number.isNaN(Date.parse(p.from)), p.to])).toEqual([[false, null]]);

      await new Promise((r) => setTimeout(r, 1500));
      detail = (
        await api<TicketDetail>(t, agent, `/api/tickets/${ticketId}`, {
          method: 'PATCH',
          body: { status: 'open' },
        })
      ).body;
      const resumed = Date.parse(detail.slaClocks[1]?.deadlineAt as string);
      expect(detail.slaPauses).toHaveLength(1);
      expect(
        Date.parse(detail.slaPauses[0]?.to as string) - Date.parse(detail.slaPauses[0]?.from),
      ).toBeGreaterThanOrEqual(1400);
      // The deadline moved by the time spent waiting on the citizen.
      expect(resumed - resolutionDeadline).toBeGreaterThanOrEqual(1400);

      detail = (
        await api<TicketDetail>(t, agent, `/api/tickets/${ticketId}`, {
          method: 'PATCH',
          body: { status: 'resolved' },
        })
      ).body;
      expect(detail.slaClocks.find((c) => c.kind === 'resolution')).toMatchObject({ state: 'met' });
      expect(detail.sla).toBeNull();
      const history = await t.db.query<Array<{ to_status: string }>>(
        'SELECT to_status FROM ticket_status_changes WHERE ticket_id = $1 ORDER BY at, id',
        [ticketId],
      );
      expect(history.map((h) => h.to_status)).toEqual(['new', 'pending', 'open', 'resolved']);
    });

    it('restarts when the citizen writes on a pending ticket', async () => {
      await makeTown(t.db);
      await makePageAccount(t);
      await makeSlaPolicy(t.db);
      const postId = '104857362948571_7777';
      await postMetaWebhook(
        t,
        feedDelivery([{ commentId: '7777_1', postId, message: 'Lampadaire en panne' }]),
      );
      const ticket = await t.db.getRepository(Ticket).findOneOrFail({ where: {} });
      await api(t, admin, `/api/tickets/${ticket.id}`, { method: 'PATCH', body: { status: 'pending' } });
      await postMetaWebhook(
        t,
        feedDelivery([{ commentId: '7777_2', postId, parentId: '7777_1', message: 'Toujours en panne' }]),
      );
      const after = await t.db.getRepository(Ticket).findOneByOrFail({ id: ticket.id });
      expect(after.status).toBe('open');
      expect(after.slaPaused).toBe(false);
      expect(after.slaDueAt).not.toBeNull();
    });

    it("moves to the new service's calendar when the ticket is re-routed, and 400s an unknown service", async () => {
      const { voirie, proprete } = await makeTown(t.db);
      await t.db.getRepository(Service).update({ id: proprete.id }, { calendar: ALWAYS });
      await makePageAccount(t);
      await makeSlaPolicy(t.db, { firstResponseMinutes: 120 });
      const ticketId = await ticketFromWebhook();
      const ticket = await t.db.getRepository(Ticket).findOneByOrFail({ id: ticketId });
      expect(ticket.serviceId).toBe(voirie.id);
      const res = await api<TicketDetail>(t, admin, `/api/tickets/${ticketId}`, {
        method: 'PATCH',
        body: { serviceId: proprete.id, reason: 'Dépôt sauvage, pas la chaussée' },
      });
      expect(res.status).toBe(200);
      expect(res.body.service.slug).toBe('proprete');
      expect(res.body.firstResponseDueAt).toBe(
        addBusinessMinutes(ALWAYS, await writtenAt(ticketId), 120).toISOString(),
      );
      const bad = await api<{ details: string[] }>(t, admin, `/api/tickets/${ticketId}`, {
        method: 'PATCH',
        body: { serviceId: '00000000-0000-4000-8000-000000000000', reason: 'Erreur' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual(['serviceId: unknown service']);
      expect(
        (await api(t, admin, `/api/tickets/${ticketId}`, { method: 'PATCH', body: { status: 'lost' } }))
          .status,
      ).toBe(400);
    });

    it('sorts the inbox by due time', async () => {
      await makeTown(t.db);
      await makePageAccount(t);
      await makeSlaPolicy(t.db, { priority: 'urgent', firstResponseMinutes: 30 });
      await makeSlaPolicy(t.db, { firstResponseMinutes: 420 });
      const calm = await ticketFromWebhook('Nid de poule 1');
      const hurry = await ticketFromWebhook('Nid de poule 2');
      const none = await ticketFromWebhook('Nid de poule 3');
      await api(t, admin, `/api/tickets/${hurry}`, { method: 'PATCH', body: { priority: 'urgent' } });
      await api(t, admin, `/api/tickets/${none}`, { method: 'PATCH', body: { status: 'resolved' } });
      const list = await api<Page<TicketSummary>>(t, admin, '/api/tickets?sort=due');
      expect(list.body.items.map((i) => i.id)).toEqual([hurry, calm, none]);
      expect(list.body.items[0]?.sla).toMatchObject({ kind: 'first_response', state: 'running' });
      expect(list.body.items[2]?.sla).toBeNull();
      expect((await api(t, admin, '/api/tickets?sort=random')).status).toBe(400);
    });
  });

  describe('warnings and breaches', () => {
    it('pushes sla.warning live at the configured share, then sla.breached with a notification to the head', async () => {
      const { voirie, proprete } = await makeTown(t.db);
      await t.db.getRepository(Service).update({ id: voirie.id }, { calendar: ALWAYS });
      await makePageAccount(t);
      await makeSlaPolicy(t.db, { firstResponseMinutes: 1 });
      await api(t, admin, '/api/sla-settings', { method: 'PUT', body: { warningRatio: 0.05 } });
      const headUser = await makeUser(t.db, { role: 'service_head', services: [voirie] });
      const agentSocket = await connectSocket(
        t,
        await login(t, (await makeUser(t.db, { services: [voirie] })).email),
      );
      const outsider = await connectSocket(
        t,
        await login(t, (await makeUser(t.db, { services: [proprete] })).email),
      );
      const headCookie = await login(t, headUser.email);
      const headSocket = await connectSocket(t, headCookie);
      const warnings: SlaEvent[] = [];
      const breaches: SlaEvent[] = [];
      const outsiderEvents: SlaEvent[] = [];
      const headNotifications: NotificationView[] = [];
      agentSocket.on('sla.warning', (e) => warnings.push(e));
      agentSocket.on('sla.breached', (e) => breaches.push(e));
      outsider.on('sla.warning', (e) => outsiderEvents.push(e));
      outsider.on('sla.breached', (e) => outsiderEvents.push(e));
      headSocket.on('notification.created', (n) => headNotifications.push(n));
      try {
        const ticketId = await ticketFromWebhook();
        // 5 % of one staffed minute: the warning is due 3 s after the message.
        await waitFor(() => warnings.length >= 1, 8000);
        expect(warnings).toEqual([
          expect.objectContaining({ ticketId, kind: 'first_response', serviceId: voirie.id }),
        ]);

        // Time passes: the deadline is reached.
        await t.db.query(
          `UPDATE ticket_sla_clocks SET deadline_at = now() WHERE ticket_id = $1 AND kind = 'first_response'`,
          [ticketId],
        );
        await waitFor(() => breaches.length >= 1 && headNotifications.length >= 1, 8000);
        await new Promise((r) => setTimeout(r, 600));
        expect(breaches).toHaveLength(1);
        expect(warnings).toHaveLength(1);
        expect(outsiderEvents).toHaveLength(0);
        // The clock is named, so that each client words the notice in its own language.
        expect(headNotifications[0]).toMatchObject({
          kind: 'sla.breached',
          ticketId,
          details: { slaKind: 'first_response' },
        });
        const stored = await api<NotificationView[]>(t, headCookie, '/api/notifications?unread=true');
        expect(stored.body).toHaveLength(1);
        expect(stored.body[0]?.details).toEqual({ slaKind: 'first_response' });
        expect(
          (
            await api(t, headCookie, `/api/notifications/${stored.body[0]?.id}/read`, {
              method: 'POST',
            })
          ).status,
        ).toBe(204);
        expect(
          (await api<NotificationView[]>(t, headCookie, '/api/notifications?unread=true')).body,
        ).toHaveLength(0);
      } finally {
        for (const s of [agentSocket, outsider, headSocket]) s.disconnect();
      }
    });
  });
});

// Two app instances need a database both can reach: a real PostgreSQL (CI always sets TEST_DATABASE_URL).
const withServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;

withServer('SLA alerts across instances and restarts', () => {
  it('fires a breach once with two instances, and catches up after a restart', async () => {
    const a = await startTestApp();
    let b: TestApp | null = null;
    let c: TestApp | null = null;
    let stopped = false;
    const sockets: ClientSocket[] = [];
    try {
      b = await startTestApp({}, { sharedDatabaseUrl: a.databaseUrl });
      const { voirie } = await makeTown(a.db);
      await makePageAccount(a);
      await makeSlaPolicy(a.db, { firstResponseMinutes: 600 });
      const head = await makeUser(a.db, { role: 'service_head', services: [voirie] });
      // One socket on each instance: both must hear of the breach, exactly once.
      const breachesBySocket: SlaEvent[][] = [[], []];
      for (const [i, app] of [a, b].entries()) {
        const socket = await connectSocket(app, await login(app, head.email));
        socket.on('sla.breached', (e) => breachesBySocket[i]?.push(e));
        sockets.push(socket);
      }
      const { body } = await postMetaWebhook(a, feedDelivery([{ message: 'Nid de poule' }])).then(
        async (r) => ({
          body: await r.text(),
        }),
      );
      expect(body).toContain('"queued":1');
      expect(await a.db.query('SELECT count(*)::int AS n FROM tickets')).toEqual([{ n: 1 }]);
      await a.db.query(`UPDATE ticket_sla_clocks SET deadline_at = now() WHERE kind = 'first_response'`);
      await waitFor(() => breachesBySocket.every((got) => got.length >= 1), 8000);
      await new Promise((r) => setTimeout(r, 1000));
      expect(breachesBySocket.map((got) => got.length)).toEqual([1, 1]);
      expect(await a.db.query(`SELECT count(*)::int AS n FROM notifications`)).toEqual([{ n: 1 }]);

      // Every instance stops; a deadline passes meanwhile; the next start fires it.
      for (const s of sockets.splice(0)) s.disconnect();
      await b.close();
      b = null;
      await a.close({ keepDatabase: true });
      stopped = true;
      // c's timer is slow on purpose, so its first sweep is the one run here.
      c = await startTestApp({ SLA_SWEEP_MS: '60000' }, { sharedDatabaseUrl: a.databaseUrl });
      await c.db.query(
        `UPDATE ticket_sla_clocks SET deadline_at = now() - interval '1 minute' WHERE kind = 'resolution'`,
      );
      expect(await c.app.get(SlaAlertsWorker).sweep()).toEqual({ warnings: 0, breaches: 1 });
      expect(await c.app.get(SlaAlertsWorker).sweep()).toEqual({ warnings: 0, breaches: 0 });
    } finally {
      for (const s of sockets) s.disconnect();
      await b?.close();
      await c?.close();
      if (stopped) await a.dropDatabase();
      else await a.close();
    }
  });
});
