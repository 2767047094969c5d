import type {
  ApprovalCheck,
  ApprovalPolicy,
  ContactDetail,
  MessageView,
  NotificationView,
  Page,
  PendingApprovalView,
  TicketDetail,
  TicketSummary,
} from '@guichet/shared';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { Contact } from '../src/contacts/contact.entity';
import { Notification } from '../src/notifications/notification.entity';
import type { Service } from '../src/services/service.entity';
import { Message } from '../src/tickets/message.entity';
import { ReplyOutboxWorker } from '../src/tickets/reply-outbox.worker';
import { Ticket } from '../src/tickets/ticket.entity';
import { User } from '../src/users/user.entity';
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

type ErrorBody = { message: string; details?: string[] };
type ReplyBody = MessageView & ErrorBody;

const POLICY: ApprovalPolicy = {
  keywords: [],
  sensitiveContactTags: ['presse', 'élu', 'sensible'],
  publicReplyTags: [],
  freeTextNeedsApproval: false,
  electoralReserve: null,
};

describe('Approval of sensitive replies', () => {
  let t: TestApp;
  let town: { accueil: Service; voirie: Service; proprete: Service };
  let users: Record<'agent' | 'head' | 'head2' | 'otherHead' | 'admin', User>;
  let cookies: Record<keyof typeof users, string>;
  let ticketId: string;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp({ OUTBOX_SWEEP_MS: '60000' });
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  beforeEach(async () => {
    await t.reset();
    town = await makeTown(t.db);
    await makePageAccount(t);
    const [agent, head, head2, otherHead, admin] = await Promise.all([
      makeUser(t.db, { services: [town.voirie], displayName: 'Julie Martin' }),
      makeUser(t.db, { role: 'service_head', services: [town.voirie], displayName: 'Thierry Lambert' }),
      makeUser(t.db, { role: 'service_head', services: [town.voirie], displayName: 'Nadia Benali' }),
      makeUser(t.db, { role: 'service_head', services: [town.proprete] }),
      makeUser(t.db, { role: 'admin' }),
    ]);
    users = { agent, head, head2, otherHead, admin };
    const entries = await Promise.all(
      Object.entries(users).map(async ([k, u]) => [k, await login(t, u.email)] as const),
    );
    cookies = Object.fromEntries(entries) as typeof cookies;
    ticketId = await citizenWrites('9100_1', 'Lampadaire cassé rue des Tilleuls');
  });

  async function citizenWrites(commentId: string, message: string): Promise<string> {
    await postMetaWebhook(t, feedDelivery([{ commentId, message }]));
    const message_ = await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: commentId });
    return message_.ticketId;
  }
  const setPolicy = async (overrides: Partial<ApprovalPolicy>) => {
    const res = await api<ApprovalPolicy & ErrorBody>(t, cookies.admin, '/api/approval/settings', {
      method: 'PUT',
      body: { ...POLICY, ...overrides },
    });
    expect(res.status).toBe(200);
  };
  const reply = (who: keyof typeof users, body: unknown, id = ticketId) =>
    api<ReplyBody>(t, cookies[who], `/api/tickets/${id}/replies`, { method: 'POST', body });
  const check = (body: unknown) =>
    api<ApprovalCheck>(t, cookies.agent, `/api/tickets/${ticketId}/replies/check`, { method: 'POST', body });
  const approve = (who: keyof typeof users, messageId: string, body: unknown = {}) =>
    api<ReplyBody>(t, cookies[who], `/api/approvals/${messageId}/approve`, { method: 'POST', body });
  const reject = (who: keyof typeof users, messageId: string, body: unknown) =>
    api<ReplyBody>(t, cookies[who], `/api/approvals/${messageId}/reject`, { method: 'POST', body });
  const sweep = () => t.app.get(ReplyOutboxWorker).sweep();
  /** Approval steps are audited on the ticket (its history tells them), naming the reply. */
  const audits = async (action: string, messageId: string) =>
    (await t.db.getRepository(AuditEvent).findBy({ action })).filter(
      (e) => e.targetType === 'ticket' && e.details.messageId === messageId,
    ).length;
  const policyAudits = () => t.db.getRepository(AuditEvent).countBy({ action: 'approval_policy.updated' });
  /** A reply the sensitive ticket holds. */
  const heldReply = async (who: keyof typeof users = 'agent', text = 'Une équipe passe demain.') => {
    await t.db.getRepository(Ticket).update({ id: ticketId }, { sensitive: true });
    const res = await reply(who, { body: text });
    expect(res.status).toBe(201);
    expect(res.body.deliveryStatus).toBe('pending_approval');
    return res.body;
  };

  describe('the policy settings', () => {
    it('shows heads the default policy, lets only an admin change it, and audits the change', async () => {
      const read = await api<ApprovalPolicy>(t, cookies.head, '/api/approval/settings');
      expect(read.status).toBe(200);
      expect(read.body).toEqual(POLICY);
      expect((await api(t, cookies.agent, '/api/approval/settings')).status).toBe(403);
      const byHead = await api(t, cookies.head, '/api/approval/settings', { method: 'PUT', body: POLICY });
      expect(byHead.status).toBe(403);

      const next: ApprovalPolicy = {
        keywords: ['plainte', 'élection*'],
        sensitiveContactTags: ['presse'],
        publicReplyTags: ['urbanisme'],
        freeTextNeedsApproval: true,
        electoralReserve: { from: '2027-02-01', to: '2027-03-21' },
      };
      await setPolicy(next);
      expect((await api<ApprovalPolicy>(t, cookies.head, '/api/approval/settings')).body).toEqual(next);
      expect(await policyAudits()).toBe(1);
    });

    it.each([
      [{ keywords: ['ok', '!!!'] }, /keywords\[1\]/],
      [{ keywords: 'plainte' }, /keywords must be an array/],
      [{ sensitiveContactTags: [''] }, /sensitiveContactTags must not contain an empty tag/],
      [{ freeTextNeedsApproval: 'yes' }, /freeTextNeedsApproval must be a boolean/],
      [
        { electoralReserve: { from: '2027-03-01', to: '2027-02-01' } },
        /electoralReserve\.to: must be on or after/,
      ],
      [{ electoralReserve: { from: '1er mars', to: '2027-02-01' } }, /electoralReserve.from must be a date/],
      [{ extra: 1 }, /property extra should not exist/],
    ])('answers 400 naming the field for %j and keeps the policy', async (overrides, message) => {
      const res = await api<ErrorBody>(t, cookies.admin, '/api/approval/settings', {
        method: 'PUT',
        body: { ...POLICY, ...overrides },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(message);
      expect(await policyAudits()).toBe(0);
    });
  });

  describe('each rule holds the reply', () => {
    const today = new Date().toISOString().slice(0, 10);
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const lastYear = new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10);
    const cases: Array<[string, () => Promise<void>, string, string]> = [
      [
        'sensitive_ticket',
        async () => {
          await t.db.getRepository(Ticket).update({ id: ticketId }, { sensitive: true });
        },
        'Une équipe passe demain.',
        'sensitive_ticket',
      ],
      [
        'sensitive_contact',
        async () => {
          const ticket = await t.db.getRepository(Ticket).findOneByOrFail({ id: ticketId });
          await t.db.getRepository(Contact).update({ id: ticket.contactId ?? '' }, { tags: ['Presse'] });
        },
        'Une équipe passe demain.',
        'sensitive_contact',
      ],
      [
        'keyword in the reply',
        () => setPolicy({ keywords: ['plainte'] }),
        'Votre PLAINTE est notée.',
        'keyword',
      ],
      [
        'keyword in the citizen text',
        () => setPolicy({ keywords: ['tilleul*'] }),
        'Une équipe passe demain.',
        'keyword',
      ],
      [
        'public_topic',
        async () => {
          await t.db.getRepository(Ticket).update({ id: ticketId }, { tags: ['urbanisme'] });
          await setPolicy({ publicReplyTags: ['Urbanisme'] });
        },
        'Une équipe passe demain.',
        'public_topic',
      ],
      [
        'free_text',
        () => setPolicy({ freeTextNeedsApproval: true }),
        'Une équipe passe demain.',
        'free_text',
      ],
      [
        'electoral_reserve',
        () => setPolicy({ electoralReserve: { from: today, to: inAWeek } }),
        'Une équipe passe demain.',
        'electoral_reserve',
      ],
    ];

    it.each(cases)(
      '%s: the check says so, the reply waits and nothing is sent',
      async (_name, arrange, text, code) => {
        await arrange();
        const checked = await check({ body: text });
        expect(checked.status).toBe(200);
        expect(checked.body.required).toBe(true);
        expect(checked.body.reasons.map((r) => r.code)).toEqual([code]);
        const res = await reply('agent', { body: text });
        expect(res.status).toBe(201);
        expect(res.body.deliveryStatus).toBe('pending_approval');
        expect(res.body.approval).toMatchObject({ state: 'pending', decidedBy: null, comment: null });
        expect(res.body.approval?.reasons.map((r) => r.code)).toEqual([code]);
        expect(await sweep()).toBe(0);
        expect(t.graph.comments).toHaveLength(0);
      },
    );

    it('lets an ordinary reply go at once, and the check says no approval is needed', async () => {
      await setPolicy({ keywords: ['plainte'], electoralReserve: { from: lastYear, to: lastYear } });
      expect((await check({ body: 'Une équipe passe demain.' })).body).toEqual({
        required: false,
        reasons: [],
      });
      const res = await reply('agent', { body: 'Une équipe passe demain.' });
      expect(res.body.deliveryStatus).toBe('sent');
      expect(res.body.approval).toBeNull();
      expect(t.graph.comments).toHaveLength(1);
    });
  });

  describe('the held reply', () => {
    it('is audited, tells the heads of the service (not the author, not other services) and leaves the clock running', async () => {
      const held = await heldReply();
      expect(await audits('reply.approval_requested', held.id)).toBe(1);
      const notified = await t.db.getRepository(Notification).findBy({ kind: 'reply.approval_requested' });
      expect(notified.map((n) => n.userId).sort()).toEqual([users.head.id, users.head2.id].sort());
      const bell = await api<NotificationView[]>(t, cookies.head, '/api/notifications');
      expect(bell.body[0]).toMatchObject({
        kind: 'reply.approval_requested',
        ticketId,
        actor: { displayName: 'Julie Martin' },
      });
      const ticket = await t.db.getRepository(Ticket).findOneByOrFail({ id: ticketId });
      expect(ticket.firstRespondedAt).toBeNull();
    });

    it('is sent once approved, exactly like a normal reply', async () => {
      const held = await heldReply();
      const res = await approve('head', held.id);
      expect(res.status).toBe(200);
      expect(res.body.deliveryStatus).toBe('sent');
      expect(res.body.approval).toMatchObject({
        state: 'approved',
        decidedBy: { displayName: 'Thierry Lambert' },
        originalBody: null,
      });
      expect(t.graph.comments.map((c) => c.message)).toEqual(['Une équipe passe demain.']);
      expect(await sweep()).toBe(0);
      expect(t.graph.comments).toHaveLength(1);
      expect(await audits('reply.approved', held.id)).toBe(1);
      const ticket = await t.db.getRepository(Ticket).findOneByOrFail({ id: ticketId });
      expect(ticket.firstRespondedAt).not.toBeNull();
      const toAuthor = await t.db.getRepository(Notification).findBy({ kind: 'reply.approved' });
      expect(toAuthor.map((n) => n.userId)).toEqual([users.agent.id]);
    });

    it('sends the edited text once when the head edits then approves, and keeps the author’s text', async () => {
      const held = await heldReply();
      const res = await approve('head', held.id, { body: '  Bonjour, une équipe passe demain matin.  ' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        body: 'Bonjour, une équipe passe demain matin.',
        deliveryStatus: 'sent',
        approval: { state: 'approved', originalBody: 'Une équipe passe demain.' },
      });
      await sweep();
      expect(t.graph.comments.map((c) => c.message)).toEqual(['Bonjour, une équipe passe demain matin.']);
      expect(await audits('reply.edited_and_approved', held.id)).toBe(1);
      expect(await audits('reply.approved', held.id)).toBe(0);
    });

    it('is never sent once rejected; the comment reaches the author in the thread and the bell', async () => {
      const held = await heldReply();
      expect((await reject('head', held.id, { comment: '   ' })).status).toBe(400);
      expect((await reject('head', held.id, {})).status).toBe(400);
      const res = await reject('head', held.id, { comment: 'Ne promettez pas de date, merci.' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        deliveryStatus: 'rejected',
        approval: { state: 'rejected', comment: 'Ne promettez pas de date, merci.' },
      });
      expect(await sweep()).toBe(0);
      expect(t.graph.comments).toHaveLength(0);
      const detail = await api<TicketDetail>(t, cookies.agent, `/api/tickets/${ticketId}`);
      expect(detail.body.messages.at(-1)?.approval).toMatchObject({
        state: 'rejected',
        comment: 'Ne promettez pas de date, merci.',
        decidedBy: { displayName: 'Thierry Lambert' },
      });
      expect(detail.body.history.map((h) => h.action)).toEqual(
        expect.arrayContaining(['reply.approval_requested', 'reply.rejected']),
      );
      const bell = await api<NotificationView[]>(t, cookies.agent, '/api/notifications');
      expect(bell.body.map((n) => n.kind)).toContain('reply.rejected');
      expect(bell.body.find((n) => n.kind === 'reply.rejected')?.details).toEqual({
        comment: 'Ne promettez pas de date, merci.',
      });
      expect(await audits('reply.rejected', held.id)).toBe(1);
      expect((await approve('head2', held.id)).status).toBe(409);
      expect(t.graph.comments).toHaveLength(0);
    });
  });

  describe('a private message', () => {
    it('refuses to approve once Meta’s 24-hour window has closed: the reply stays pending, to be rejected', async () => {
      await postMetaWebhook(t, {
        object: 'page',
        entry: [
          {
            id: PAGE_ID,
            time: Date.now(),
            messaging: [
              {
                sender: { id: '2468' },
                recipient: { id: PAGE_ID },
                timestamp: Date.now(),
                message: { mid: 'm_approval', text: 'Un lampadaire clignote rue des Lilas' },
              },
            ],
          },
        ],
      });
      const inbound = await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: 'm_approval' });
      await t.db.getRepository(Ticket).update({ id: inbound.ticketId }, { sensitive: true });
      const held = await reply('agent', { body: 'Nous regardons.' }, inbound.ticketId);
      expect(held.body).toMatchObject({ kind: 'direct', deliveryStatus: 'pending_approval' });
      // The head takes more than a day to look at it.
      await t.db
        .getRepository(Message)
        .update({ id: inbound.id }, { sentAt: new Date(Date.now() - 25 * 3600 * 1000) });
      const res = await approve('head', held.body.id);
      expect(res.status).toBe(422);
      expect(res.body.message).toMatch(/24 heures/);
      expect((await t.db.getRepository(Message).findOneByOrFail({ id: held.body.id })).deliveryStatus).toBe(
        'pending_approval',
      );
      expect(t.graph.comments).toHaveLength(0);
      expect((await reject('head', held.body.id, { comment: 'Trop tard, appelez-le.' })).status).toBe(200);
    });
  });

  describe('who decides', () => {
    it('refuses an agent (403) and a head of another service (404), and lets an admin decide', async () => {
      const held = await heldReply();
      expect((await approve('agent', held.id)).status).toBe(403);
      expect((await reject('agent', held.id, { comment: 'non' })).status).toBe(403);
      expect((await approve('otherHead', held.id)).status).toBe(404);
      expect(t.graph.comments).toHaveLength(0);
      expect((await approve('admin', held.id)).status).toBe(200);
      expect(t.graph.comments).toHaveLength(1);
    });

    it('never lets the author approve their own reply, head or admin: another head or an admin does', async () => {
      const byHead = await heldReply('head', 'Réponse du responsable.');
      expect((await approve('head', byHead.id)).status).toBe(403);
      const notified = await t.db.getRepository(Notification).findBy({ kind: 'reply.approval_requested' });
      expect(notified.map((n) => n.userId)).toEqual([users.head2.id]);
      expect((await approve('head2', byHead.id)).status).toBe(200);

      const byAdmin = await heldReply('admin', 'Réponse de l’administrateur.');
      expect((await approve('admin', byAdmin.id)).status).toBe(403);
      expect((await approve('head', byAdmin.id)).status).toBe(200);
      expect(t.graph.comments).toHaveLength(2);
    });

    it('tells the administrators when the author is the only active head of the service', async () => {
      await t.db.getRepository(User).update({ id: users.head2.id }, { active: false });
      const held = await heldReply('head', 'Réponse du seul responsable.');
      const notified = await t.db.getRepository(Notification).findBy({ kind: 'reply.approval_requested' });
      expect(notified.map((n) => n.userId)).toEqual([users.admin.id]);
      expect((await approve('admin', held.id)).status).toBe(200);
    });

    it('lets exactly one of two heads deciding at once win; the other gets 409', async () => {
      const held = await heldReply();
      const results = await Promise.all([
        approve('head', held.id, { body: 'Version de Thierry.' }),
        approve('head2', held.id, { body: 'Version de Nadia.' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      await sweep();
      expect(t.graph.comments).toHaveLength(1);
      const winner = results.find((r) => r.status === 200);
      expect(t.graph.comments[0]?.message).toBe(winner?.body.body);
      const decided =
        (await audits('reply.edited_and_approved', held.id)) + (await audits('reply.approved', held.id));
      expect(decided).toBe(1);
    });
  });

  describe('the queue and the inbox view', () => {
    it('lists the pending replies of the services a head heads, oldest first; the view « approval » the tickets with one', async () => {
      const other = await citizenWrites('9100_2', 'Un trottoir est défoncé avenue Jean Jaurès');
      const clean = await citizenWrites('9100_3', 'Un lampadaire clignote place du marché');
      await t.db.getRepository(Ticket).update({ id: other }, { sensitive: true });
      const first = await heldReply();
      const second = await reply('agent', { body: 'Nous regardons.' }, other);
      expect(second.body.deliveryStatus).toBe('pending_approval');
      expect((await reply('agent', { body: 'Merci.' }, clean)).body.deliveryStatus).toBe('sent');

      const queue = await api<PendingApprovalView[]>(t, cookies.head, '/api/approvals');
      expect(queue.status).toBe(200);
      expect(queue.body.map((q) => q.messageId)).toEqual([first.id, second.body.id]);
      expect(queue.body[0]).toMatchObject({
        ticket: { id: ticketId, service: { name: 'Voirie' } },
        body: 'Une équipe passe demain.',
        reasons: [{ code: 'sensitive_ticket' }],
        author: { displayName: 'Julie Martin' },
        inbound: { body: 'Lampadaire cassé rue des Tilleuls' },
      });
      expect((await api(t, cookies.agent, '/api/approvals')).status).toBe(403);
      expect((await api<PendingApprovalView[]>(t, cookies.otherHead, '/api/approvals')).body).toEqual([]);
      expect((await api<PendingApprovalView[]>(t, cookies.admin, '/api/approvals')).body).toHaveLength(2);

      const view = async (who: keyof typeof users) =>
        (await api<Page<TicketSummary>>(t, cookies[who], '/api/tickets?view=approval')).body.items
          .map((i) => i.id)
          .sort();
      expect(await view('agent')).toEqual([ticketId, other].sort());
      expect(await view('head')).toEqual([ticketId, other].sort());
      expect(await view('otherHead')).toEqual([]);
      expect(await view('admin')).toEqual([ticketId, other].sort());

      await approve('head', first.id);
      await reject('head', second.body.id, { comment: 'Trop vague.' });
      expect(await view('agent')).toEqual([]);
      expect((await api<PendingApprovalView[]>(t, cookies.head, '/api/approvals')).body).toEqual([]);
    });
  });
  describe('the inbox row of a ticket with a held reply', () => {
    const listed = async (who: keyof typeof users, id: string) =>
      (await api<Page<TicketSummary>>(t, cookies[who], '/api/tickets?view=services')).body.items.find(
        (i) => i.id === id,
      )?.awaitingApproval;
    const detailed = async (who: keyof typeof users, id: string) =>
      (await api<TicketDetail>(t, cookies[who], `/api/tickets/${id}`)).body.awaitingApproval;
    /** The ticket.updated events the agent's socket receives, in order. */
    const liveRows = async () => {
      const socket = await connectSocket(t, cookies.agent);
      sockets.push(socket);
      const rows: TicketSummary[] = [];
      socket.on('ticket.updated', (row) => rows.push(row));
      return rows;
    };
    const lastFlag = (rows: TicketSummary[], id: string) =>
      rows.filter((r) => r.id === id).at(-1)?.awaitingApproval;

    it('says so in the list, the ticket and live while the reply waits, and no longer once approved', async () => {
      const clean = await citizenWrites('9100_4', 'Un lampadaire clignote place du marché');
      expect(await listed('agent', ticketId)).toBe(false);
      expect(await detailed('agent', ticketId)).toBe(false);
      const rows = await liveRows();

      const held = await heldReply();
      await waitFor(() => lastFlag(rows, ticketId) === true);
      expect(await listed('agent', ticketId)).toBe(true);
      expect(await listed('head', ticketId)).toBe(true);
      expect(await detailed('agent', ticketId)).toBe(true);
      expect(
        (await api<Page<TicketSummary>>(t, cookies.agent, '/api/tickets?view=approval')).body.items,
      ).toEqual([expect.objectContaining({ id: ticketId, awaitingApproval: true })]);
      // The contact's page lists it the same way.
      const { contactId } = await t.db.getRepository(Ticket).findOneByOrFail({ id: ticketId });
      const person = await api<ContactDetail>(t, cookies.agent, `/api/contacts/${contactId}`);
      expect(person.body.tickets).toEqual([
        expect.objectContaining({ id: ticketId, awaitingApproval: true }),
      ]);
      // Another ticket has nothing waiting, even after a reply that needed no approval.
      expect(await listed('agent', clean)).toBe(false);
      expect((await reply('agent', { body: 'Merci.' }, clean)).body.deliveryStatus).toBe('sent');
      expect(await listed('agent', clean)).toBe(false);

      expect((await approve('head', held.id)).status).toBe(200);
      await waitFor(() => lastFlag(rows, ticketId) === false);
      expect(await listed('agent', ticketId)).toBe(false);
      expect(await detailed('agent', ticketId)).toBe(false);
    });

    it('no longer says so once the reply is rejected; a 409 changes nothing', async () => {
      const rows = await liveRows();
      const held = await heldReply();
      await waitFor(() => lastFlag(rows, ticketId) === true);
      // An invalid refusal leaves the reply waiting.
      expect((await reject('head', held.id, { comment: '' })).status).toBe(400);
      expect(await detailed('head', ticketId)).toBe(true);

      expect((await reject('head', held.id, { comment: 'Trop vague.' })).status).toBe(200);
      await waitFor(() => lastFlag(rows, ticketId) === false);
      expect(await listed('agent', ticketId)).toBe(false);
      expect(await detailed('agent', ticketId)).toBe(false);
      const seen = rows.length;
      expect((await approve('head2', held.id)).status).toBe(409);
      expect(await detailed('agent', ticketId)).toBe(false);
      expect(rows).toHaveLength(seen);
    });

    it('still says so in the live row when the citizen writes again while the reply waits', async () => {
      const rows = await liveRows();
      await heldReply();
      await waitFor(() => lastFlag(rows, ticketId) === true);
      const seen = rows.length;
      const first = await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: '9100_1' });
      await postMetaWebhook(
        t,
        feedDelivery([
          {
            commentId: '9100_9',
            postId: first.platformParentId ?? '',
            parentId: '9100_1',
            message: 'Alors, ça vient ?',
          },
        ]),
      );
      const again = await t.db.getRepository(Message).findOneByOrFail({ platformMessageId: '9100_9' });
      expect(again.ticketId).toBe(ticketId);
      await waitFor(() => rows.length > seen);
      expect(rows.slice(seen).map((r) => [r.id, r.awaitingApproval])).toEqual([[ticketId, true]]);
    });

    it('stays while a second reply still waits after the first is decided', async () => {
      const first = await heldReply('agent', 'Une équipe passe demain.');
      const second = await heldReply('agent', 'Ou après-demain.');
      expect((await approve('head', first.id)).status).toBe(200);
      expect(await listed('agent', ticketId)).toBe(true);
      expect(await detailed('agent', ticketId)).toBe(true);
      expect((await reject('head', second.id, { comment: 'Une date suffit.' })).status).toBe(200);
      expect(await listed('agent', ticketId)).toBe(false);
    });
  });
});
