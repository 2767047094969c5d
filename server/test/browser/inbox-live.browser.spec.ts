import type { Locator, Page } from 'playwright-core';
import { rooms } from '@guichet/shared';
import { RealtimeGateway } from '../../src/realtime/realtime.gateway';
import { Message } from '../../src/tickets/message.entity';
import { Ticket } from '../../src/tickets/ticket.entity';
import { feedDelivery, makePageAccount, makeTown, makeUser, PAGE_ID, postMetaWebhook } from '../factories';
import type { TestApp } from '../test-app';
import { waitFor } from '../wait-for';
import { seriousViolations } from './axe';
import { browserFixture } from './chromium';

/** Generous: two browsers, the app and PostgreSQL share a small CI machine. */
const LIVE_TIMEOUT = 20_000;

function ticketList(page: Page): Locator {
  return page.getByRole('list', { name: 'Tickets', exact: true });
}

function rowLink(page: Page, text: string): Locator {
  return ticketList(page).getByRole('link', { name: new RegExp(text) });
}

function thread(page: Page): Locator {
  return page.getByRole('list', { name: 'Échanges' });
}

function presence(page: Page): Locator {
  return page.getByTestId('presence');
}

describe('The live inbox, shared by two agents', () => {
  const fixture = browserFixture();
  const { open } = fixture;
  let t: TestApp;
  beforeAll(() => {
    t = fixture.t;
  });

  it('shows a webhook ticket to both, their presence and typing, a colleague’s reply before mine, and the resolution', async () => {
    await t.reset();
    const { voirie } = await makeTown(t.db);
    await makePageAccount(t);
    const julie = await makeUser(t.db, { services: [voirie], displayName: 'Julie Martin' });
    const karim = await makeUser(t.db, { services: [voirie], displayName: 'Karim Haddad' });
    const a = await open(julie.email);
    const b = await open(karim.email);
    for (const { page } of [a, b]) await ticketList(page).waitFor({ state: 'attached' });

    await postMetaWebhook(
      t,
      feedDelivery([
        {
          commentId: '9200_1',
          message: 'Un nid de poule énorme rue Pasteur, ma roue est crevée',
          from: { id: '7301', name: 'Marie Dupont' },
        },
      ]),
    );
    // Both inboxes get it over socket.io, without a reload.
    for (const { page } of [a, b])
      await rowLink(page, 'nid de poule énorme').waitFor({ timeout: LIVE_TIMEOUT });
    for (const { page } of [a, b]) {
      await rowLink(page, 'nid de poule énorme').click();
      await thread(page).getByText('ma roue est crevée').waitFor();
    }

    // Each sees the other on the ticket.
    await presence(a.page).getByText('Karim Haddad').waitFor({ timeout: LIVE_TIMEOUT });
    await presence(b.page).getByText('Julie Martin').waitFor({ timeout: LIVE_TIMEOUT });
    expect(await presence(a.page).innerText()).toContain('Aussi sur ce ticket :');
    expect(await presence(a.page).innerText()).not.toContain('Julie Martin');

    // Julie starts writing: Karim sees it.
    const julieReply = a.page.getByRole('textbox', { name: 'Réponse', exact: true });
    await julieReply.pressSequentially('Bonjour Marie, nous envoyons une équipe');
    await presence(b.page).getByText('Julie Martin (en train d’écrire)').waitFor({ timeout: LIVE_TIMEOUT });
    expect(await seriousViolations(b.page)).toEqual([]);

    // Karim answers first: Julie sees his reply arrive in the thread.
    const karimReply = b.page.getByRole('textbox', { name: 'Réponse', exact: true });
    await karimReply.fill('Bonjour, c’est signalé à l’équipe de voirie.');
    await b.page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await thread(a.page).getByText('c’est signalé à l’équipe de voirie').waitFor({ timeout: LIVE_TIMEOUT });

    // Julie's send stops on a warning; « Relire d'abord » sends nothing and keeps her text.
    await a.page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    const warning = a.page.getByRole('dialog', { name: 'Répondre' });
    await warning.getByText('Karim Haddad a répondu entre-temps. Envoyer quand même ?').waitFor();
    expect(await seriousViolations(a.page)).toEqual([]);
    await warning.getByRole('button', { name: 'Relire d’abord' }).click();
    await warning.waitFor({ state: 'detached' });
    expect(await julieReply.inputValue()).toBe('Bonjour Marie, nous envoyons une équipe');
    await waitFor(() => t.graph.comments.length === 1, LIVE_TIMEOUT);

    // Karim writes again; this time Julie sends anyway, and Karim sees her reply live.
    await karimReply.fill('Elle passera demain matin.');
    await b.page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await thread(a.page).getByText('Elle passera demain matin.').waitFor({ timeout: LIVE_TIMEOUT });
    await a.page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await warning.getByText('Karim Haddad a répondu entre-temps. Envoyer quand même ?').waitFor();
    await warning.getByRole('button', { name: 'Envoyer quand même' }).click();
    await thread(b.page).getByText('nous envoyons une équipe').waitFor({ timeout: LIVE_TIMEOUT });
    await waitFor(
      async () =>
        (await t.db.getRepository(Message).countBy({ direction: 'outbound', deliveryStatus: 'sent' })) === 3,
      LIVE_TIMEOUT,
    );
    expect(t.graph.comments.map((c) => c.message)).toEqual([
      'Bonjour, c’est signalé à l’équipe de voirie.',
      'Elle passera demain matin.',
      'Bonjour Marie, nous envoyons une équipe',
    ]);
    // Each reply once in each thread, whoever sent it.
    for (const { page } of [a, b]) {
      await waitFor(async () => (await thread(page).getByRole('article').count()) === 4, LIVE_TIMEOUT);
    }

    // Julie resolves with the controls: Karim's page follows.
    const status = (page: Page) => page.getByRole('combobox', { name: 'Statut' });
    await status(a.page).selectOption({ label: 'Résolu' });
    await a.page.getByRole('button', { name: 'Mettre à jour le ticket' }).click();
    await waitFor(async () => (await status(b.page).inputValue()) === 'resolved', LIVE_TIMEOUT);
    await b.page.locator('main header').getByText('Résolu', { exact: true }).waitFor();

    // Karim reopens it; then Julie resolves it again with the « e » key.
    await status(b.page).selectOption({ label: 'En cours' });
    await b.page.getByRole('button', { name: 'Mettre à jour le ticket' }).click();
    await waitFor(async () => (await status(a.page).inputValue()) === 'open', LIVE_TIMEOUT);
    await a.page.locator('main header').getByText('En cours', { exact: true }).waitFor();
    // Out of the fields (a letter typed in a field is never a shortcut).
    await a.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await a.page.keyboard.press('e');
    for (const { page } of [a, b]) {
      await waitFor(async () => (await status(page).inputValue()) === 'resolved', LIVE_TIMEOUT);
      await page.locator('main header').getByText('Résolu', { exact: true }).waitFor();
    }
    await a.page.getByText('Ticket marqué comme résolu.').waitFor();
    const stored = await t.db.getRepository(Ticket).findOneByOrFail({ threadKey: '9200_1' });
    expect(stored.status).toBe('resolved');

    // Back in the inbox (client-side, no reload), Karim's row shows it too.
    await b.page.getByRole('link', { name: 'Retour à la boîte de réception' }).click();
    await rowLink(b.page, 'nid de poule énorme').waitFor();
    const row = ticketList(b.page).getByRole('listitem').filter({ hasText: 'nid de poule énorme' });
    await row.getByText('Résolu', { exact: true }).waitFor();
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  }, 180_000);

  it('after a dropped connection, shows what arrived meanwhile, once each, and says so', async () => {
    await t.reset();
    const { voirie } = await makeTown(t.db);
    await makePageAccount(t);
    const julie = await makeUser(t.db, { services: [voirie], displayName: 'Julie Martin' });
    const post = `${PAGE_ID}_4400`;
    await postMetaWebhook(
      t,
      feedDelivery([
        {
          postId: post,
          commentId: '4400_1',
          message: 'Le lampadaire de la place est éteint depuis lundi',
          from: { id: '7401', name: 'Paul Girard' },
        },
      ]),
    );
    const lamp = await t.db.getRepository(Ticket).findOneByOrFail({ threadKey: '4400_1' });

    const { context, page, errors } = await open(julie.email);
    await rowLink(page, 'lampadaire de la place').waitFor();
    // A second tab has the ticket open: its thread must catch up too.
    const ticketTab = await context.newPage();
    ticketTab.setDefaultTimeout(20_000);
    ticketTab.on('pageerror', (err) => errors.push(err.message));
    await ticketTab.goto(`${t.url}/tickets/${lamp.id}`);
    await thread(ticketTab).getByText('éteint depuis lundi').waitFor();

    const notice = (p: Page) => p.getByRole('status').filter({ hasText: 'Hors ligne — reconnexion…' });
    const restored = (p: Page) =>
      p.getByRole('status').filter({ hasText: 'Connexion rétablie, liste mise à jour' });

    // The server's view of Julie's sockets: both tabs' must be gone while offline.
    const julieSockets = async () =>
      (await t.app.get(RealtimeGateway).server.in(rooms.user(julie.id)).fetchSockets()).length;
    expect(await julieSockets()).toBe(2);

    await context.setOffline(true);
    for (const p of [page, ticketTab]) await notice(p).waitFor({ timeout: LIVE_TIMEOUT });
    await waitFor(async () => (await julieSockets()) === 0, LIVE_TIMEOUT);

    // Meanwhile: two new tickets, then a follow-up from Paul on his ticket.
    const earlier = Math.floor(Date.now() / 1000) - 60;
    await postMetaWebhook(
      t,
      feedDelivery([
        {
          commentId: '4500_1',
          message: 'Trottoir défoncé avenue Foch',
          from: { id: '7402', name: 'Léa' },
          createdTime: earlier,
        },
        {
          commentId: '4600_1',
          message: 'Nid de poule rue Carnot',
          from: { id: '7403', name: 'Hugo' },
          createdTime: earlier,
        },
        {
          postId: post,
          parentId: '4400_1',
          commentId: '4400_2',
          message: 'Toujours éteint ce soir, c’est dangereux',
          from: { id: '7401', name: 'Paul Girard' },
        },
      ]),
    );
    expect(await t.db.getRepository(Ticket).count()).toBe(3);
    // Their events went out while nobody of Julie's was connected: they are lost for her tabs.
    expect(await julieSockets()).toBe(0);
    expect(await rowLink(page, 'Trottoir défoncé').count()).toBe(0);

    await context.setOffline(false);
    await restored(page).waitFor({ timeout: LIVE_TIMEOUT });
    for (const text of ['Trottoir défoncé', 'Nid de poule rue Carnot', 'lampadaire de la place']) {
      await rowLink(page, text).waitFor();
      expect(await rowLink(page, text).count()).toBe(1);
    }
    await page.getByRole('status').filter({ hasText: '3 tickets' }).waitFor();
    // Paul's follow-up made his ticket the most recent activity.
    const first = ticketList(page).getByRole('listitem').first();
    expect(await first.innerText()).toContain('lampadaire de la place');

    await restored(ticketTab).waitFor({ timeout: LIVE_TIMEOUT });
    await thread(ticketTab).getByText('c’est dangereux').waitFor();
    expect(await thread(ticketTab).getByRole('article').count()).toBe(2);

    // Live again: the next webhook arrives by socket, once, in both tabs.
    await postMetaWebhook(
      t,
      feedDelivery([
        {
          postId: post,
          parentId: '4400_1',
          commentId: '4400_3',
          message: 'Merci de faire vite',
          from: { id: '7401', name: 'Paul Girard' },
        },
        {
          commentId: '4700_1',
          message: 'Trottoir glissant devant la poste',
          from: { id: '7404', name: 'Inès' },
        },
      ]),
    );
    await rowLink(page, 'Trottoir glissant').waitFor({ timeout: LIVE_TIMEOUT });
    await thread(ticketTab).getByText('Merci de faire vite').waitFor({ timeout: LIVE_TIMEOUT });
    await page.getByRole('status').filter({ hasText: '4 tickets' }).waitFor();
    expect(await ticketList(page).getByRole('listitem').count()).toBe(4);
    expect(await thread(ticketTab).getByRole('article').count()).toBe(3);
    expect(errors).toEqual([]);
  }, 180_000);
  it('warns before sending when a colleague replied while my connection was down', async () => {
    await t.reset();
    const { voirie } = await makeTown(t.db);
    await makePageAccount(t);
    const julie = await makeUser(t.db, { services: [voirie], displayName: 'Julie Martin' });
    const karim = await makeUser(t.db, { services: [voirie], displayName: 'Karim Haddad' });
    await postMetaWebhook(
      t,
      feedDelivery([
        { commentId: '4800_1', message: 'Trottoir effondré rue Danton', from: { id: '7501', name: 'Zoé' } },
      ]),
    );
    const ticket = await t.db.getRepository(Ticket).findOneByOrFail({ threadKey: '4800_1' });
    const a = await open(julie.email);
    const b = await open(karim.email);
    for (const { page } of [a, b]) {
      await page.goto(`${t.url}/tickets/${ticket.id}`);
      await thread(page).getByText('Trottoir effondré').waitFor();
    }
    await presence(a.page).getByText('Karim Haddad').waitFor({ timeout: LIVE_TIMEOUT });
    const julieReply = a.page.getByRole('textbox', { name: 'Réponse', exact: true });
    await julieReply.fill('Bonjour Zoé, la zone est sécurisée.');

    // Julie's connection drops; Karim answers meanwhile.
    await a.context.setOffline(true);
    await a.page
      .getByRole('status')
      .filter({ hasText: 'Hors ligne — reconnexion…' })
      .waitFor({ timeout: LIVE_TIMEOUT });
    // Karim sees her leave the ticket.
    await presence(b.page).waitFor({ state: 'detached', timeout: LIVE_TIMEOUT });
    await b.page.getByRole('textbox', { name: 'Réponse', exact: true }).fill('Une équipe est en route.');
    await b.page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await waitFor(() => t.graph.comments.length === 1, LIVE_TIMEOUT);

    // Back online: the thread catches up, and sending still stops on the warning.
    await a.context.setOffline(false);
    await thread(a.page).getByText('Une équipe est en route.').waitFor({ timeout: LIVE_TIMEOUT });
    // Both are back on each other's presence bar.
    await presence(b.page).getByText('Julie Martin').waitFor({ timeout: LIVE_TIMEOUT });
    await presence(a.page).getByText('Karim Haddad').waitFor({ timeout: LIVE_TIMEOUT });
    await a.page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    const warning = a.page.getByRole('dialog', { name: 'Répondre' });
    await warning.getByText('Karim Haddad a répondu entre-temps. Envoyer quand même ?').waitFor();
    await warning.getByRole('button', { name: 'Relire d’abord' }).click();
    await warning.waitFor({ state: 'detached' });
    expect(t.graph.comments.map((c) => c.message)).toEqual(['Une équipe est en route.']);

    // Read: the next try goes out.
    await a.page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await thread(b.page).getByText('la zone est sécurisée').waitFor({ timeout: LIVE_TIMEOUT });
    await waitFor(() => t.graph.comments.length === 2, LIVE_TIMEOUT);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  }, 180_000);
  it('keeps a ticket pushed while the inbox was being fetched again', async () => {
    await t.reset();
    const { voirie } = await makeTown(t.db);
    await makePageAccount(t);
    const julie = await makeUser(t.db, { services: [voirie], displayName: 'Julie Martin' });
    await postMetaWebhook(
      t,
      feedDelivery([
        { commentId: '4900_1', message: 'Lampadaire tombé rue Hoche', from: { id: '7601', name: 'Jean' } },
      ]),
    );
    const { context, page, errors } = await open(julie.email);
    await rowLink(page, 'Lampadaire tombé').waitFor();

    await context.setOffline(true);
    await page
      .getByRole('status')
      .filter({ hasText: 'Hors ligne — reconnexion…' })
      .waitFor({ timeout: LIVE_TIMEOUT });
    await postMetaWebhook(
      t,
      feedDelivery([
        { commentId: '4910_1', message: 'Trottoir fissuré rue Kléber', from: { id: '7602', name: 'Ana' } },
      ]),
    );

    // The resync's list answer is computed by the server, then held on its way to the page.
    let answered!: () => void;
    const computed = new Promise<void>((resolve) => (answered = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    await page.route(
      (url) => url.pathname === '/api/tickets',
      async (route) => {
        if (held) return route.continue();
        held = true;
        const response = await route.fetch();
        answered();
        await released;
        await route.fulfill({ response }).catch(() => undefined);
      },
    );
    await context.setOffline(false);
    await computed;

    // A ticket created after that answer was computed arrives by socket meanwhile.
    await postMetaWebhook(
      t,
      feedDelivery([
        { commentId: '4920_1', message: 'Nid de poule rue Monge', from: { id: '7603', name: 'Eli' } },
      ]),
    );
    await rowLink(page, 'Nid de poule rue Monge').waitFor({ timeout: LIVE_TIMEOUT });
    release();
    await page
      .getByRole('status')
      .filter({ hasText: 'Connexion rétablie, liste mise à jour' })
      .waitFor({ timeout: LIVE_TIMEOUT });

    // The late answer must not take it away: all three, once each.
    await page.getByRole('status').filter({ hasText: '3 tickets' }).waitFor();
    for (const text of ['Lampadaire tombé', 'Trottoir fissuré', 'Nid de poule rue Monge']) {
      await rowLink(page, text).waitFor();
    }
    await waitFor(async () => (await ticketList(page).getByRole('listitem').count()) === 3, LIVE_TIMEOUT);
    await page.unroute((url) => url.pathname === '/api/tickets');
    expect(errors).toEqual([]);
  }, 180_000);
});
