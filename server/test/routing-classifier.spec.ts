import { join } from 'node:path';
import type { ClassifierStatus, TicketDetail } from '@guichet/shared';
import { Contact } from '../src/contacts/contact.entity';
import { loadCorpus } from '../src/demo/corpus';
import { seedDemoTown } from '../src/demo/seed-demo-town';
import { classify } from '../src/domain/classifier';
import { ClassifierExample } from '../src/routing/classifier-example.entity';
import { ClassifierService } from '../src/routing/classifier.service';
import { RoutingRuleRecord } from '../src/routing/routing-rule.entity';
import type { Service } from '../src/services/service.entity';
import { Ticket } from '../src/tickets/ticket.entity';
import {
  api,
  feedDelivery,
  login,
  makePageAccount,
  makeRule,
  makeTown,
  makeUser,
  postMetaWebhook,
} from './factories';
import { startTestApp, type TestApp } from './test-app';
import { waitFor } from './wait-for';

const corpus = loadCorpus(join(process.cwd()));
type ApiError = { details?: string[] };

/** The corpus's training split for the services of the town (slugs → ids), as the demo seed stores it. */
async function storeCorpus(t: TestApp, services: Service[]): Promise<number> {
  const bySlug = new Map(services.map((s) => [s.slug, s.id]));
  const rows = corpus.flatMap((m) => {
    const serviceId = bySlug.get(m.service);
    return m.split === 'train' && serviceId ? [{ text: m.text, serviceId, source: 'corpus' }] : [];
  });
  await t.db.getRepository(ClassifierExample).insert(rows);
  return rows.length;
}

describe('Routing at ingestion, the stored classifier, and re-routes as labels', () => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  let town: Awaited<ReturnType<typeof makeTown>>;
  let corpusSize: number;
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
    admin = await login(t, (await makeUser(t.db, { role: 'admin' })).email);
    agent = await login(
      t,
      (await makeUser(t.db, { services: [town.accueil, town.voirie, town.proprete] })).email,
    );
    corpusSize = await storeCorpus(t, [town.accueil, town.voirie, town.proprete]);
  });

  const train = () => api<ClassifierStatus>(t, admin, '/api/routing/classifier/train', { method: 'POST' });
  const status = async () => (await api<ClassifierStatus>(t, admin, '/api/routing/classifier')).body;
  const ticketOf = async (commentId: string) => {
    const row: Array<{ ticket_id: string }> = await t.db.query(
      'SELECT ticket_id FROM messages WHERE platform_message_id = $1',
      [commentId],
    );
    return (await api<TicketDetail>(t, agent, `/api/tickets/${row[0].ticket_id}`)).body;
  };

  it('routes by rule, by classifier, or leaves the ticket in triage, and stores each decision', async () => {
    const trained = await train();
    expect(trained.status).toBe(200);
    expect(trained.body).toMatchObject({
      trained: true,
      trigger: 'admin',
      trainingExamples: corpusSize,
      services: 3,
    });
    expect(trained.body.metrics?.macroF1).toBeGreaterThan(0.8);

    const res = await postMetaWebhook(
      t,
      feedDelivery([
        { commentId: '8100_1', message: 'Un gros nid de poule rue Victor Hugo' },
        {
          commentId: '8100_2',
          message: "Le camion de collecte n'est pas passé ce matin dans notre rue, les bacs débordent",
        },
        { commentId: '8100_3', message: "Est-ce que quelqu'un peut me rappeler ?" },
      ]),
    );
    expect(res.status).toBe(200);

    const byRule = await ticketOf('8100_1');
    expect(byRule.service.name).toBe('Voirie');
    expect(byRule.routing).toMatchObject({
      source: 'rule',
      serviceName: 'Voirie',
      matchedRules: [
        {
          ruleName: 'Voirie',
          conditions: [{ field: 'conditions.keywords', matched: true, detail: 'mot-clé « nid de poule »' }],
        },
      ],
      suggestions: null,
    });
    expect(byRule.routingExplanation).toBe('règle « Voirie » (mot-clé « nid de poule ») → Voirie');

    const byClassifier = await ticketOf('8100_2');
    expect(byClassifier.service.name).toBe('Propreté');
    expect(byClassifier.routing?.source).toBe('classifier');
    expect(byClassifier.routing?.threshold).toBe(0.75);
    expect(byClassifier.routing?.suggestions).toHaveLength(3);
    expect(byClassifier.routing?.suggestions?.[0]).toMatchObject({ serviceName: 'Propreté' });
    expect(byClassifier.routing?.suggestions?.[0].probability).toBeGreaterThanOrEqual(0.75);
    expect(byClassifier.routingExplanation).toMatch(
      /^classifieur : Propreté 1,00, .* \(seuil 0,75\) → Propreté$/,
    );

    const triaged = await ticketOf('8100_3');
    expect(triaged.service.name).toBe('Accueil');
    expect(triaged.routing?.source).toBe('triage');
    const suggestions = triaged.routing?.suggestions ?? [];
    expect(suggestions.map((s) => s.serviceName).sort()).toEqual(['Accueil', 'Propreté', 'Voirie']);
    expect(suggestions[0].probability).toBeLessThan(0.75);
    expect(suggestions.reduce((sum, s) => sum + s.probability, 0)).toBeCloseTo(1, 6);
    expect(triaged.routingExplanation).toMatch(
      /^classifieur incertain : .* \(seuil 0,75\) → reste en Accueil$/,
    );

    // A lower threshold, set by an administrator, lets the same doubt route.
    await api(t, admin, '/api/routing/settings', { method: 'PUT', body: { confidenceThreshold: 0.55 } });
    await postMetaWebhook(
      t,
      feedDelivery([{ commentId: '8100_4', message: "Est-ce que quelqu'un peut me rappeler ?" }]),
    );
    expect((await ticketOf('8100_4')).routing).toMatchObject({ source: 'classifier', threshold: 0.55 });
  });

  it('applies every matching rule that continues: priority, tags, and sensitive for tagged contacts', async () => {
    const press = await makeRule(t.db, {
      name: 'Presse',
      continues: true,
      conditions: { contactTags: ['presse'] },
      actions: { sensitive: true, tags: ['presse'] },
    });
    const urgent = await makeRule(t.db, {
      name: 'Danger',
      continues: true,
      conditions: { keywords: ['danger*'] },
      actions: { priority: 'urgent', tags: ['urgence'] },
    });
    // Both before the keyword rules, which stop the evaluation once they choose a service.
    const keywords = (
      await t.db.getRepository(RoutingRuleRecord).find({ order: { position: 'ASC' } })
    ).filter((r) => r.id !== press.id && r.id !== urgent.id);
    await api(t, admin, '/api/routing/rules/order', {
      method: 'PUT',
      body: { ruleIds: [urgent.id, press.id, ...keywords.map((r) => r.id)] },
    });
    await t.db.getRepository(Contact).save({
      platform: 'facebook',
      platformUserId: '4242',
      displayName: 'Journaliste',
      tags: ['Presse'],
    });
    await postMetaWebhook(
      t,
      feedDelivery([
        {
          commentId: '8200_1',
          from: { id: '4242', name: 'Journaliste' },
          message: 'Nid de poule dangereux avenue Foch',
        },
        { commentId: '8200_2', message: 'Nid de poule avenue Foch' },
      ]),
    );
    const fromPress = await ticketOf('8200_1');
    expect(fromPress).toMatchObject({
      priority: 'urgent',
      tags: ['urgence', 'presse'],
      sensitive: true,
      service: { name: 'Voirie' },
    });
    expect(fromPress.routing?.matchedRules.map((m) => m.ruleName)).toEqual(['Danger', 'Presse', 'Voirie']);
    expect(fromPress.routingExplanation).toBe(
      'règle « Danger » (mot-clé « danger* ») ; règle « Presse » (contact « Presse ») ; règle « Voirie » (mot-clé « nid de poule ») → Voirie',
    );
    expect(await ticketOf('8200_2')).toMatchObject({ priority: 'normal', tags: [], sensitive: false });
  });

  it('learns from a re-route at once (an agent’s move is a label) and from re-routed tickets at the next training', async () => {
    await train();
    const text = "Est-ce que quelqu'un peut me rappeler ?";
    await postMetaWebhook(t, feedDelivery([{ commentId: '8300_1', message: text }]));
    const ticket = await ticketOf('8300_1');
    expect(ticket.routing?.source).toBe('triage');
    const classifier = t.app.get(ClassifierService);
    const voirieBefore = await probability(classifier, text, town.voirie.id);

    const noReason = await api<ApiError>(t, agent, `/api/tickets/${ticket.id}`, {
      method: 'PATCH',
      body: { serviceId: town.voirie.id },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details).toEqual(['reason: say why the ticket moves to another service']);
    expect(await t.db.getRepository(Ticket).findOneByOrFail({ id: ticket.id })).toMatchObject({
      serviceId: town.accueil.id,
    });

    const moved = await api<TicketDetail>(t, agent, `/api/tickets/${ticket.id}`, {
      method: 'PATCH',
      body: { serviceId: town.voirie.id, reason: 'Le citoyen signale une chaussée abîmée par téléphone' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.service.name).toBe('Voirie');
    expect(moved.body.reroutes).toHaveLength(1);
    expect(moved.body.reroutes[0]).toMatchObject({
      fromServiceName: 'Accueil',
      toServiceName: 'Voirie',
      reason: 'Le citoyen signale une chaussée abîmée par téléphone',
    });
    expect(moved.body.reroutes[0].by?.displayName).toMatch(/^Agent /);
    // The original decision stays as it was made.
    expect(moved.body.routing?.source).toBe('triage');
    const audit: Array<{ details: Record<string, unknown> }> = await t.db.query(
      `SELECT details FROM audit_events WHERE action = 'ticket.rerouted' AND target_id = $1`,
      [ticket.id],
    );
    expect(audit[0].details).toEqual({
      from: town.accueil.id,
      to: town.voirie.id,
      reason: 'Le citoyen signale une chaussée abîmée par téléphone',
    });

    // Learnt at once, by the stored model every instance reads.
    expect((await status()).learnedSince).toBe(1);
    expect(await probability(classifier, text, town.voirie.id)).toBeGreaterThan(voirieBefore);
    // And the ticket is an example of the next full training.
    expect((await train()).body).toMatchObject({ trainingExamples: corpusSize + 1, learnedSince: 0 });
  });

  it('refuses to train on fewer than two services (409), and routes to triage until a model exists', async () => {
    await t.db.query('DELETE FROM classifier_examples');
    const res = await train();
    expect(res.status).toBe(409);
    expect((await status()).trained).toBe(false);
    await postMetaWebhook(t, feedDelivery([{ commentId: '8400_1', message: 'Bonjour, une question' }]));
    const ticket = await ticketOf('8400_1');
    expect(ticket.routing).toMatchObject({ source: 'triage', suggestions: null });
    expect(ticket.routingExplanation).toContain("le classifieur n'est pas encore entraîné");
  });

  it('seeds the demo town with rules and a classifier trained on the corpus (cold start)', async () => {
    await t.reset();
    await seedDemoTown(t.app, corpus, { passwordHashCost: 4, now: new Date('2026-03-20T10:00:00Z') });
    const classifier = await t.app.get(ClassifierService).status();
    const demoSlugs = new Set(['accueil', 'voirie', 'proprete', 'espaces-verts', 'etat-civil']);
    expect(classifier).toMatchObject({
      trained: true,
      trigger: 'seed',
      services: 5,
      trainingExamples: corpus.filter((m) => m.split === 'train' && demoSlugs.has(m.service)).length,
    });
    const tickets: Array<{ slug: string; source: string; corpus_id: string }> = await t.db.query(
      `SELECT s.slug, t.routing->>'source' AS source, m.raw->>'corpusId' AS corpus_id
         FROM tickets t JOIN services s ON s.id = t.service_id
         JOIN messages m ON m.ticket_id = t.id AND m.direction = 'inbound'`,
    );
    expect(tickets).toHaveLength(42);
    const labels = new Map(corpus.map((m) => [m.id, m.service]));
    const routed = tickets.filter((r) => r.source === 'classifier');
    // Held-back messages: most are routed without an agent, and those are right.
    expect(routed.length).toBeGreaterThanOrEqual(25);
    const right = routed.filter((r) => labels.get(r.corpus_id) === r.slug).length;
    expect(right / routed.length).toBeGreaterThanOrEqual(0.9);
    expect(tickets.every((r) => ['rule', 'classifier', 'triage'].includes(r.source))).toBe(true);
    expect(await t.db.getRepository(RoutingRuleRecord).count()).toBe(4);
  });
  // Last: a second instance registers its own login strategy in passport (global), which stops
  // working for the first instance once the second is closed.
  it('trains at start when no model is stored, and again when the schedule says so', async () => {
    const second = await startTestApp({}, { sharedDatabaseUrl: t.databaseUrl });
    try {
      const classifier = second.app.get(ClassifierService);
      await waitFor(async () => (await classifier.status()).trained, 15_000);
      const first = await classifier.status();
      expect(first).toMatchObject({ trigger: 'startup', trainingExamples: corpusSize });
      const trainedAt = new Date(first.trainedAt as string);
      expect(await classifier.trainIfDue('schedule', new Date(trainedAt.getTime() + 3_600_000))).toBe(false);
      expect(await classifier.trainIfDue('schedule', new Date(trainedAt.getTime() + 25 * 3_600_000))).toBe(
        true,
      );
      expect(await classifier.status()).toMatchObject({ trigger: 'schedule' });
    } finally {
      await second.close({ keepDatabase: true });
    }
  });
});

/** The stored model's probability for a service, as the router would read it now. */
async function probability(classifier: ClassifierService, text: string, serviceId: string): Promise<number> {
  const current = await classifier.current();
  if (!current) throw new Error('no model');
  return (
    classify(current.model, text, { top: Infinity }).find((p) => p.serviceId === serviceId)?.probability ?? 0
  );
}
