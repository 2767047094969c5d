import type { Locator, Page } from 'playwright-core';
import { Ticket } from '../../src/tickets/ticket.entity';
import { feedDelivery, makePageAccount, makeTown, makeUser, PASSWORD, postMetaWebhook } from '../factories';
import type { TestApp } from '../test-app';
import { waitFor } from '../wait-for';
import { seriousViolations } from './axe';
import { browserFixture } from './chromium';

function ticketList(page: Page): Locator {
  return page.getByRole('list', { name: 'Tickets', exact: true });
}

/** The ticket link that has the focus, by its text; null when the focus is elsewhere. */
function focusedRow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const active = document.activeElement;
    return active instanceof HTMLAnchorElement && active.dataset.rowLink !== undefined
      ? active.textContent
      : null;
  });
}

/** The focus ring of the row holding the focused link (the link draws none itself: the row does). */
function focusedRowOutline(page: Page): Promise<{ style: string; width: number }> {
  return page.evaluate(() => {
    const row = document.activeElement?.closest('li');
    const style = row ? getComputedStyle(row) : null;
    return { style: style?.outlineStyle ?? 'none', width: Number.parseFloat(style?.outlineWidth ?? '0') };
  });
}

describe('The inbox by keyboard, and its accessibility', () => {
  const fixture = browserFixture();
  const { open } = fixture;
  let t: TestApp;
  beforeAll(() => {
    t = fixture.t;
  });

  /** Three Voirie tickets, the newest first in the inbox. */
  async function threeTickets(): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    await postMetaWebhook(
      t,
      feedDelivery([
        { commentId: '8100_1', message: 'Nid de poule rue des Écoles', createdTime: now - 300 },
        { commentId: '8200_1', message: 'Lampadaire clignotant place du Marché', createdTime: now - 200 },
        { commentId: '8300_1', message: 'Trottoir encombré avenue Jaurès', createdTime: now - 100 },
      ]),
    );
  }

  it('moves with j/k, opens with Enter, replies with r, assigns with a, resolves with e, shows help with ?', async () => {
    await t.reset();
    const { voirie } = await makeTown(t.db);
    await makePageAccount(t);
    const agent = await makeUser(t.db, { services: [voirie], displayName: 'Julie Martin' });
    await threeTickets();
    const { page, errors } = await open(agent.email);
    await ticketList(page).getByRole('listitem').nth(2).waitFor();

    // Typing in the search box is never a shortcut.
    const search = page.getByRole('searchbox', { name: 'Rechercher dans les messages' });
    await search.focus();
    await page.keyboard.press('j');
    expect(await search.inputValue()).toBe('j');
    expect(await focusedRow(page)).toBeNull();
    await search.fill('');
    await search.blur();
    await page.waitForURL((url) => !url.searchParams.has('q'));
    await waitFor(async () => (await ticketList(page).getByRole('listitem').count()) === 3, 10_000);

    // j/k walk the rows, with a visible focus ring.
    await page.keyboard.press('j');
    expect(await focusedRow(page)).toContain('Trottoir encombré');
    const ring = await focusedRowOutline(page);
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('j');
    expect(await focusedRow(page)).toContain('Lampadaire clignotant');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    // The last row stays selected.
    expect(await focusedRow(page)).toContain('Nid de poule');
    await page.keyboard.press('k');
    expect(await focusedRow(page)).toContain('Lampadaire clignotant');
    expect((await focusedRowOutline(page)).style).toBe('solid');

    // The help over the list: Escape closes it and the focus is back on the selected row.
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Raccourcis clavier' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Raccourcis clavier' }).waitFor({ state: 'detached' });
    await waitFor(async () => (await focusedRow(page))?.includes('Lampadaire clignotant') === true);

    // Enter opens the selected ticket.
    const lamp = await t.db.getRepository(Ticket).findOneByOrFail({ threadKey: '8200_1' });
    await page.keyboard.press('Enter');
    await page.waitForURL(`${t.url}/tickets/${lamp.id}`);
    await page.getByRole('heading', { level: 1, name: /Lampadaire clignotant/ }).waitFor();

    // ? shows the help; Escape closes it.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Raccourcis clavier' });
    await help.waitFor();
    expect(await help.innerText()).toContain('M’attribuer le ticket');
    expect(await seriousViolations(page)).toEqual([]);
    // Inside the dialog, a letter is not a shortcut.
    await page.keyboard.press('e');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    // r puts the focus in the reply box; letters typed there stay text.
    const reply = page.getByRole('textbox', { name: 'Réponse', exact: true });
    await page.keyboard.press('r');
    await waitFor(() => reply.evaluate((el) => el === document.activeElement));
    await page.keyboard.type('a e r');
    expect(await reply.inputValue()).toBe('a e r');
    let stored = await t.db.getRepository(Ticket).findOneByOrFail({ id: lamp.id });
    expect(stored.assigneeId).toBeNull();
    expect(stored.status).toBe('new');

    // Out of the field: a assigns the ticket to me, e resolves it.
    await reply.blur();
    await page.keyboard.press('a');
    await page.getByText('Ticket attribué à vous.').waitFor();
    const assignee = page.getByRole('combobox', { name: 'Attribué à' });
    await waitFor(async () => (await assignee.inputValue()) === agent.id);
    await page.keyboard.press('e');
    await page.getByText('Ticket marqué comme résolu.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await waitFor(
      async () => (await page.getByRole('combobox', { name: 'Statut' }).inputValue()) === 'resolved',
    );
    stored = await t.db.getRepository(Ticket).findOneByOrFail({ id: lamp.id });
    expect(stored).toMatchObject({ assigneeId: agent.id, status: 'resolved' });
    // The text in the reply box was left alone.
    expect(await reply.inputValue()).toBe('a e r');
    expect(errors).toEqual([]);
  }, 120_000);

  it('tags a ticket from its page, and the inbox filters by the tag', async () => {
    await t.reset();
    const { voirie } = await makeTown(t.db);
    await makePageAccount(t);
    const agent = await makeUser(t.db, { services: [voirie], displayName: 'Karim Benali' });
    await threeTickets();
    const { page, errors } = await open(agent.email);
    await ticketList(page).getByRole('listitem').nth(2).waitFor();
    await ticketList(page)
      .getByRole('link', { name: /Lampadaire clignotant/ })
      .click();
    await page.getByRole('heading', { level: 1, name: /Lampadaire clignotant/ }).waitFor();

    const tags = page.getByRole('region', { name: 'Traitement' }).getByLabel('Étiquettes', { exact: true });
    await tags.fill('éclairage public');
    await tags.press('Enter');
    await tags.fill('presse');
    await tags.press('Enter');
    await page.getByRole('button', { name: 'Mettre à jour le ticket' }).click();
    await page.getByText('Ticket mis à jour.').waitFor();
    const stored = await t.db
      .getRepository(Ticket)
      .findOneByOrFail({ subject: 'Lampadaire clignotant place du Marché' });
    expect(stored.tags).toEqual(['éclairage public', 'presse']);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${t.url}/inbox?tag=presse`);
    await ticketList(page).getByRole('listitem').first().waitFor();
    await waitFor(async () => (await ticketList(page).getByRole('listitem').count()) === 1, 10_000);
    expect(await ticketList(page).getByRole('listitem').first().textContent()).toContain('Lampadaire');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('has no serious or critical violation on the login page, the filtered inbox and its drop-downs', async () => {
    await t.reset();
    const { voirie } = await makeTown(t.db);
    await makePageAccount(t);
    const agent = await makeUser(t.db, { services: [voirie], displayName: 'Julie Martin' });
    await threeTickets();

    const page = await (await fixture.newContext()).newPage();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));

    await page.goto(`${t.url}/login`);
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // A refused login shows its error in the form.
    await page.getByLabel('Adresse e-mail').fill(agent.email);
    await page.getByLabel('Mot de passe').fill('not the password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();

    // Status, channel and search, straight from the URL.
    await page.goto(`${t.url}/inbox?status=new,open&platform=facebook&q=lampadaire`);
    const rows = ticketList(page).getByRole('listitem');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('Lampadaire clignotant');
    expect(await page.getByRole('searchbox', { name: 'Rechercher dans les messages' }).inputValue()).toBe(
      'lampadaire',
    );
    expect(await seriousViolations(page)).toEqual([]);

    // The status filter open (from the keyboard), then the service filter open (with the mouse).
    const status = page.getByRole('combobox', { name: 'Statut' });
    await status.focus();
    await page.keyboard.press('ArrowDown');
    const pending = page.getByRole('option', { name: 'En attente du citoyen' });
    await pending.waitFor();
    expect(await status.getAttribute('aria-expanded')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await pending.waitFor({ state: 'hidden' });

    await page.getByRole('combobox', { name: 'Service', exact: true }).click();
    await page.getByRole('option', { name: 'Voirie' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');

    // The header's notifications menu, open.
    await page.getByRole('button', { name: /^Notifications/ }).click();
    await page.getByRole('menu').getByText('Aucune notification.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  }, 120_000);

  it('has no serious or critical violation on the dashboard, for an elected official and for an admin', async () => {
    await t.reset();
    await makeTown(t.db);
    await makePageAccount(t);
    await threeTickets();
    const elected = await makeUser(t.db, { role: 'elected', displayName: 'Claire Maire' });
    const admin = await makeUser(t.db, { role: 'admin', displayName: 'Anne Admin' });

    const mayor = await open(elected.email);
    // Elected officials land on the dashboard.
    await mayor.page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    await mayor.page.locator('dl dd').first().waitFor();
    expect(await seriousViolations(mayor.page)).toEqual([]);
    expect(mayor.errors).toEqual([]);

    const office = await open(admin.email);
    await office.page.getByRole('link', { name: 'Tableau de bord' }).click();
    await office.page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    await office.page.locator('dl dd').first().waitFor();
    expect(await seriousViolations(office.page)).toEqual([]);
    // And the admin's inbox, with its « Tous » view.
    await office.page.getByRole('link', { name: 'Boîte de réception' }).click();
    await ticketList(office.page).getByRole('listitem').first().waitFor();
    expect(await seriousViolations(office.page)).toEqual([]);
    expect(office.errors).toEqual([]);
  }, 120_000);
});
