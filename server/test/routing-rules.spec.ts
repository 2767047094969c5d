import type { RoutingRuleTestResult, RoutingRuleView, RoutingSettings } from '@guichet/shared';
import { RoutingRuleRecord } from '../src/routing/routing-rule.entity';
import { api, login, makeTown, makeUser } from './factories';
import { startTestApp, type TestApp } from './test-app';

type ApiError = { message: string; details?: string[] };

describe('Routing rules API', () => {
  let t: TestApp;
  let admin: string;
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
    admin = await login(t, (await makeUser(t.db, { role: 'admin' })).email);
  });

  const rules = async () => (await api<RoutingRuleView[]>(t, admin, '/api/routing/rules')).body;
  const create = (body: unknown) =>
    api<RoutingRuleView & ApiError>(t, admin, '/api/routing/rules', { method: 'POST', body });

  it('creates, updates and deletes rules, kept in order, each change audited', async () => {
    const created = await create({
      name: '  Encombrants  ',
      conditions: { keywords: ['encombrant*', 'vieux matelas', 'vieux matelas'], platforms: ['facebook'] },
      actions: { serviceId: town.proprete.id, tags: ['collecte'], priority: 'high' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      position: 3,
      name: 'Encombrants',
      enabled: true,
      continue: false,
      // Normalised: trimmed, deduplicated.
      conditions: { keywords: ['encombrant*', 'vieux matelas'], platforms: ['facebook'] },
      actions: { serviceId: town.proprete.id, tags: ['collecte'], priority: 'high' },
    });
    const updated = await api<RoutingRuleView>(t, admin, `/api/routing/rules/${created.body.id}`, {
      method: 'PUT',
      body: {
        name: 'Encombrants',
        continue: true,
        enabled: false,
        conditions: { regex: { pattern: '\\bmatelas\\b' } },
        actions: { tags: ['collecte'] },
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      position: 3,
      continue: true,
      enabled: false,
      conditions: { regex: { pattern: '\\bmatelas\\b', ignoreCase: true } },
      actions: { tags: ['collecte'] },
    });
    expect((await rules()).map((r) => r.name)).toEqual(['Voirie', 'Propreté', 'Encombrants']);

    const first = (await rules())[0];
    expect((await api(t, admin, `/api/routing/rules/${first.id}`, { method: 'DELETE' })).status).toBe(204);
    // Positions stay 1..n.
    expect((await rules()).map((r) => [r.position, r.name])).toEqual([
      [1, 'Propreté'],
      [2, 'Encombrants'],
    ]);
    const actions: Array<{ action: string }> = await t.db.query(
      `SELECT action FROM audit_events WHERE target_type = 'routing_rule' ORDER BY created_at`,
    );
    expect(actions.map((a) => a.action)).toEqual([
      'routing_rule.created',
      'routing_rule.updated',
      'routing_rule.deleted',
    ]);
    expect((await api(t, admin, `/api/routing/rules/${first.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses a bad rule with 400 naming each field, and stores nothing', async () => {
    const before = await rules();
    const bad = await create({
      name: 'Mauvaise',
      conditions: { regex: { pattern: '(nid de poule' } },
      actions: { serviceId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([
      expect.stringMatching(/^conditions\.regex\.pattern: /),
      'actions.serviceId: unknown service',
    ]);

    const noCondition = await create({
      name: 'Vide',
      conditions: {},
      actions: { serviceId: town.voirie.id },
    });
    expect(noCondition.status).toBe(400);
    expect(noCondition.body.details).toEqual(['conditions: a rule needs at least one condition']);

    // Nested quantifiers could run for minutes on a crafted message: refused before saving.
    const catastrophic = await create({
      name: 'Lente',
      conditions: { regex: { pattern: '(a+)+$' }, keywords: ['x*', ''] },
      actions: { priority: 'extreme' },
      colour: 'rouge',
    });
    expect(catastrophic.status).toBe(400);
    expect(catastrophic.body.details?.map((d) => d.split(':')[0]).sort()).toEqual([
      'actions.priority',
      'colour',
      'conditions.keywords[0]',
      'conditions.keywords[1]',
      'conditions.regex.pattern',
    ]);
    expect(await rules()).toEqual(before);

    const missing = await api<ApiError>(t, admin, `/api/routing/rules/${before[0].id}`, {
      method: 'PUT',
      body: { name: '', conditions: { keywords: ['trottoir'] }, actions: {} },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([
      'name: must be a non-empty string',
      'actions: a rule needs at least one action (service, priority, tags or sensitive)',
    ]);
    expect(await rules()).toEqual(before);
  });

  it('reorders atomically: every rule once, or nothing moves', async () => {
    const a = (await create({ name: 'A', conditions: { keywords: ['a1'] }, actions: { tags: ['a'] } })).body;
    const [voirie, proprete] = await rules();
    const order = async (ruleIds: unknown) =>
      api<RoutingRuleView[] & ApiError>(t, admin, '/api/routing/rules/order', {
        method: 'PUT',
        body: { ruleIds },
      });

    const ok = await order([a.id, proprete.id, voirie.id]);
    expect(ok.status).toBe(200);
    expect(ok.body.map((r) => [r.position, r.name])).toEqual([
      [1, 'A'],
      [2, 'Propreté'],
      [3, 'Voirie'],
    ]);

    const unknown = '00000000-0000-4000-8000-000000000000';
    const bad = await order([a.id, a.id, unknown]);
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([
      'ruleIds[1]: listed twice',
      'ruleIds[2]: unknown rule',
      expect.stringMatching(/^ruleIds: must list every rule \(missing /),
    ]);
    expect((await order('A,B')).body.details).toEqual(['ruleIds: must be a list of rule ids']);
    expect((await rules()).map((r) => r.name)).toEqual(['A', 'Propreté', 'Voirie']);

    // Two reorders at once: each is all or nothing, and positions stay 1..n.
    const results = await Promise.all([
      order([voirie.id, proprete.id, a.id]),
      order([proprete.id, a.id, voirie.id]),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const positions = (await t.db.getRepository(RoutingRuleRecord).find()).map((r) => r.position).sort();
    expect(positions).toEqual([1, 2, 3]);
    expect([
      ['Voirie', 'Propreté', 'A'],
      ['Propreté', 'A', 'Voirie'],
    ]).toContainEqual((await rules()).map((r) => r.name));
  });

  it('tests a rule on a sample, condition by condition, before it is saved', async () => {
    const sample = {
      text: "Bonjour, il y a un NID-DE-POULE énorme devant l'école, c'est dangereux !",
      platform: 'facebook',
      kind: 'comment',
      contactTags: ['Presse'],
      receivedAt: '2026-03-10T09:00:00.000Z',
    };
    const res = await api<RoutingRuleTestResult>(t, admin, '/api/routing/rules/test', {
      method: 'POST',
      body: {
        rule: {
          name: 'Essai',
          conditions: {
            keywords: ['nid de poule', 'trou'],
            platforms: ['facebook', 'instagram'],
            contactTags: ['presse'],
            languages: ['fr'],
            staffedHours: 'inside',
          },
          actions: { serviceId: town.voirie.id },
        },
        sample,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.matched).toBe(true);
    expect(res.body.conditions).toEqual([
      { field: 'conditions.platforms', matched: true, detail: 'plateforme Facebook' },
      { field: 'conditions.contactTags', matched: true, detail: 'contact « Presse »' },
      { field: 'conditions.staffedHours', matched: true, detail: "pendant les heures d'ouverture" },
      { field: 'conditions.languages', matched: true, detail: 'langue : français' },
      { field: 'conditions.keywords', matched: true, detail: 'mot-clé « nid de poule »' },
    ]);
    // What the saved rules do with the same message today.
    expect(res.body.decision).toMatchObject({
      source: 'rule',
      serviceName: 'Voirie',
      matchedRules: [{ ruleName: 'Voirie' }],
    });

    const miss = await api<RoutingRuleTestResult>(t, admin, '/api/routing/rules/test', {
      method: 'POST',
      body: {
        rule: {
          name: 'Nuit',
          conditions: { staffedHours: 'outside', keywords: ['lampadaire'] },
          actions: { tags: ['nuit'] },
        },
        sample: { text: 'Le lampadaire clignote', receivedAt: '2026-03-10T09:00:00.000Z' },
      },
    });
    // Every condition is reported, even after the first that fails.
    expect(miss.body.matched).toBe(false);
    expect(miss.body.conditions.map((c) => [c.field, c.matched])).toEqual([
      ['conditions.staffedHours', false],
      ['conditions.keywords', true],
    ]);

    const bad = await api<ApiError>(t, admin, '/api/routing/rules/test', {
      method: 'POST',
      body: {
        rule: { name: 'Essai', conditions: { regex: { pattern: '[' } }, actions: { tags: ['x'] } },
        sample: { text: '', platform: 'fax', receivedAt: 'hier' },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details?.map((d) => d.split(':')[0])).toEqual([
      'rule.conditions.regex.pattern',
      'sample.text',
      'sample.platform',
      'sample.receivedAt',
    ]);
  });

  it('is for administrators only', async () => {
    const head = await login(
      t,
      (await makeUser(t.db, { role: 'service_head', services: [town.voirie] })).email,
    );
    expect((await api(t, head, '/api/routing/rules')).status).toBe(403);
    expect(
      (
        await api(t, head, '/api/routing/rules', {
          method: 'POST',
          body: { name: 'x', conditions: {}, actions: {} },
        })
      ).status,
    ).toBe(403);
    expect(
      (await api(t, head, '/api/routing/settings', { method: 'PUT', body: { confidenceThreshold: 0.6 } }))
        .status,
    ).toBe(403);
    expect((await api(t, null, '/api/routing/rules')).status).toBe(401);
  });

  it('keeps the confidence threshold (default 0.75) within 0.5–0.99', async () => {
    expect((await api<RoutingSettings>(t, admin, '/api/routing/settings')).body).toEqual({
      confidenceThreshold: 0.75,
    });
    const bad = await api<ApiError>(t, admin, '/api/routing/settings', {
      method: 'PUT',
      body: { confidenceThreshold: 1.5 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual(['confidenceThreshold must not be greater than 0.99']);
    const ok = await api<RoutingSettings>(t, admin, '/api/routing/settings', {
      method: 'PUT',
      body: { confidenceThreshold: 0.6 },
    });
    expect(ok.body).toEqual({ confidenceThreshold: 0.6 });
    expect((await api<RoutingSettings>(t, admin, '/api/routing/settings')).body).toEqual({
      confidenceThreshold: 0.6,
    });
  });
});
