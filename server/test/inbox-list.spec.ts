import type { Page, TicketSummary } from '@guichet/shared';
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

type List = Page<TicketSummary>;

describe('The inbox list', () => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  let agentId: string;
  let town: Awaited<ReturnType<typeof makeTown>>;

  beforeAll(async () => {
    t = await startTestApp();
    town = await makeTown(t.db);
    await makePageAccount(t);
    await makeSlaPolicy(t.db, { firstResponseMinutes: 600 });
    admin = await login(t, (await makeUser(t.db, { role: 'admin' })).email);
    const voirieAgent = await makeUser(t.db, { services: [town.voirie] });
    agentId = voirieAgent.id;
    agent = await login(t, voirieAgent.email);
    const messages = [
      "Un nid de poule devant l'École Jules Ferry",
      'Nid de poule rue des Lilas, merci de reboucher',
      'Les poubelles ne sont pas ramassées depuis lundi',
      'Lampadaire en panne avenue de la Gare',
      'Question sur les horaires de la mairie',
    ];
    for (let i = 0; i < 30; i++) {
      await postMetaWebhook(
        t,
        feedDelivery([
          {
            commentId: `6100_${i}`,
            postId: `${PAGE_ID}_6100`,
            message: `${messages[i % messages.length]} (n° ${i})`,
            // Recent: the 600-minute clocks are far from due.
            createdTime: Math.floor(Date.now() / 1000) - (30 - i) * 60,
          },
        ]),
      );
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const list = (cookie: string, query: string) => api<List>(t, cookie, `/api/tickets?${query}`);

  async function walk(cookie: string, query: string, limit: number): Promise<TicketSummary[]> {
    const seen: TicketSummary[] = [];
    let cursor: string | null | undefined = null;
    do {
      const page: { status: number; body: List } = await list(
        cookie,
        `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return seen;
  }

  it.each(['activity', 'due'])('walks every ticket once, in order, page by page (sort %s)', async (sort) => {
    const all = await walk(admin, `sort=${sort}`, 7);
    expect(all).toHaveLength(30);
    expect(new Set(all.map((x) => x.id)).size).toBe(30);
    const one = await list(admin, `sort=${sort}&limit=200`);
    expect(all.map((x) => x.id)).toEqual(one.body.items.map((x) => x.id));
    if (sort === 'activity') {
      const times = all.map((x) => Date.parse(x.lastMessageAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    } else {
      const due = all.map((x) => Date.parse(x.sla?.dueAt ?? '9999-01-01'));
      expect(due).toEqual([...due].sort((a, b) => a - b));
    }
    expect(one.body.total).toBe(30);
  });

  it('finds messages by their words, whatever the accents, the case or the inflection', async () => {
    const ids = async (q: string) =>
      (await list(admin, `q=${encodeURIComponent(q)}&limit=200`)).body.items.map((x) => x.subject).sort();
    expect(await ids('ecole')).toHaveLength(6);
    expect(await ids('ÉCOLE')).toHaveLength(6);
    expect(await ids('poubelle')).toHaveLength(6);
    expect(await ids('lampadaires')).toHaveLength(6);
    expect(await ids('"nid de poule" -ecole')).toHaveLength(6);
    expect(await ids('piscine')).toEqual([]);
  });

  it('shows an agent only their services, and the views mine, unassigned and due', async () => {
    const mine = await list(agent, 'view=services&limit=200');
    expect(mine.body.items.every((x) => x.service.slug === 'voirie')).toBe(true);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect((await list(agent, 'view=all')).status).toBe(403);

    const [first] = mine.body.items;
    await t.db.query('UPDATE tickets SET assignee_id = $1 WHERE id = $2', [agentId, first?.id]);
    expect((await list(agent, 'view=mine')).body.items.map((x) => x.id)).toEqual([first?.id]);
    const unassigned = await list(agent, 'view=unassigned&limit=200');
    expect(unassigned.body.items.map((x) => x.id)).not.toContain(first?.id);
    expect(unassigned.body.items).toHaveLength(mine.body.items.length - 1);

    expect((await list(agent, 'view=due')).body.items).toEqual([]);
    await t.db.query("UPDATE tickets SET sla_warning_at = now() - interval '1 minute' WHERE id = $1", [
      first?.id,
    ]);
    expect((await list(agent, 'view=due')).body.items.map((x) => x.id)).toEqual([first?.id]);
  });

  it('filters by several statuses, priorities and channels', async () => {
    const [a, b] = (await list(admin, 'limit=2')).body.items;
    await t.db.query(`UPDATE tickets SET status = 'pending', priority = 'urgent' WHERE id = $1`, [a?.id]);
    await t.db.query(`UPDATE tickets SET status = 'resolved' WHERE id = $1`, [b?.id]);
    const both = await list(admin, 'status=pending,resolved');
    expect(both.body.items.map((x) => x.id).sort()).toEqual([a?.id, b?.id].sort());
    expect((await list(admin, 'status=pending&status=resolved')).body.items).toHaveLength(2);
    expect((await list(admin, 'priority=urgent')).body.items.map((x) => x.id)).toEqual([a?.id]);
    expect((await list(admin, 'platform=instagram')).body.items).toEqual([]);
  });

  it('sets a ticket’s tags (trimmed, once each, audited) and filters the inbox by any of them', async () => {
    const patch = (id: string | undefined, tags: unknown) =>
      api<TicketSummary>(t, agent, `/api/tickets/${id}`, { method: 'PATCH', body: { tags } });
    const voirie = (await list(agent, 'view=services&limit=2')).body.items;
    expect((await patch(voirie[0]?.id, [' nids-de-poule ', 'Presse', 'presse'])).status).toBe(200);
    expect((await patch(voirie[1]?.id, ['Élus'])).status).toBe(200);
    const tagged = await list(agent, `tag=${encodeURIComponent('Presse,Élus')}`);
    expect(tagged.body.items.map((x) => x.id).sort()).toEqual([voirie[0]?.id, voirie[1]?.id].sort());
    expect(tagged.body.items.find((x) => x.id === voirie[0]?.id)?.tags).toEqual(['nids-de-poule', 'Presse']);
    expect((await list(agent, 'tag=nids-de-poule')).body.items.map((x) => x.id)).toEqual([voirie[0]?.id]);
    expect((await list(agent, 'tag=absent')).body.items).toEqual([]);
    const audit = await t.db.query<Array<{ details: unknown }>>(
      `SELECT details FROM audit_events WHERE action = 'ticket.tags_changed' AND target_id = $1`,
      [voirie[0]?.id],
    );
    expect(audit).toEqual([{ details: { from: [], to: ['nids-de-poule', 'Presse'] } }]);

    // Bad tags: 400 naming the field, nothing changed.
    for (const bad of [
      'presse',
      ['a,b'],
      ['x'.repeat(41)],
      Array.from({ length: 21 }, (_, i) => `t${i}`),
      [3],
    ]) {
      const res = await patch(voirie[1]?.id, bad);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('tags');
    }
    expect((await list(agent, 'tag=Élus')).body.items.map((x) => x.id)).toEqual([voirie[1]?.id]);
    expect((await api(t, admin, `/api/tickets?tag=${'x'.repeat(41)}`)).status).toBe(400);
  });

  it.each([
    ['status=lost', 'status'],
    ['priority=whenever', 'priority'],
    ['view=everything', 'view'],
    ['cursor=not_a_cursor', 'cursor'],
    ['cursor=bad%21chars', 'cursor'],
    [`q=${'x'.repeat(201)}`, 'q'],
  ])('answers 400 naming the parameter for %s', async (query, field) => {
    const res = await api<{ message: string; details?: string[] }>(t, admin, `/api/tickets?${query}`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(field);
  });

  it('refuses a cursor of the other sort order', async () => {
    const page = await list(admin, 'sort=due&limit=3');
    const res = await list(admin, `sort=activity&cursor=${page.body.nextCursor}`);
    expect(res.status).toBe(400);
  });
});
