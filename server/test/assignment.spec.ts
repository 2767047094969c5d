import type { TicketDetail } from '@guichet/shared';
import type { InboundMessage } from '../src/channels/inbound-event';
import { DEFAULT_SERVICE_CALENDAR, type BusinessCalendar } from '../src/domain/sla';
import { Service } from '../src/services/service.entity';
import { IngestInboundService, type InboundItem } from '../src/tickets/ingest-inbound.service';
import { Ticket } from '../src/tickets/ticket.entity';
import type { User } from '../src/users/user.entity';
import { api, login, makePageAccount, makeTown, makeUser, PAGE_ID } from './factories';
import { startTestApp, type TestApp } from './test-app';

/** A Tuesday, 10:00 in Paris: inside the services' default hours. */
const TUESDAY_10 = new Date('2026-03-10T09:00:00Z');
const WEEKENDS_ONLY: BusinessCalendar = {
  ...DEFAULT_SERVICE_CALENDAR,
  hours: {
    mon: [],
    tue: [],
    wed: [],
    thu: [],
    fri: [],
    sat: [['08:00', '18:00']],
    sun: [['08:00', '18:00']],
  },
};
const everyDay = (open: string, close: string): BusinessCalendar => ({
  timeZone: 'Europe/Paris',
  hours: {
    mon: [[open, close]],
    tue: [[open, close]],
    wed: [[open, close]],
    thu: [[open, close]],
    fri: [[open, close]],
    sat: [[open, close]],
    sun: [[open, close]],
  },
});
const EVERY_DAY = everyDay('07:00', '21:00');
/** Whenever the test runs. */
const ALWAYS = everyDay('00:00', '24:00');

let n = 0;
function pothole(receivedAt: Date): InboundItem {
  n++;
  const event: InboundMessage = {
    type: 'message',
    platform: 'facebook',
    accountExternalId: PAGE_ID,
    kind: 'comment',
    platformMessageId: `9900_${n}`,
    platformParentId: `${PAGE_ID}_9900`,
    threadKey: `9900_${n}`,
    author: { platformUserId: `habitant-${n}`, displayName: `Habitant ${n}`, handle: null },
    body: `Un nid de poule rue ${n}`,
    sentAt: receivedAt,
    context: { postId: `${PAGE_ID}_9900`, permalink: null },
    raw: { n },
  };
  return { event, receivedAt };
}

describe('Assignment inside a service', () => {
  let t: TestApp;
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
  });

  /** Open tickets of the service already held by someone. */
  async function giveOpenTickets(user: User, service: Service, count: number): Promise<void> {
    await t.db.getRepository(Ticket).insert(
      Array.from({ length: count }, (_, i) => ({
        subject: `Ancien ${i}`,
        status: 'open' as const,
        platform: 'facebook' as const,
        serviceId: service.id,
        assigneeId: user.id,
        lastMessageAt: TUESDAY_10,
      })),
    );
  }

  const openCounts = async (serviceId: string): Promise<Map<string, number>> => {
    const rows: Array<{ assignee_id: string; n: number }> = await t.db.query(
      `SELECT assignee_id, count(*)::int AS n FROM tickets
        WHERE service_id = $1 AND assignee_id IS NOT NULL AND status NOT IN ('resolved', 'closed')
        GROUP BY assignee_id`,
      [serviceId],
    );
    return new Map(rows.map((r) => [r.assignee_id, r.n]));
  };

  it('deals 1,000 new tickets fairly among the agents on shift, never beyond the cap', async () => {
    const cap = 260;
    await t.db
      .getRepository(Service)
      .update({ id: town.voirie.id }, { assignmentMode: 'round_robin', maxOpenPerAgent: cap });
    const member = (name: string, extra: Parameters<typeof makeUser>[1] = {}) =>
      makeUser(t.db, { displayName: name, services: [town.voirie], ...extra });
    // On shift by the service's hours.
    const a = await member('A');
    const b = await member('B', { role: 'service_head' });
    const c = await member('C');
    // On shift by their own hours (which include Tuesday morning).
    const f = await member('F', { calendar: EVERY_DAY });
    // Nearly full: takes 10, then is skipped.
    const nearlyFull = await member('I');
    await giveOpenTickets(nearlyFull, town.voirie, cap - 10);
    // Full, off shift (their own hours), inactive, or in another service only: never chosen.
    const full = await member('D');
    await giveOpenTickets(full, town.voirie, cap);
    const offShift = await member('E', { calendar: WEEKENDS_ONLY });
    const inactive = await member('G', { active: false });
    const elsewhere = await makeUser(t.db, { displayName: 'H', services: [town.proprete] });
    const before = await openCounts(town.voirie.id);

    const ingest = t.app.get(IngestInboundService);
    // 1,000 tickets in batches of 50, two batches at a time: the round-robin must hold under concurrency.
    const batches = Array.from({ length: 20 }, (_, i) =>
      Array.from({ length: 50 }, (_, j) => pothole(new Date(TUESDAY_10.getTime() + (i * 50 + j) * 1000))),
    );
    for (let i = 0; i < batches.length; i += 2) {
      await Promise.all(batches.slice(i, i + 2).map((batch) => ingest.ingestMany(batch)));
    }

    const [{ created }]: Array<{ created: number }> = await t.db.query(
      `SELECT count(*)::int AS created FROM tickets WHERE subject LIKE 'Un nid de poule%'`,
    );
    expect(created).toBe(1000);
    const after = await openCounts(town.voirie.id);
    const dealt = (u: User) => (after.get(u.id) ?? 0) - (before.get(u.id) ?? 0);
    // Every new ticket went to someone (there was room), never to those who could not take it.
    expect([a, b, c, f, nearlyFull].reduce((sum, u) => sum + dealt(u), 0)).toBe(1000);
    for (const u of [full, offShift, inactive, elsewhere]) expect(dealt(u)).toBe(0);
    // The cap holds.
    for (const [, count] of after) expect(count).toBeLessThanOrEqual(cap);
    expect(after.get(nearlyFull.id)).toBe(cap);
    // Fair: the agents never stopped by the cap got within one ticket of each other.
    const counts = [a, b, c, f].map(dealt);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(990);

    // Every automatic assignment is audited.
    const [{ audited }]: Array<{ audited: number }> = await t.db.query(
      `SELECT count(*)::int AS audited FROM audit_events
        WHERE action = 'ticket.assigned' AND actor_user_id IS NULL AND details->>'mode' = 'round_robin'`,
    );
    expect(audited).toBe(1000);

    // The turns are stored: the next ticket goes to whoever was served least recently, as a
    // restarted instance (which keeps nothing in memory) would also decide.
    const turns: Array<{ user_id: string; last_assigned_turn: number }> = await t.db.query(
      `SELECT user_id, last_assigned_turn FROM user_services
        WHERE service_id = $1 AND user_id = ANY($2::uuid[]) ORDER BY last_assigned_turn`,
      [town.voirie.id, [a, b, c, f].map((u) => u.id)],
    );
    await ingest.ingestMany([pothole(new Date(TUESDAY_10.getTime() + 3_600_000))]);
    const next = await t.db.getRepository(Ticket).findOneByOrFail({ subject: `Un nid de poule rue ${n}` });
    expect(next.assigneeId).toBe(turns[0].user_id);
  }, 120_000);

  it('leaves new tickets unassigned in a manual service, and with nobody on shift', async () => {
    const agent = await makeUser(t.db, { services: [town.voirie] });
    const ingest = t.app.get(IngestInboundService);
    const [manual] = await ingest.ingestMany([pothole(TUESDAY_10)]);
    expect(
      (await t.db.getRepository(Ticket).findOneByOrFail({ id: manual.ticketId as string })).assigneeId,
    ).toBeNull();

    await t.db.getRepository(Service).update({ id: town.voirie.id }, { assignmentMode: 'round_robin' });
    const sunday = new Date('2026-03-15T10:00:00Z');
    const [night] = await ingest.ingestMany([pothole(sunday)]);
    expect(
      (await t.db.getRepository(Ticket).findOneByOrFail({ id: night.ticketId as string })).assigneeId,
    ).toBeNull();
    const [day] = await ingest.ingestMany([pothole(TUESDAY_10)]);
    expect(
      (await t.db.getRepository(Ticket).findOneByOrFail({ id: day.ticketId as string })).assigneeId,
    ).toBe(agent.id);
  });

  it('assigns and unassigns by hand, only to agents of the ticket’s service', async () => {
    const agent = await makeUser(t.db, { services: [town.voirie], displayName: 'Julie' });
    const other = await makeUser(t.db, { services: [town.proprete] });
    const cookie = await login(t, agent.email);
    const [created] = await t.app.get(IngestInboundService).ingestMany([pothole(new Date())]);
    const id = created.ticketId as string;
    const patch = (body: unknown) =>
      api<TicketDetail & { details?: string[] }>(t, cookie, `/api/tickets/${id}`, { method: 'PATCH', body });

    const mine = await patch({ assigneeId: agent.id });
    expect(mine.status).toBe(200);
    expect(mine.body.assignee).toEqual({ id: agent.id, displayName: 'Julie' });
    const refused = await patch({ assigneeId: other.id });
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual(['assigneeId: not an active agent of the ticket’s service']);
    expect((await patch({ assigneeId: null })).body.assignee).toBeNull();
    const audit: Array<{ action: string }> = await t.db.query(
      `SELECT action FROM audit_events WHERE target_id = $1 AND action LIKE 'ticket.%assigned' ORDER BY created_at`,
      [id],
    );
    expect(audit.map((x) => x.action)).toEqual(['ticket.assigned', 'ticket.unassigned']);
  });

  it('assigns a re-routed ticket in its new round-robin service, unless its agent belongs there too', async () => {
    await t.db.getRepository(Service).update({ id: town.proprete.id }, { assignmentMode: 'round_robin' });
    const voirieAgent = await makeUser(t.db, { services: [town.voirie] });
    const propreteAgent = await makeUser(t.db, { services: [town.proprete], calendar: ALWAYS });
    const both = await makeUser(t.db, { services: [town.voirie, town.proprete], calendar: ALWAYS });
    const cookie = await login(t, voirieAgent.email);
    const ingest = t.app.get(IngestInboundService);
    const [one, two] = await ingest.ingestMany([pothole(new Date()), pothole(new Date())]);
    const move = (id: string, assigneeId: string) =>
      t.db
        .getRepository(Ticket)
        .update({ id }, { assigneeId })
        .then(() =>
          api<TicketDetail>(t, cookie, `/api/tickets/${id}`, {
            method: 'PATCH',
            body: { serviceId: town.proprete.id, reason: 'Dépôt de déchets, pas la chaussée' },
          }),
        );

    const moved = await move(one.ticketId as string, voirieAgent.id);
    expect(moved.status).toBe(200);
    expect(moved.body.service.name).toBe('Propreté');
    // Julie is not in Propreté: its round-robin picks one of its agents on shift.
    expect([propreteAgent.id, both.id]).toContain(moved.body.assignee?.id);
    const kept = await move(two.ticketId as string, both.id);
    expect(kept.body.assignee?.id).toBe(both.id);
  });
});
