import type { BusinessCalendarDto, ServiceMemberView, ServiceView, UserView } from '@guichet/shared';
import { DEFAULT_SERVICE_CALENDAR } from '../src/domain/sla';
import { Service } from '../src/services/service.entity';
import { api, login, makeTown, makeUser } from './factories';
import { startTestApp, type TestApp } from './test-app';

type ApiError = { message: string; details?: string[] };

const police = {
  name: 'Police municipale',
  description: 'Stationnement, tranquillité publique, objets trouvés',
  keywords: ['stationnement', ' bruit ', 'stationnement'],
  open311Listed: true,
  open311Group: 'Sécurité',
  assignmentMode: 'round_robin',
  maxOpenPerAgent: 5,
};

describe('Services managed by administrators', () => {
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

  const open311 = async () =>
    (
      await api<Array<{ service_code: string; group: string; keywords: string }>>(
        t,
        null,
        '/open311/v2/services.json',
      )
    ).body;

  it('creates and updates a service, its Open311 listing and its assignment settings', async () => {
    const created = await api<ServiceView>(t, admin, '/api/services', { method: 'POST', body: police });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      slug: 'police-municipale',
      name: 'Police municipale',
      keywords: ['stationnement', 'bruit'],
      open311Listed: true,
      open311Group: 'Sécurité',
      assignmentMode: 'round_robin',
      maxOpenPerAgent: 5,
      isTriage: false,
      canManage: true,
    });
    expect(await open311()).toContainEqual(
      expect.objectContaining({
        service_code: 'police-municipale',
        group: 'Sécurité',
        keywords: 'stationnement,bruit',
      }),
    );
    // A new service starts from the default hours.
    const calendar = await api<BusinessCalendarDto>(t, admin, `/api/services/${created.body.id}/calendar`);
    expect(calendar.body.hours.mon).toEqual(DEFAULT_SERVICE_CALENDAR.hours.mon);

    const updated = await api<ServiceView>(t, admin, `/api/services/${created.body.id}`, {
      method: 'PUT',
      body: {
        ...police,
        name: 'Police',
        slug: 'police',
        open311Listed: false,
        assignmentMode: 'manual',
        maxOpenPerAgent: null,
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      slug: 'police',
      name: 'Police',
      assignmentMode: 'manual',
      maxOpenPerAgent: null,
    });
    // Withdrawn from the public API and the contact form.
    expect((await open311()).map((s) => s.service_code)).not.toContain('police');
    expect((await api(t, null, '/open311/v2/services/police.json')).status).toBe(404);
    const audit: Array<{ action: string }> = await t.db.query(
      `SELECT action FROM audit_events WHERE target_type = 'service' ORDER BY created_at`,
    );
    expect(audit.map((a) => a.action)).toEqual(['service.created', 'service.updated']);
  });

  it('refuses bad input with 400 naming each field, and changes nothing', async () => {
    const bad = await api<ApiError>(t, admin, '/api/services', {
      method: 'POST',
      body: {
        ...police,
        name: ' ',
        keywords: 'stationnement',
        assignmentMode: 'random',
        maxOpenPerAgent: 0,
        colour: 'bleu',
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details?.map((d) => d.split(' ')[0]).sort()).toEqual(
      ['assignmentMode', 'keywords', 'keywords', 'maxOpenPerAgent', 'name', 'property'].sort(),
    );
    const taken = await api<ApiError>(t, admin, '/api/services', {
      method: 'POST',
      body: { ...police, slug: 'voirie' },
    });
    expect(taken.status).toBe(400);
    expect(taken.body.details).toEqual(['slug: already the code of « Voirie »']);
    const triage = await api<ApiError>(t, admin, `/api/services/${town.accueil.id}`, {
      method: 'PUT',
      body: { ...police, name: 'Accueil' },
    });
    expect(triage.body.details).toEqual(['open311Listed: the triage service is internal and never listed']);
    expect(await t.db.getRepository(Service).count()).toBe(3);
    expect((await t.db.getRepository(Service).findOneByOrFail({ id: town.accueil.id })).name).toBe('Accueil');
  });

  it('replaces the members with their role in the service; a head needs a service head account', async () => {
    const head = await makeUser(t.db, { role: 'service_head', displayName: 'Thierry' });
    const agent = await makeUser(t.db, { displayName: 'Julie', calendar: null });
    const elected = await makeUser(t.db, { role: 'elected' });
    const members = (body: unknown) =>
      api<ServiceMemberView[] & ApiError>(t, admin, `/api/services/${town.voirie.id}/members`, {
        method: 'PUT',
        body,
      });

    const refused = await members({
      members: [
        { userId: agent.id, role: 'service_head' },
        { userId: elected.id, role: 'agent' },
        { userId: '00000000-0000-4000-8000-000000000000', role: 'agent' },
        { userId: head.id, role: 'chef' },
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([
      'members.3.role must be one of the following values: agent, service_head',
    ]);
    const refusedAgain = await members({
      members: [
        { userId: agent.id, role: 'service_head' },
        { userId: elected.id, role: 'agent' },
        { userId: '00000000-0000-4000-8000-000000000000', role: 'agent' },
      ],
    });
    expect(refusedAgain.body.details).toEqual([
      'members[0].role: Julie has an agent account; only a service head account can head a service',
      'members[1].userId: elected officials belong to no service',
      'members[2].userId: unknown user',
    ]);

    const saved = await members({
      members: [
        { userId: head.id, role: 'service_head' },
        { userId: agent.id, role: 'agent' },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.map((m) => [m.displayName, m.role, m.accountRole, m.openTickets])).toEqual([
      ['Julie', 'agent', 'agent', 0],
      ['Thierry', 'service_head', 'service_head', 0],
    ]);

    // The head edits the service's hours; the agent reads the members but cannot.
    const headCookie = await login(t, head.email);
    const agentCookie = await login(t, agent.email);
    const hours = (await api<BusinessCalendarDto>(t, headCookie, `/api/services/${town.voirie.id}/calendar`))
      .body;
    expect(
      (await api(t, headCookie, `/api/services/${town.voirie.id}/calendar`, { method: 'PUT', body: hours }))
        .status,
    ).toBe(200);
    expect(
      (await api(t, agentCookie, `/api/services/${town.voirie.id}/calendar`, { method: 'PUT', body: hours }))
        .status,
    ).toBe(403);
    expect((await api(t, agentCookie, `/api/services/${town.voirie.id}/members`)).status).toBe(200);
    expect((await api(t, agentCookie, `/api/services/${town.proprete.id}/members`)).status).toBe(404);
    const views = (await api<ServiceView[]>(t, headCookie, '/api/services')).body;
    expect(views.find((s) => s.id === town.voirie.id)).toMatchObject({
      isMember: true,
      isHead: true,
      canEditCalendar: true,
      canManage: false,
    });

    // A service head account that is only an agent here does not head it.
    await members({ members: [{ userId: head.id, role: 'agent' }] });
    const demoted = await login(t, head.email);
    expect(
      (await api(t, demoted, `/api/services/${town.voirie.id}/calendar`, { method: 'PUT', body: hours }))
        .status,
    ).toBe(403);
    // Julie left: she no longer sees the service's tickets.
    expect((await api(t, agentCookie, `/api/services/${town.voirie.id}/members`)).status).toBe(404);
  });

  it('is for administrators only', async () => {
    const head = await login(
      t,
      (await makeUser(t.db, { role: 'service_head', services: [town.voirie] })).email,
    );
    expect((await api(t, head, '/api/services', { method: 'POST', body: police })).status).toBe(403);
    expect(
      (await api(t, head, `/api/services/${town.voirie.id}`, { method: 'PUT', body: police })).status,
    ).toBe(403);
    expect(
      (
        await api(t, head, `/api/services/${town.voirie.id}/members`, {
          method: 'PUT',
          body: { members: [] },
        })
      ).status,
    ).toBe(403);
    expect((await api(t, head, '/api/users')).status).toBe(403);
  });

  it('keeps a person’s own shift, edited by themselves or an administrator', async () => {
    const agent = await makeUser(t.db, { services: [town.voirie], displayName: 'Julie' });
    const other = await makeUser(t.db, { services: [town.voirie] });
    const cookie = await login(t, agent.email);
    const shift = {
      timeZone: 'Europe/Paris',
      hours: {
        mon: [],
        tue: [['13:00', '20:00']],
        wed: [],
        thu: [],
        fri: [],
        sat: [['09:00', '12:00']],
        sun: [],
      },
      holidays: [],
      frenchHolidays: 'metropole',
      closures: [],
    };
    const saved = await api<{ calendar: BusinessCalendarDto }>(t, cookie, `/api/users/${agent.id}/calendar`, {
      method: 'PUT',
      body: shift,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.calendar.hours.tue).toEqual([['13:00', '20:00']]);
    const bad = await api<ApiError>(t, cookie, `/api/users/${agent.id}/calendar`, {
      method: 'PUT',
      body: { ...shift, hours: { ...shift.hours, tue: [['20:00', '13:00']] } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details?.[0]).toMatch(/^hours\.tue\[0\]: /);
    expect(
      (await api(t, cookie, `/api/users/${other.id}/calendar`, { method: 'PUT', body: shift })).status,
    ).toBe(404);

    const users = (await api<UserView[]>(t, admin, '/api/users')).body;
    expect(users.find((u) => u.id === agent.id)?.hasOwnCalendar).toBe(true);
    const members = (await api<ServiceMemberView[]>(t, admin, `/api/services/${town.voirie.id}/members`))
      .body;
    expect(members.find((m) => m.userId === agent.id)?.hasOwnCalendar).toBe(true);

    expect((await api(t, admin, `/api/users/${agent.id}/calendar`, { method: 'DELETE' })).body).toEqual({
      calendar: null,
    });
    expect((await api(t, cookie, `/api/users/${agent.id}/calendar`)).body).toEqual({ calendar: null });
  });
});
