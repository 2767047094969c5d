import type { InboundMessage } from '../src/channels/inbound-event';
import { InboundQueue } from '../src/tickets/inbound-queue';
import { IngestInboundService } from '../src/tickets/ingest-inbound.service';
import { LockTurns } from '../src/tickets/lock-turns';
import { Message } from '../src/tickets/message.entity';
import { Ticket } from '../src/tickets/ticket.entity';
import type { TicketDetail } from '@guichet/shared';
import {
  api,
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

let n = 0;
/** A normalised Facebook comment, as connectors hand them over. */
function comment(overrides: Partial<InboundMessage> = {}): InboundMessage {
  n++;
  const id = overrides.platformMessageId ?? `5500_${n}`;
  return {
    type: 'message',
    platform: 'facebook',
    accountExternalId: PAGE_ID,
    kind: 'comment',
    platformMessageId: id,
    platformParentId: `${PAGE_ID}_5500`,
    threadKey: id,
    author: { platformUserId: `citizen-${n}`, displayName: `Habitant ${n}`, handle: null },
    body: `Bonjour, un nid de poule rue ${n}.`,
    sentAt: new Date(),
    context: { postId: `${PAGE_ID}_5500`, permalink: null },
    raw: { n },
    ...overrides,
  };
}

/** Thread i of a series: a comment (« Parent i ») and a reply to it. */
function commentAndReply(series: number, i: number): [InboundMessage, InboundMessage] {
  const thread = `${series}_${i}`;
  return [
    comment({ platformMessageId: thread, threadKey: thread, body: `Parent ${i}` }),
    comment({
      platformMessageId: `${series + 1}_${i}`,
      threadKey: thread,
      platformParentId: thread,
      body: `Réponse ${i}`,
    }),
  ];
}

const statusOf = async (t: TestApp) =>
  t.db.query<Array<{ status: string; outcome: string | null; attempts: number; last_error: string | null }>>(
    'SELECT status, outcome, attempts, last_error FROM inbound_events ORDER BY id',
  );

describe('The inbound queue', () => {
  let t: TestApp;
  let queue: InboundQueue;
  beforeAll(async () => {
    t = await startTestApp({ INBOUND_SWEEP_MS: '60000' });
    queue = t.app.get(InboundQueue);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    await makeTown(t.db);
    await makePageAccount(t);
    await makeSlaPolicy(t.db);
  });

  it('acknowledges a webhook once stored, keeps the event when processing fails, and processes it later', async () => {
    // Without any service, routing cannot place a new ticket: processing fails after the acknowledgement.
    await t.db.query('DELETE FROM services');
    const res = await postMetaWebhook(t, feedDelivery([{ commentId: '5501_1' }]));
    expect(res.status).toBe(200);
    const [pending] = await statusOf(t);
    expect(pending).toEqual(expect.objectContaining({ status: 'pending', attempts: 1 }));
    expect(pending?.last_error).toContain('service');
    expect(await t.db.getRepository(Message).count()).toBe(0);

    await makeTown(t.db);
    await t.db.query('UPDATE inbound_events SET next_attempt_at = now()');
    await queue.settle();
    expect(await statusOf(t)).toEqual([expect.objectContaining({ status: 'done', outcome: 'created' })]);
    expect(await t.db.getRepository(Message).count()).toBe(1);
  });

  it('stores a batch in one go: threads joined, duplicates once, a reply after its parent', async () => {
    const first = comment({ platformMessageId: '5600_1', threadKey: '5600_1' });
    const reply = comment({ platformMessageId: '5600_2', threadKey: '5600_1', platformParentId: '5600_1' });
    const other = comment({
      platformMessageId: '5600_3',
      threadKey: '5600_3',
      body: 'Les poubelles débordent',
    });
    const sameAuthor = comment({
      platformMessageId: '5600_4',
      threadKey: '5600_4',
      author: first.author,
    });
    await t.db.transaction((m) =>
      queue.enqueue([first, reply, first, other, sameAuthor, reply], new Date(), 'webhook', m),
    );
    await queue.settle();

    expect((await statusOf(t)).map((r) => r.outcome)).toEqual([
      'created',
      'appended',
      'duplicate',
      'created',
      'created',
      'duplicate',
    ]);
    const tickets = await t.db
      .getRepository(Ticket)
      .find({ relations: { service: true }, order: { reference: 'ASC' } });
    expect(tickets.map((x) => [x.threadKey, x.service.slug])).toEqual([
      ['5600_1', 'voirie'],
      ['5600_3', 'proprete'],
      ['5600_4', 'voirie'],
    ]);
    expect(await t.db.getRepository(Message).count()).toBe(4);
    expect(tickets[0]?.contactId).toBe(tickets[2]?.contactId);
    // Every new ticket got its clocks, in the same transaction.
    expect(await t.db.query('SELECT count(DISTINCT ticket_id)::int AS n FROM ticket_sla_clocks')).toEqual([
      { n: 3 },
    ]);
  });

  it('sets aside an event that keeps failing without holding up the others', async () => {
    const good = comment();
    const bad = { ...comment(), body: null } as unknown as InboundMessage;
    await t.db.transaction((m) => queue.enqueue([bad, good], new Date(), 'webhook', m));
    await queue.settle();
    const [badRow, goodRow] = await statusOf(t);
    expect(goodRow).toEqual(expect.objectContaining({ status: 'done', outcome: 'created' }));
    expect(badRow).toEqual(expect.objectContaining({ status: 'pending', attempts: 1 }));
    expect(badRow?.last_error).toMatch(/null/);

    await t.db.query(
      `UPDATE inbound_events SET attempts = 9, next_attempt_at = now() WHERE status = 'pending'`,
    );
    await queue.settle();
    expect((await statusOf(t))[0]).toEqual(expect.objectContaining({ status: 'failed', attempts: 10 }));
    expect(await t.db.getRepository(Message).count()).toBe(1);
  });

  it('stores a message holding NUL characters, which PostgreSQL refuses, with the replacement character', async () => {
    const res = await postMetaWebhook(
      t,
      feedDelivery([
        {
          commentId: '5502_1',
          message: 'Nid de poule\u0000 rue\u0000 Haute',
          from: { id: '1\u00002', name: 'A\u0000B' },
        },
      ]),
    );
    expect(res.status).toBe(200);
    const [message] = await t.db.getRepository(Message).find();
    expect(message?.body).toBe('Nid de poule\uFFFD rue\uFFFD Haute');
    expect((await statusOf(t)).map((r) => r.status)).toEqual(['done']);
  });

  it('locks a thread in the order batches were formed, even when a later batch gets there first', async () => {
    const ingest = t.app.get(IngestInboundService);
    const parent = comment({ platformMessageId: '5650_1', threadKey: '5650_1', body: 'Trottoir effondré' });
    const reply = comment({
      platformMessageId: '5650_2',
      threadKey: '5650_1',
      platformParentId: '5650_1',
      body: 'Toujours rien ?',
    });
    const turns = new LockTurns();
    const first = turns.take();
    const second = turns.take();
    // The reply's batch, formed second, starts first and must wait for the comment's.
    const later = t.db.transaction((m) =>
      ingest.store(m, [{ event: reply, receivedAt: new Date() }], second),
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(await t.db.getRepository(Ticket).count()).toBe(0);
    await t.db.transaction((m) => ingest.store(m, [{ event: parent, receivedAt: new Date() }], first));
    const outcome = await later;
    const tickets = await t.db.getRepository(Ticket).find();
    expect(tickets.map((x) => x.subject)).toEqual(['Trottoir effondré']);
    expect(outcome.outcomes).toEqual([
      expect.objectContaining({ outcome: 'appended', ticketId: tickets[0]?.id }),
    ]);
  });

  it('keeps a thread in order when a webhook delivery follows another while it is processed', async () => {
    const second = await startTestApp({ INBOUND_CONCURRENCY: '2' }, { sharedDatabaseUrl: t.databaseUrl });
    try {
      const queue2 = second.app.get(InboundQueue);
      for (let i = 0; i < 15; i++) {
        const [parent, reply] = commentAndReply(5660, i);
        // Acknowledged once stored: the reply's batch forms while the comment's is being processed.
        await queue2.enqueue([parent], new Date(), 'webhook');
        await queue2.enqueue([reply], new Date(), 'webhook');
      }
      await queue2.settle();
    } finally {
      await second.close({ keepDatabase: true });
    }
    await queue.settle();
    // Threads may be stored in any order among themselves; within each, the comment opened the ticket.
    const tickets = await t.db.getRepository(Ticket).find();
    expect(tickets.map((x) => x.subject).sort()).toEqual(
      Array.from({ length: 15 }, (_, i) => `Parent ${i}`).sort(),
    );
    const perTicket = await t.db.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM messages GROUP BY ticket_id',
    );
    expect(perTicket).toEqual(Array(15).fill({ n: 2 }));
    expect((await statusOf(t)).map((r) => r.status)).toEqual(Array(30).fill('done'));
  });

  it('sends a burst beyond what it keeps in memory through the claims, whole and in thread order', async () => {
    // Batches of 2: more than 8 events waiting in memory is a backlog.
    const small = await startTestApp({ INBOUND_BATCH_SIZE: '2' }, { sharedDatabaseUrl: t.databaseUrl });
    try {
      const burst = Array.from({ length: 20 }, (_, i) => commentAndReply(5670, i)).flat();
      const queue2 = small.app.get(InboundQueue);
      // One delivery of 40: stored at once, left leased it would wait 30 s for a claim.
      expect((await queue2.enqueue(burst, new Date(), 'webhook')).stored).toBe(40);
      await queue2.settle();
    } finally {
      await small.close({ keepDatabase: true });
    }
    // Released rows are any instance's: this one (its polls kick its claims) may have taken some.
    await queue.settle();
    const tickets = await t.db.getRepository(Ticket).find();
    expect(tickets.map((x) => x.subject).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `Parent ${i}`).sort(),
    );
    expect((await statusOf(t)).map((r) => r.status)).toEqual(Array(40).fill('done'));
  });

  it('processes at start what a stopped instance had stored but not processed', async () => {
    // Its sweep would process the event before it stops.
    const second = await startTestApp({ INBOUND_SWEEP_MS: '60000' }, { sharedDatabaseUrl: t.databaseUrl });
    try {
      // Its start-up pass (which looks for left events) must be over, or it could take this one.
      await second.app.get(InboundQueue).settle();
      // Stored by this instance, which stops before processing it (the transaction does not kick).
      await second.db.transaction((m) =>
        second.app
          .get(InboundQueue)
          .enqueue([comment({ platformMessageId: '5700_1', threadKey: '5700_1' })], new Date(), 'webhook', m),
      );
    } finally {
      await second.close({ keepDatabase: true });
    }
    expect(await t.db.getRepository(Message).count()).toBe(0);
    const third = await startTestApp({}, { sharedDatabaseUrl: t.databaseUrl });
    try {
      // No call here: the instance processes it on its own when it starts.
      await waitFor(async () => (await t.db.getRepository(Message).count()) === 1, 15_000);
    } finally {
      await third.close({ keepDatabase: true });
    }
  });
});

describe('A citizen writing again after a ticket was closed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ REOPEN_WINDOW_DAYS: '7' });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    await makeTown(t.db);
    await makePageAccount(t);
  });

  /** Opens a ticket with a comment, then marks it `status` that many days ago. */
  async function ticketDoneDaysAgo(status: 'resolved' | 'closed', days: number): Promise<Ticket> {
    await postMetaWebhook(t, feedDelivery([{ commentId: '5800_1', postId: `${PAGE_ID}_5800` }]));
    const ticket = await t.db.getRepository(Ticket).findOneOrFail({ where: {} });
    const at = new Date(Date.now() - days * 86_400_000);
    await t.db.query(`UPDATE tickets SET status = $2 WHERE id = $1`, [ticket.id, status]);
    // Its story began a month ago.
    await t.db.query(`UPDATE ticket_status_changes SET at = at - interval '30 days' WHERE ticket_id = $1`, [
      ticket.id,
    ]);
    await t.db.query(
      `INSERT INTO ticket_status_changes (ticket_id, from_status, to_status, at) VALUES ($1, 'new', $2, $3)`,
      [ticket.id, status, at],
    );
    return ticket;
  }

  const replyUnder = (id: string) =>
    postMetaWebhook(
      t,
      feedDelivery([
        { commentId: id, postId: `${PAGE_ID}_5800`, parentId: '5800_1', message: 'Toujours pas réparé !' },
      ]),
    );

  it.each(['resolved', 'closed'] as const)('reopens a ticket %s within the window', async (status) => {
    const ticket = await ticketDoneDaysAgo(status, 6);
    await replyUnder('5800_2');
    const tickets = await t.db.getRepository(Ticket).find();
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toEqual(expect.objectContaining({ id: ticket.id, status: 'open', resolvedAt: null }));
    const history = await t.db.query<Array<{ to_status: string }>>(
      'SELECT to_status FROM ticket_status_changes WHERE ticket_id = $1 ORDER BY at DESC, id DESC LIMIT 1',
      [ticket.id],
    );
    expect(history).toEqual([{ to_status: 'open' }]);
  });

  it('opens a new ticket linked to the old one after the window, and shows the link', async () => {
    const old = await ticketDoneDaysAgo('closed', 8);
    await replyUnder('5800_3');
    await replyUnder('5800_4');
    const tickets = await t.db.getRepository(Ticket).find({ order: { reference: 'ASC' } });
    expect(tickets).toHaveLength(2);
    expect(tickets[0]?.status).toBe('closed');
    expect(tickets[1]).toEqual(
      expect.objectContaining({ status: 'new', previousTicketId: old.id, threadKey: old.threadKey }),
    );
    // The next message of the conversation joins the new ticket.
    expect(await t.db.getRepository(Message).countBy({ ticketId: tickets[1]?.id })).toBe(2);
    const admin = await makeUser(t.db, { role: 'admin' });
    const { body } = await api<TicketDetail>(
      t,
      await login(t, admin.email),
      `/api/tickets/${tickets[1]?.id}`,
    );
    expect(body.previousTicket).toEqual({ id: old.id, reference: old.reference });
  });
});
