import { randomBytes } from 'node:crypto';
import type { InboundMessage } from '../src/channels/inbound-event';
import type { BusinessCalendar } from '../src/domain/sla';
import { RoutingService } from '../src/routing/routing.service';
import { IngestInboundService, type InboundItem } from '../src/tickets/ingest-inbound.service';
import { makePageAccount, makeTown, makeUser, PAGE_ID } from './factories';
import { startTestApp, type TestApp } from './test-app';

// Two app instances need a database both can reach: a real PostgreSQL (CI always sets TEST_DATABASE_URL).
const withServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;

const day: Array<[string, string]> = [['00:00', '24:00']];
const ALWAYS: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
};

let n = 0;
function comment(body: string): InboundItem {
  n++;
  const at = new Date();
  const event: InboundMessage = {
    type: 'message',
    platform: 'facebook',
    accountExternalId: PAGE_ID,
    kind: 'comment',
    platformMessageId: `8800_${n}`,
    platformParentId: `${PAGE_ID}_8800`,
    threadKey: `8800_${n}`,
    author: { platformUserId: `habitant-${n}`, displayName: `Habitant ${n}`, handle: null },
    body,
    sentAt: at,
    context: { postId: `${PAGE_ID}_8800`, permalink: null },
    raw: { n },
  };
  return { event, receivedAt: at };
}

interface TicketRow {
  slug: string;
  assignee_id: string | null;
  first_response_due_at: Date | null;
}

withServer('Configuration kept in memory by ingestion', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const SECRET_KEY = randomBytes(32).toString('hex');
    a = await startTestApp({ SECRET_KEY });
    b = await startTestApp({ SECRET_KEY, INBOUND_SWEEP_MS: '60000' }, { sharedDatabaseUrl: a.databaseUrl });
  });
  beforeEach(async () => {
    await a.reset();
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  /** Ingests one message on instance a and returns its ticket. */
  async function ingestOnA(body: string): Promise<TicketRow> {
    const [outcome] = await a.app.get(IngestInboundService).ingestMany([comment(body)]);
    const [row] = await a.db.query<TicketRow[]>(
      `SELECT s.slug, t.assignee_id, t.first_response_due_at
         FROM tickets t JOIN services s ON s.id = t.service_id WHERE t.id = $1`,
      [outcome?.ticketId],
    );
    if (!row) throw new Error('no ticket');
    return row;
  }

  it("follows another instance's changes to rules, SLA policies and services from the next batch on", async () => {
    const { voirie } = await makeTown(a.db);
    await makePageAccount(a);
    const bob = await makeUser(a.db, { services: [voirie] });
    expect(await ingestOnA('Les poubelles débordent')).toMatchObject({
      slug: 'proprete',
      first_response_due_at: null,
    });

    // Made on b, which a is not told about: a's next batch must see them all the same.
    await b.db.query(`UPDATE routing_rules SET enabled = false WHERE name = 'Propreté'`);
    await b.db.query(
      `INSERT INTO sla_policies (name, position, first_response_minutes, next_response_minutes, resolution_minutes)
       VALUES ('Toutes', 1, 60, 120, 600)`,
    );
    await b.db.query(`UPDATE services SET assignment_mode = 'round_robin', calendar = $2 WHERE id = $1`, [
      voirie.id,
      JSON.stringify(ALWAYS),
    ]);
    expect((await ingestOnA('Les poubelles débordent')).slug).toBe('accueil');
    const pothole = await ingestOnA('Un nid de poule rue Haute');
    expect(pothole.slug).toBe('voirie');
    expect(pothole.first_response_due_at).not.toBeNull();
    expect(pothole.assignee_id).toBe(bob.id);
  });

  it('forgets what a rolled-back transaction read of its own changes', async () => {
    const { proprete } = await makeTown(a.db);
    await makePageAccount(a);
    expect((await ingestOnA('Les poubelles débordent')).slug).toBe('proprete');
    const routing = a.app.get(RoutingService);
    await expect(
      a.db.transaction(async (manager) => {
        await manager.query(`UPDATE routing_rules SET enabled = false WHERE name = 'Propreté'`);
        // Read (and kept in memory) inside the transaction, with its change.
        const inside = await routing.route(
          {
            text: 'Les poubelles débordent',
            platform: 'facebook',
            kind: 'comment',
            channelAccountId: null,
            contactId: null,
            receivedAt: new Date(),
          },
          manager,
        );
        expect(inside.serviceId).not.toBe(proprete.id);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // A later change by another instance moves the version on, not to the rolled-back one.
    await b.db.query(`UPDATE services SET description = 'Rues et trottoirs' WHERE slug = 'voirie'`);
    expect((await ingestOnA('Les poubelles débordent')).slug).toBe('proprete');
  });
});
