import type { DashboardSummary } from '@guichet/shared';
import { Ticket } from '../src/tickets/ticket.entity';
import { api, feedDelivery, login, makePageAccount, makeTown, makeUser, postMetaWebhook } from './factories';
import { startTestApp, type TestApp } from './test-app';

describe('Dashboard summary', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
  });

  it('counts tickets and gives the median first-response time, scoped to the caller', async () => {
    const { voirie } = await makeTown(t.db);
    await makePageAccount(t);
    await postMetaWebhook(
      t,
      feedDelivery([
        { message: 'nid de poule 1' },
        { message: 'nid de poule 2' },
        { message: 'nid de poule 3' },
        { message: 'poubelle renversée' },
      ]),
    );
    const tickets = await t.db
      .getRepository(Ticket)
      .find({ relations: { service: true }, order: { reference: 'ASC' } });
    // Voirie answered in 10, 30 and (not yet); Propreté in 100.
    const minutes = [10, 30, null, 100];
    for (const [i, ticket] of tickets.entries()) {
      const m = minutes[i];
      if (m === null || m === undefined) continue;
      await t.db.getRepository(Ticket).update(
        { id: ticket.id },
        {
          firstResponseMinutes: m,
          firstRespondedAt: new Date(ticket.createdAt.getTime() + m * 60_000),
          status: 'resolved',
        },
      );
    }
    const elected = await makeUser(t.db, { role: 'elected' });
    const town = await api<DashboardSummary>(t, await login(t, elected.email), '/api/dashboard/summary');
    expect(town.body).toEqual({
      ticketCount: 4,
      openCount: 1,
      respondedCount: 3,
      medianFirstResponseMinutes: 30,
    });
    const agent = await makeUser(t.db, { services: [voirie] });
    const mine = await api<DashboardSummary>(t, await login(t, agent.email), '/api/dashboard/summary');
    expect(mine.body).toEqual({
      ticketCount: 3,
      openCount: 1,
      respondedCount: 2,
      medianFirstResponseMinutes: 20,
    });
    expect(JSON.stringify(town.body)).not.toMatch(/nid de poule|Citoyen/);
  });

  it('answers null for the median when nothing was answered yet', async () => {
    const admin = await makeUser(t.db, { role: 'admin' });
    const res = await api<DashboardSummary>(t, await login(t, admin.email), '/api/dashboard/summary');
    expect(res.body).toEqual({
      ticketCount: 0,
      openCount: 0,
      respondedCount: 0,
      medianFirstResponseMinutes: null,
    });
  });
});
