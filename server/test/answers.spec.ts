import type {
  AnswerDetail,
  AnswerSuggestions,
  AnswerSummary,
  CreateAnswerRequest,
  MessageView,
  Page,
  TicketDetail,
} from '@guichet/shared';
import { parseTemplate } from '@guichet/shared';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { AnswerVersion } from '../src/answers/answer-version.entity';
import { loadCorpus } from '../src/demo/corpus';
import { DEMO_PASSWORD, DEMO_SERVICES } from '../src/demo/demo-town';
import { seedDemoTown } from '../src/demo/seed-demo-town';
import type { Service } from '../src/services/service.entity';
import { Answer } from '../src/answers/answer.entity';
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
import { startTestApp, type TestApp } from './test-app';

type ErrorBody = { message: string; details?: string[] };

describe('Validated answers', () => {
  let t: TestApp;
  let town: { accueil: Service; voirie: Service; proprete: Service };
  let agent: string; // agent of Propreté
  let head: string; // head of Propreté
  let otherAgent: string; // agent of Voirie only
  let otherHead: string; // head of Voirie only
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    town = await makeTown(t.db);
    const users = await Promise.all([
      makeUser(t.db, { services: [town.proprete], displayName: 'Julie Martin' }),
      makeUser(t.db, { role: 'service_head', services: [town.proprete], displayName: 'Thierry Lambert' }),
      makeUser(t.db, { services: [town.voirie] }),
      makeUser(t.db, { role: 'service_head', services: [town.voirie] }),
      makeUser(t.db, { role: 'admin' }),
    ]);
    [agent, head, otherAgent, otherHead, admin] = await Promise.all(users.map((u) => login(t, u.email)));
  });

  const create = (cookie: string, overrides: Partial<CreateAnswerRequest> = {}) =>
    api<AnswerDetail & ErrorBody>(t, cookie, '/api/answers', {
      method: 'POST',
      body: {
        serviceId: town.proprete.id,
        title: 'Bac non collecté',
        body: 'Bonjour {prenom}, le prestataire repassera le {date_passage} pour vider votre poubelle.',
        tags: ['Collecte', ' poubelle ', 'collecte'],
        suitableFor: 'both',
        ...overrides,
      },
    });
  const edit = (cookie: string, id: string, body: Record<string, unknown>) =>
    api<AnswerDetail & ErrorBody>(t, cookie, `/api/answers/${id}`, { method: 'PATCH', body });
  const validate = (cookie: string, id: string, version?: number) =>
    api<AnswerDetail & ErrorBody>(t, cookie, `/api/answers/${id}/validate`, {
      method: 'POST',
      body: version === undefined ? {} : { version },
    });
  const search = (cookie: string, query: string) =>
    api<Page<AnswerSummary>>(t, cookie, `/api/answers?${query}`);
  /** An answer of Propreté proposed by the agent and validated by the head. */
  const validated = async (overrides: Partial<CreateAnswerRequest> = {}) => {
    const created = await create(agent, overrides);
    expect(created.status).toBe(201);
    const res = await validate(head, created.body.id);
    expect(res.status).toBe(200);
    return res.body;
  };

  describe('drafts and validation', () => {
    it('lets an agent propose a draft and the head validate it, recording who validated what and when', async () => {
      const created = await create(agent);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        status: 'draft',
        title: 'Bac non collecté',
        tags: ['collecte', 'poubelle'],
        publishedVersion: null,
        draftVersion: 1,
        usageCount: 0,
        canValidate: false,
        service: { id: town.proprete.id },
      });
      expect(created.body.versions).toMatchObject([
        { version: 1, state: 'draft', author: { displayName: 'Julie Martin' }, validatedBy: null },
      ]);

      const refused = await validate(agent, created.body.id);
      expect(refused.status).toBe(403);

      const before = Date.now();
      const res = await validate(head, created.body.id, 1);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'validated', publishedVersion: 1, draftVersion: null });
      const [v1] = res.body.versions;
      expect(v1).toMatchObject({
        version: 1,
        state: 'validated',
        body: 'Bonjour {prenom}, le prestataire repassera le {date_passage} pour vider votre poubelle.',
        validatedBy: { displayName: 'Thierry Lambert' },
      });
      expect(Date.parse(v1.validatedAt as string)).toBeGreaterThanOrEqual(before - 1000);
      expect(
        await t.db
          .getRepository(AuditEvent)
          .countBy({ action: 'answer.validated', targetId: created.body.id }),
      ).toBe(1);
    });

    it('hides another service’s answers (404 on read, edit, validate and archive) and leaves them out of lists', async () => {
      const { id } = (await create(agent)).body;
      for (const cookie of [otherAgent, otherHead]) {
        expect((await api(t, cookie, `/api/answers/${id}`)).status).toBe(404);
        expect((await edit(cookie, id, { title: 'Piraté' })).status).toBe(404);
        expect((await validate(cookie, id)).status).toBe(404);
        expect((await api(t, cookie, `/api/answers/${id}/archive`, { method: 'POST' })).status).toBe(404);
        expect((await search(cookie, '')).body.total).toBe(0);
      }
      expect((await api(t, agent, '/api/answers/not-a-uuid')).status).toBe(404);
      // Creating in a service one does not belong to names the field.
      const foreign = await create(otherAgent);
      expect(foreign.status).toBe(400);
      expect(foreign.body.details?.join(' ')).toMatch(/^serviceId/);
      // The admin sees and validates every service's answers.
      expect((await validate(admin, id)).body.status).toBe('validated');
    });

    it('lets only the head archive and restore an answer; an archived answer is not edited', async () => {
      const answer = await validated();
      const archive = (cookie: string) =>
        api<AnswerDetail>(t, cookie, `/api/answers/${answer.id}/archive`, { method: 'POST' });
      expect((await archive(agent)).status).toBe(403);
      expect((await archive(head)).body.status).toBe('archived');
      expect((await edit(agent, answer.id, { title: 'Autre titre' })).status).toBe(409);
      const restored = await api<AnswerDetail>(t, head, `/api/answers/${answer.id}/restore`, {
        method: 'POST',
      });
      expect(restored.body.status).toBe('validated');
    });

    it('refuses elected officials', async () => {
      const elected = await makeUser(t.db, { role: 'elected' });
      expect((await api(t, await login(t, elected.email), '/api/answers')).status).toBe(403);
    });
  });

  describe('input checks', () => {
    it.each([
      ['body', { body: 'Bonjour {Prénom}, merci.' }, /^body: .*\{Prénom\}/],
      ['body', { body: 'Bonjour {prenom, merci.' }, /^body: accolade « \{ » non fermée \(caractère 9\)/],
      ['body', { body: 'Bonjour prenom}, merci.' }, /^body: accolade « \} »/],
      ['body', { body: 'Rendez-vous le {date rdv}.' }, /^body: /],
      ['body', { body: 'Bonjour {{prenom}}' }, /^body: /],
      ['body', { body: '   ' }, /^body/],
      ['title', { title: '' }, /^title/],
      ['title', { title: 'x'.repeat(161) }, /^title/],
      ['suitableFor', { suitableFor: 'everywhere' as 'both' }, /^suitableFor/],
      ['tags', { tags: ['x'.repeat(41)] }, /tags/],
    ])('refuses a bad %s with 400 naming it (%j)', async (_field, overrides, pattern) => {
      const res = await create(agent, overrides);
      expect(res.status).toBe(400);
      expect(res.body.details?.some((d) => pattern.test(d))).toBe(true);
    });

    it('checks an edited body the same way', async () => {
      const { id } = (await create(agent)).body;
      const res = await edit(agent, id, { body: 'Bonjour {prenom' });
      expect(res.status).toBe(400);
      expect(res.body.details?.[0]).toMatch(/^body: /);
    });
  });

  describe('versions', () => {
    it('keeps the validated version in use while an edit waits for validation, then publishes it', async () => {
      const answer = await validated();
      const v2Body = 'Bonjour {prenom}, le camion repasse le {date_passage}. Sortez le bac la veille.';
      const edited = await edit(agent, answer.id, { body: v2Body });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({
        status: 'validated',
        publishedVersion: 1,
        draftVersion: 2,
        body: answer.body,
      });
      expect(edited.body.versions.map((v) => [v.version, v.state])).toEqual([
        [2, 'draft'],
        [1, 'validated'],
      ]);
      // Editing the pending draft again changes it in place: still two versions.
      const again = await edit(head, answer.id, { body: `${v2Body} Merci !` });
      expect(again.body.versions).toHaveLength(2);
      expect(again.body.versions[0]).toMatchObject({ version: 2, body: `${v2Body} Merci !` });
      // Search and the composer still get version 1.
      const found = await search(agent, 'status=validated&q=camion');
      expect(found.body.total).toBe(0);
      // The head validates what was read; a stale version number is refused.
      expect((await validate(head, answer.id, 1)).status).toBe(409);
      const published = await validate(head, answer.id, 2);
      expect(published.body).toMatchObject({
        publishedVersion: 2,
        draftVersion: null,
        body: `${v2Body} Merci !`,
      });
      expect(published.body.versions.map((v) => [v.version, v.state, v.validatedBy?.displayName])).toEqual([
        [2, 'validated', 'Thierry Lambert'],
        [1, 'validated', 'Thierry Lambert'],
      ]);
      expect((await search(agent, 'q=camion')).body.items.map((a) => a.id)).toEqual([answer.id]);
      // Nothing left to validate.
      expect((await validate(head, answer.id)).status).toBe(409);
    });

    it('does not open a version for an edit that changes nothing', async () => {
      const answer = await validated();
      const res = await edit(agent, answer.id, { title: answer.title, tags: answer.tags });
      expect(res.body.draftVersion).toBeNull();
      expect(res.body.versions).toHaveLength(1);
    });
  });

  describe('search', () => {
    beforeEach(async () => {
      await validated({
        title: 'Poubelle non ramassée',
        tags: ['collecte'],
        body: 'Bonjour {prenom}, nous relançons le prestataire.',
      });
      await validated({
        title: 'Élagage des arbres',
        tags: ['espaces verts'],
        body: 'Les arbres sont taillés en hiver.',
      });
      await validated({
        title: 'Horaires de la déchetterie',
        tags: ['déchetterie'],
        body: 'Ouverte du mardi au samedi.',
      });
      await create(agent, {
        title: 'Encombrants sur le trottoir',
        tags: ['dépôt sauvage'],
        body: 'Un agent passera.',
      });
    });
    const titles = async (query: string) => (await search(agent, query)).body.items.map((a) => a.title);

    it('finds stems, accents or not, by title, tag and text', async () => {
      expect(await titles('q=poubelles')).toEqual(['Poubelle non ramassée']);
      expect(await titles('q=ramassées')).toEqual(['Poubelle non ramassée']);
      expect(await titles('q=elagage')).toEqual(['Élagage des arbres']);
      expect(await titles('q=ÉLAGAGE')).toEqual(['Élagage des arbres']);
      expect(await titles('q=dechetterie')).toEqual(['Horaires de la déchetterie']);
      expect(await titles('q=taillé')).toEqual(['Élagage des arbres']);
      // By tag words, and while typing (a prefix).
      expect(await titles('q=collecte')).toEqual(['Poubelle non ramassée']);
      expect(await titles('q=élag')).toEqual(['Élagage des arbres']);
      // Every word must match.
      expect(await titles('q=poubelle arbres')).toEqual([]);
      // Placeholders are not text.
      expect(await titles('q=prenom')).toEqual([]);
    });

    it('filters by status, tag and service, and ignores a query without words', async () => {
      expect(await titles('status=draft')).toEqual(['Encombrants sur le trottoir']);
      expect(await titles('tag=D%C3%A9p%C3%B4t%20sauvage')).toEqual(['Encombrants sur le trottoir']);
      expect(await titles(`serviceId=${town.voirie.id}`)).toEqual([]);
      expect((await search(agent, 'q=%3F%3F')).body.total).toBe(4);
      const tags = await api<string[]>(t, agent, '/api/answers/tags');
      expect(tags.body.sort()).toEqual(['collecte', 'déchetterie', 'dépôt sauvage', 'espaces verts']);
    });
  });

  describe('in replies', () => {
    let ticketId: string;
    beforeEach(async () => {
      await makePageAccount(t);
      await makeSlaPolicy(t.db);
      await postMetaWebhook(
        t,
        feedDelivery([
          {
            commentId: '9300_1',
            message: 'Bonjour, ma poubelle n’a pas été ramassée depuis deux semaines rue des Lilas, merci',
            from: { id: '7301', name: 'Marie Dupont' },
          },
        ]),
      );
      const ticket = await t.db.getRepository(Ticket).findOneOrFail({ where: {} });
      expect(ticket.serviceId).toBe(town.proprete.id);
      ticketId = ticket.id;
    });
    const reply = (body: Record<string, unknown>) =>
      api<MessageView & ErrorBody>(t, agent, `/api/tickets/${ticketId}/replies`, { method: 'POST', body });

    it('suggests the service’s validated answers that fit the citizen’s text and the public reply', async () => {
      const poubelle = await validated({
        title: 'Bac non collecté',
        tags: ['collecte'],
        body: 'Bonjour {prenom}, votre poubelle sera ramassée le {date_passage}. Merci de votre patience.',
      });
      await validated({
        title: 'Horaires de la déchetterie',
        tags: [],
        body: 'Bonjour {prenom}, merci. Ouverte le samedi.',
      });
      await validated({
        title: 'Rendez-vous',
        body: 'Bonjour {prenom}, merci, rue des Lilas, votre poubelle.',
        suitableFor: 'private',
      });
      await create(agent, { title: 'Brouillon poubelle', body: 'Poubelle ramassée demain.' });
      const other = await create(otherAgent, {
        serviceId: town.voirie.id,
        title: 'Poubelle de rue',
        body: 'Poubelle ramassée',
      });
      await validate(otherHead, other.body.id);

      const res = await api<AnswerSuggestions>(t, agent, `/api/tickets/${ticketId}/answer-suggestions`);
      expect(res.status).toBe(200);
      expect(res.body.audience).toBe('public');
      // Not the draft, not Voirie's, not the private-only one; courtesy words alone suggest nothing.
      expect(res.body.items.map((a) => a.title)).toEqual([poubelle.title]);
      expect(res.body.items[0].rank).toBeGreaterThan(0);
      // Scoped like the ticket.
      expect((await api(t, otherAgent, `/api/tickets/${ticketId}/answer-suggestions`)).status).toBe(404);
    });

    it('records the answer and version on the reply, whether it was edited, and counts the use', async () => {
      const answer = await validated({
        body: 'Bonjour {prenom}, votre poubelle sera ramassée le {date_passage}.',
      });
      const res = await reply({
        body: 'Bonjour Marie, votre poubelle sera ramassée le mardi 12 mai.',
        answerId: answer.id,
        answerVersion: 1,
      });
      expect(res.status).toBe(201);
      expect(res.body.answer).toEqual({
        id: answer.id,
        title: 'Bac non collecté',
        version: 1,
        edited: false,
      });
      const stored = await t.db.getRepository(Message).findOneByOrFail({ id: res.body.id });
      expect(stored).toMatchObject({ answerId: answer.id, answerVersion: 1, answerEdited: false });
      expect(t.graph.comments.map((c) => c.message)).toEqual([
        'Bonjour Marie, votre poubelle sera ramassée le mardi 12 mai.',
      ]);

      // A new version validated since: the reply still names the version it came from.
      await edit(agent, answer.id, { title: 'Collecte oubliée' });
      await validate(head, answer.id);
      const changed = await reply({
        body: 'Bonjour Marie, votre poubelle grise sera ramassée le mardi 12 mai.',
        answerId: answer.id,
        answerVersion: 2,
      });
      expect(changed.body.answer).toMatchObject({ title: 'Collecte oubliée', version: 2, edited: true });
      const usage = await t.db.getRepository(Answer).findOneByOrFail({ id: answer.id });
      expect(usage.usageCount).toBe(2);
      expect(usage.lastUsedAt).not.toBeNull();

      const detail = await api<TicketDetail>(t, agent, `/api/tickets/${ticketId}`);
      expect(detail.body.messages.map((m) => m.answer && [m.answer.version, m.answer.edited])).toEqual([
        null,
        [1, false],
        [2, true],
      ]);
    });

    it('refuses an unfilled placeholder, an unsuited, unknown or draft answer, storing nothing', async () => {
      const answer = await validated({ body: 'Bonjour {prenom}, passage le {date_passage}.' });
      const unfilled = await reply({
        body: 'Bonjour Marie, passage le {date_passage}.',
        answerId: answer.id,
        answerVersion: 1,
      });
      expect(unfilled.status).toBe(400);
      expect(unfilled.body.details).toEqual(['body: complete the placeholders {date_passage}']);

      const privateOnly = await validated({
        body: 'Votre rendez-vous est confirmé.',
        suitableFor: 'private',
      });
      const unsuited = await reply({
        body: 'Votre rendez-vous est confirmé.',
        answerId: privateOnly.id,
        answerVersion: 1,
      });
      expect(unsuited.status).toBe(422);

      const other = await create(otherAgent, { serviceId: town.voirie.id, body: 'Texte.' });
      await validate(otherHead, other.body.id);
      const foreign = await reply({ body: 'Texte.', answerId: other.body.id, answerVersion: 1 });
      expect(foreign.status).toBe(400);
      expect(foreign.body.details?.[0]).toMatch(/^answerId/);

      const draft = await create(agent, { body: 'Texte.' });
      const notValidated = await reply({ body: 'Texte.', answerId: draft.body.id, answerVersion: 1 });
      expect(notValidated.status).toBe(400);
      expect(notValidated.body.details?.[0]).toMatch(/^answerVersion/);

      const half = await reply({ body: 'Texte.', answerId: answer.id });
      expect(half.status).toBe(400);

      expect(await t.db.getRepository(Message).countBy({ direction: 'outbound' })).toBe(0);
      expect((await t.db.getRepository(Answer).findOneByOrFail({ id: answer.id })).usageCount).toBe(0);
      expect(t.graph.comments).toEqual([]);
    });
  });

  describe('internal notes', () => {
    it('are shown to agents in the thread but never sent, queued or counted as a reply', async () => {
      await makePageAccount(t);
      await makeSlaPolicy(t.db);
      await postMetaWebhook(
        t,
        feedDelivery([{ commentId: '9400_1', message: 'Poubelle renversée rue Haute' }]),
      );
      const ticket = await t.db.getRepository(Ticket).findOneOrFail({ where: {} });
      const res = await api<MessageView>(t, agent, `/api/tickets/${ticket.id}/notes`, {
        method: 'POST',
        body: { body: '  Vu avec le prestataire : passage jeudi.  ' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        direction: 'internal',
        body: 'Vu avec le prestataire : passage jeudi.',
        deliveryStatus: 'received',
        platformMessageId: null,
        author: { kind: 'user', displayName: 'Julie Martin' },
      });
      // Give the outbox worker every chance to pick it up, then check nothing reached the platform.
      await new Promise((r) => setTimeout(r, 600));
      expect(t.graph.comments).toEqual([]);
      const stored = await t.db.getRepository(Message).findOneByOrFail({ id: res.body.id });
      expect(stored).toMatchObject({ deliveryStatus: 'received', sendAttempts: 0, channelAccountId: null });
      const after = await t.db.getRepository(Ticket).findOneByOrFail({ id: ticket.id });
      expect(after.firstRespondedAt).toBeNull();
      expect(after.slaDueAt).toEqual(ticket.slaDueAt);

      const detail = await api<TicketDetail>(t, agent, `/api/tickets/${ticket.id}`);
      expect(detail.body.messages.map((m) => m.direction)).toEqual(['inbound', 'internal']);
      expect(
        (await api(t, otherAgent, `/api/tickets/${ticket.id}/notes`, { method: 'POST', body: { body: 'x' } }))
          .status,
      ).toBe(404);
      const empty = await api<ErrorBody>(t, agent, `/api/tickets/${ticket.id}/notes`, {
        method: 'POST',
        body: { body: ' ' },
      });
      expect(empty.status).toBe(400);
    });
  });

  describe('in the demo town', () => {
    it('seeds French answers for every service: validated ones with history, drafts, one pending version', async () => {
      await t.reset();
      await seedDemoTown(t.app, loadCorpus(process.cwd()), { passwordHashCost: 4, messages: 6 });
      const answers = await t.db.getRepository(Answer).find({ relations: { service: true } });
      const bySlug = (slug: string) => answers.filter((a) => a.service.slug === slug);
      for (const s of DEMO_SERVICES) expect(bySlug(s.slug).some((a) => a.status === 'validated')).toBe(true);
      expect(answers.filter((a) => a.status === 'draft').length).toBeGreaterThanOrEqual(2);
      expect(answers.some((a) => a.status === 'validated' && a.draftVersion !== null)).toBe(true);
      expect(
        await t.db.getRepository(AnswerVersion).countBy({ version: 3, state: 'validated' }),
      ).toBeGreaterThan(0);
      const versions = await t.db.getRepository(AnswerVersion).find();
      expect(versions.filter((v) => !parseTemplate(v.body).ok)).toEqual([]);
      // The head of Voirie and Propreté finds those services' answers by search.
      const head = await login(t, 'chef.voirie@valbrune.example', DEMO_PASSWORD);
      const found = await search(head, 'q=poubelle');
      expect(found.body.items.map((a) => a.title)).toContain('Bac non collecté');
      expect(found.body.items.every((a) => ['voirie', 'proprete'].includes(a.service.slug))).toBe(true);
    });
  });
});
