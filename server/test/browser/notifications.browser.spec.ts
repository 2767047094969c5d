import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Ticket } from '../../src/tickets/ticket.entity';
import type { User } from '../../src/users/user.entity';
import { feedDelivery, makePageAccount, makeTown, makeUser, PASSWORD, postMetaWebhook } from '../factories';
import type { TestApp } from '../test-app';
import { waitFor } from '../wait-for';
import { seriousViolations } from './axe';
import { launchChromium, startAppWithClient } from './chromium';

/** What the page asked the system to show, recorded around the browser's own Notification. */
declare global {
  interface Window {
    shownNotices?: Array<{ title: string; body: string | undefined }>;
  }
}

describe('Notifications of tickets assigned to me, in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    t = await startAppWithClient();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  async function loggedIn(
    user: User,
    options: { allowNotifications?: boolean } = {},
  ): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale: 'fr-FR' });
    contexts.push(context);
    if (options.allowNotifications) {
      await context.grantPermissions(['notifications'], { origin: t.url });
      await context.addInitScript(() => {
        const System = window.Notification;
        window.shownNotices = [];
        window.Notification = class extends System {
          constructor(title: string, options?: NotificationOptions) {
            window.shownNotices?.push({ title, body: options?.body });
            super(title, options);
          }
        };
      });
    }
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${t.url}/login`);
    await page.getByLabel('Adresse e-mail').fill(user.email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: /^Notifications/ }).waitFor();
    return { page, errors };
  }

  it('shows agent B live that agent A gave them a ticket, and opens it from the notice', async () => {
    await t.reset();
    const { voirie } = await makeTown(t.db);
    await makePageAccount(t);
    const julie = await makeUser(t.db, { services: [voirie], displayName: 'Julie Martin' });
    const bob = await makeUser(t.db, { services: [voirie], displayName: 'Bob Durand' });
    const res = await postMetaWebhook(
      t,
      feedDelivery([{ commentId: '9300_1', message: 'Lampadaire éteint rue des Lilas' }]),
    );
    expect(res.status).toBe(200);
    await waitFor(async () => (await t.db.getRepository(Ticket).count()) === 1);
    const ticket = await t.db.getRepository(Ticket).findOneByOrFail({});

    // Bob works in his own inbox; his browser may show system notifications.
    const b = await loggedIn(bob, { allowNotifications: true });
    await b.page.goto(`${t.url}/inbox?view=mine`);
    // The list is there (empty, so not yet visible) once the inbox has loaded.
    await b.page
      .getByRole('list', { name: 'Tickets' })
      .or(b.page.getByRole('table', { name: 'Tickets' }))
      .waitFor({ state: 'attached' });
    const mine = b.page.getByRole('link', { name: /Lampadaire éteint/ });
    expect(await mine.count()).toBe(0);

    const a = await loggedIn(julie);
    await a.page.goto(`${t.url}/tickets/${ticket.id}`);
    await a.page.getByRole('heading', { level: 1, name: /Lampadaire éteint/ }).waitFor();
    await a.page.getByLabel('Attribué à', { exact: true }).selectOption(bob.id);
    await a.page.getByRole('button', { name: 'Attribuer', exact: true }).click();
    await a.page.getByText('Ticket attribué à Bob Durand.').waitFor({ state: 'attached' });

    // Bob sees it without reloading: the notice, the bell, his "mine" list, and the system notification.
    const title = `Ticket n° ${ticket.reference} vous a été attribué`;
    const open = b.page.getByRole('link', { name: `Ouvrir le ticket n° ${ticket.reference}` });
    // The notice (the bell also announces it, in its own live region).
    const notice = b.page.getByRole('status').filter({ hasText: title, has: open });
    await notice.waitFor();
    expect(await notice.innerText()).toContain('Par Julie Martin (Voirie) : Lampadaire éteint rue des Lilas');
    await b.page.getByRole('button', { name: 'Notifications (1 non lue)' }).waitFor();
    await mine.waitFor();
    expect(await b.page.evaluate(() => window.shownNotices)).toEqual([
      { title, body: 'Par Julie Martin (Voirie) : Lampadaire éteint rue des Lilas' },
    ]);
    expect(await seriousViolations(b.page)).toEqual([]);
    // Julie, who gave it, is told nothing.
    expect(await a.page.getByText(title).count()).toBe(0);

    // Opening the ticket from the notice reads the notification.
    await open.click();
    await b.page.waitForURL(`${t.url}/tickets/${ticket.id}`);
    await b.page.getByRole('heading', { level: 1, name: /Lampadaire éteint/ }).waitFor();
    await b.page.getByRole('button', { name: 'Notifications (aucune non lue)' }).waitFor();
    await notice.waitFor({ state: 'detached' });
    await waitFor(async () => {
      const [row] = await t.db.query<Array<{ read_at: Date | null }>>(
        `SELECT read_at FROM notifications WHERE user_id = $1 AND kind = 'ticket.assigned'`,
        [bob.id],
      );
      return row?.read_at instanceof Date;
    });

    // The bell lists it, worded in the interface language.
    await b.page.getByRole('button', { name: 'English' }).click();
    await b.page.getByRole('button', { name: 'Notifications (none unread)' }).click();
    const item = b.page.getByRole('menuitem', {
      name: new RegExp(`Ticket #${ticket.reference} has been assigned`),
    });
    expect(await item.innerText()).toContain('By Julie Martin (Voirie): Lampadaire éteint rue des Lilas');
    expect([...a.errors, ...b.errors]).toEqual([]);
  }, 120_000);
});
