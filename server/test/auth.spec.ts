import type { Me, TicketSummary, Page } from '@guichet/shared';
import { AuditEvent } from '../src/audit/audit-event.entity';
import {
  api,
  feedDelivery,
  login,
  makePageAccount,
  makeTown,
  makeUser,
  PASSWORD,
  postMetaWebhook,
} from './factories';
import { startTestApp, type TestApp } from './test-app';

describe('Authentication and access', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '5' });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
  });

  const loginRaw = (email: unknown, password: unknown) =>
    fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });

  it('logs in with an httpOnly SameSite cookie, answers /api/me, and logs out', async () => {
    const { voirie } = await makeTown(t.db);
    const user = await makeUser(t.db, {
      email: 'julie@ville.example',
      services: [voirie],
      displayName: 'Julie',
    });
    const res = await loginRaw('Julie@Ville.example', PASSWORD);
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^guichet_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0];
    const me = await api<Me>(t, cookie, '/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: user.id,
      email: 'julie@ville.example',
      displayName: 'Julie',
      role: 'agent',
      services: [{ id: voirie.id, slug: 'voirie', name: 'Voirie' }],
      headOfServiceIds: [],
    });
    expect(JSON.stringify(me.body)).not.toMatch(/password/i);
    expect(await t.db.getRepository(AuditEvent).countBy({ action: 'auth.login', actorUserId: user.id })).toBe(
      1,
    );

    const out = await fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/guichet_session=;/);
    // The session is over server-side: a copy of the old cookie no longer works.
    expect((await api(t, cookie, '/api/me')).status).toBe(401);
    expect(
      await t.db.getRepository(AuditEvent).countBy({ action: 'auth.logout', actorUserId: user.id }),
    ).toBe(1);
  });

  it('ends only the session that logs out', async () => {
    const user = await makeUser(t.db, { email: 'two@ville.example' });
    const office = await login(t, user.email);
    const phone = await login(t, user.email);
    await fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: { cookie: office } });
    expect((await api(t, office, '/api/me')).status).toBe(401);
    expect((await api(t, phone, '/api/me')).status).toBe(200);
  });

  it('refuses a wrong password, an unknown e-mail and a deactivated account with the same 401', async () => {
    await makeUser(t.db, { email: 'a@ville.example' });
    await makeUser(t.db, { email: 'gone@ville.example', active: false });
    for (const [email, password] of [
      ['a@ville.example', 'wrong'],
      ['nobody@ville.example', PASSWORD],
      ['gone@ville.example', PASSWORD],
    ]) {
      const res = await loginRaw(email, password);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { message: string }).message).toBe('Identifiants incorrects');
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('answers 400 naming the field for a malformed login body', async () => {
    const res = await loginRaw('not-an-email', 12);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { message: string; details: string[] };
    expect(body.details.join(' ')).toMatch(/email/);
    expect(body.details.join(' ')).toMatch(/password/);
  });

  it('rate-limits login attempts with 429 and Retry-After, even with the right password', async () => {
    await makeUser(t.db, { email: 'target@ville.example' });
    for (let i = 0; i < 5; i++)
      expect((await loginRaw('target@ville.example', 'guess' + i)).status).toBe(401);
    const blocked = await loginRaw('target@ville.example', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses API calls without a session, with a forged token, or after the account is deactivated', async () => {
    const user = await makeUser(t.db, { email: 'b@ville.example' });
    expect((await api(t, null, '/api/me')).status).toBe(401);
    expect((await api(t, 'guichet_session=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad', '/api/me')).status).toBe(
      401,
    );
    const cookie = await login(t, user.email);
    expect((await api(t, cookie, '/api/me')).status).toBe(200);
    await t.db.query('UPDATE users SET active = false WHERE id = $1', [user.id]);
    expect((await api(t, cookie, '/api/me')).status).toBe(401);
  });

  describe('roles and service scope', () => {
    it("shows an agent only their services' tickets and hides another service's ticket as 404", async () => {
      const { voirie, proprete } = await makeTown(t.db);
      await makePageAccount(t);
      await postMetaWebhook(
        t,
        feedDelivery([{ message: 'Nid de poule rue Pasteur' }, { message: 'Les poubelles débordent' }]),
      );
      const voirieAgent = await makeUser(t.db, { services: [voirie] });
      const cookie = await login(t, voirieAgent.email);
      const list = await api<Page<TicketSummary>>(t, cookie, '/api/tickets');
      expect(list.status).toBe(200);
      expect(list.body.items.map((i) => i.service.slug)).toEqual(['voirie']);
      const other = await t.db.query<Array<{ id: string }>>('SELECT id FROM tickets WHERE service_id = $1', [
        proprete.id,
      ]);
      const otherId = other[0].id;
      expect((await api(t, cookie, `/api/tickets/${otherId}`)).status).toBe(404);
      expect(
        (await api(t, cookie, `/api/tickets/${otherId}/replies`, { method: 'POST', body: { body: 'x' } }))
          .status,
      ).toBe(404);
      expect((await api(t, cookie, `/api/tickets/not-a-uuid`)).status).toBe(404);
      expect((await api(t, cookie, `/api/tickets/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    });

    it('lets an admin see every service, and keeps elected officials away from tickets', async () => {
      await makeTown(t.db);
      await makePageAccount(t);
      await postMetaWebhook(t, feedDelivery([{ message: 'Nid de poule' }, { message: 'Poubelle pleine' }]));
      const admin = await makeUser(t.db, { role: 'admin' });
      const elected = await makeUser(t.db, { role: 'elected' });
      const adminList = await api<Page<TicketSummary>>(t, await login(t, admin.email), '/api/tickets');
      expect(adminList.body.total).toBe(2);
      const electedCookie = await login(t, elected.email);
      expect((await api(t, electedCookie, '/api/tickets')).status).toBe(403);
      expect((await api(t, electedCookie, '/api/dashboard/summary')).status).toBe(200);
    });

    it('rejects unknown query parameters and bad filters with 400', async () => {
      const admin = await makeUser(t.db, { role: 'admin' });
      const cookie = await login(t, admin.email);
      expect((await api(t, cookie, '/api/tickets?status=lost')).status).toBe(400);
      expect((await api(t, cookie, '/api/tickets?limit=100000')).status).toBe(400);
      expect((await api(t, cookie, '/api/tickets?hack=1')).status).toBe(400);
    });
  });
});
