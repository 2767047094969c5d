import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadCorpus } from '../../src/demo/corpus';
import { ClassifierExample } from '../../src/routing/classifier-example.entity';
import { ClassifierService } from '../../src/routing/classifier.service';
import { RoutingRuleRecord } from '../../src/routing/routing-rule.entity';
import { Ticket } from '../../src/tickets/ticket.entity';
import { feedDelivery, makePageAccount, makeTown, makeUser, PASSWORD, postMetaWebhook } from '../factories';
import type { TestApp } from '../test-app';
import { seriousViolations } from './axe';
import { launchChromium, startAppWithClient } from './chromium';

async function logIn(page: Page, t: TestApp, email: string): Promise<void> {
  await page.goto(`${t.url}/login`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
}

describe('Routing in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startAppWithClient();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists the rules, tests a new rule before saving it, refuses a bad one, and reorders by keyboard', async () => {
    await t.reset();
    await makeTown(t.db);
    await makePageAccount(t);
    const admin = await makeUser(t.db, { role: 'admin' });
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));

    await logIn(page, t, admin.email);
    await page.getByRole('link', { name: 'Paramètres' }).click();
    // The settings open on the first service's hours; then the routing tab.
    await page.getByRole('heading', { name: /^Horaires d’ouverture – / }).waitFor();
    await page.getByRole('link', { name: 'Routage' }).click();
    const table = page.getByRole('table', { name: 'Règles de routage, dans leur ordre d’application' });
    await table.getByRole('rowheader', { name: /Propreté/ }).waitFor();
    // The threshold and the classifier's state are on the same page.
    await page.getByLabel('Seuil de confiance (%)').waitFor();
    await page.getByText('Pas encore entraîné').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Ajouter une règle' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle règle de routage' });
    await dialog.getByLabel('Nom').fill('Encombrants');
    await dialog.getByLabel('Mots-clés ou expressions').fill('encombrant*\nvieux matelas');
    await dialog.getByRole('checkbox', { name: 'Facebook', exact: true }).check();
    await dialog.getByLabel('Service', { exact: true }).selectOption({ label: 'Propreté' });
    await dialog.getByLabel('Étiquettes à ajouter').fill('collecte');

    // Tried on a sample before saving: every condition, and today's decision with the saved rules.
    await dialog.getByLabel('Message d’exemple').fill("Un VIEUX MATELAS abandonné devant l'école");
    await dialog.getByLabel('Canal du message').selectOption({ label: 'Facebook' });
    await dialog.getByRole('button', { name: 'Tester', exact: true }).click();
    const outcome = dialog.getByText('La règle correspond à ce message');
    await outcome.waitFor();
    await dialog.getByText('Remplie — Mots-clés ou expressions : mot-clé « vieux matelas »').waitFor();
    await dialog.getByText('Remplie — Canaux : plateforme Facebook').waitFor();
    await dialog.getByText(/Avec les règles enregistrées :.*→ Accueil \(tri\)/).waitFor();
    await dialog.getByLabel('Message d’exemple').fill('Un lampadaire en panne');
    await dialog.getByRole('button', { name: 'Tester', exact: true }).click();
    await dialog.getByText('La règle ne correspond pas à ce message').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // A regex that does not compile: the server's 400 names the field, and focus goes to it.
    await dialog.getByLabel('Expression régulière').fill('(matelas');
    await dialog.getByRole('button', { name: 'Enregistrer la règle' }).click();
    const alert = dialog.getByRole('alert').filter({ hasText: 'La règle n’a pas été enregistrée' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Expression régulière :');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    expect(await t.db.getRepository(RoutingRuleRecord).count()).toBe(2);

    await dialog.getByLabel('Expression régulière').fill('');
    await dialog.getByRole('button', { name: 'Enregistrer la règle' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Encombrants' }) });
    await row.waitFor();
    expect(await row.innerText()).toContain('mots-clés : encombrant*, vieux matelas');

    // Reordered with the keyboard: the focus stays on the moved rule.
    await table.getByRole('button', { name: 'Monter la règle « Encombrants »' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Règle « Encombrants » déplacée en position 2.').waitFor({ state: 'attached' });
    await page.keyboard.press('Enter');
    await page.getByText('Règle « Encombrants » déplacée en position 1.').waitFor({ state: 'attached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Descendre la règle « Encombrants »',
    );
    const stored = await t.db.getRepository(RoutingRuleRecord).find({ order: { position: 'ASC' } });
    expect(stored.map((r) => r.name)).toEqual(['Encombrants', 'Voirie', 'Propreté']);
    const rows = await table.getByRole('rowheader').allInnerTexts();
    expect(rows.map((r) => r.split('\n')[0])).toEqual(['Encombrants', 'Voirie', 'Propreté']);

    // Deleted after a confirmation whose default, focused choice is the safe one.
    await table.getByRole('button', { name: 'Supprimer la règle « Encombrants »' }).click();
    const confirmDelete = page.getByRole('dialog', { name: 'Supprimer la règle' });
    await confirmDelete.getByText('Supprimer la règle « Encombrants » ?', { exact: false }).waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Annuler');
    await confirmDelete.getByRole('button', { name: 'Supprimer la règle', exact: true }).click();
    await confirmDelete.waitFor({ state: 'detached' });
    await table.getByRole('rowheader', { name: 'Encombrants' }).waitFor({ state: 'detached' });
    expect(await t.db.getRepository(RoutingRuleRecord).count()).toBe(2);

    // The services and their members, on the neighbouring tab.
    await page.getByRole('link', { name: 'Services et équipes' }).click();
    const services = page.getByRole('table', { name: 'Services de la collectivité' });
    await services.getByRole('rowheader', { name: 'Voirie' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await services.getByRole('button', { name: 'Membres Voirie' }).click();
    const members = page.getByRole('dialog', { name: 'Membres du service Voirie' });
    await members.getByLabel('Ajouter une personne').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await members.getByRole('button', { name: 'Annuler' }).click();
    await services.getByRole('button', { name: 'Modifier Voirie' }).click();
    const edit = page.getByRole('dialog', { name: 'Modifier le service' });
    await edit.getByRole('radio', { name: /À tour de rôle/ }).check();
    await edit.getByLabel('Tickets ouverts au plus par agent').fill('8');
    expect(await seriousViolations(page)).toEqual([]);
    await edit.getByRole('button', { name: 'Enregistrer le service' }).click();
    await services.getByText('à tour de rôle, 8 tickets ouverts au plus par agent').waitFor();

    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows an agent why a ticket is in triage, and moves it with a reason', async () => {
    await t.reset();
    const town = await makeTown(t.db);
    await makePageAccount(t);
    const bySlug = new Map([town.accueil, town.voirie, town.proprete].map((s) => [s.slug, s.id]));
    await t.db.getRepository(ClassifierExample).insert(
      loadCorpus(join(process.cwd())).flatMap((m) => {
        const serviceId = bySlug.get(m.service);
        return m.split === 'train' && serviceId ? [{ text: m.text, serviceId, source: 'corpus' }] : [];
      }),
    );
    await t.app.get(ClassifierService).train('admin');
    const agent = await makeUser(t.db, {
      services: [town.accueil, town.voirie],
      displayName: 'Nadia Benali',
    });
    await postMetaWebhook(
      t,
      feedDelivery([{ commentId: '9300_1', message: "Est-ce que quelqu'un peut me rappeler ?" }]),
    );
    const ticket = await t.db.getRepository(Ticket).findOneByOrFail({ serviceId: town.accueil.id });

    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await logIn(page, t, agent.email);
    await page.goto(`${t.url}/tickets/${ticket.id}`);

    const panel = page.getByRole('region', { name: 'Pourquoi ce service ?' });
    await panel.getByText('Classifieur incertain', { exact: true }).waitFor();
    const suggestions = await panel.getByRole('listitem').allInnerTexts();
    // The top three, each with its percentage.
    expect(suggestions).toHaveLength(3);
    for (const s of suggestions) expect(s).toMatch(/^(Accueil|Voirie|Propreté)\s\d{1,3}\s%/);
    expect(await seriousViolations(page)).toEqual([]);

    // A suggestion fills the form in; the reason is required.
    await panel.getByRole('button', { name: 'Choisir Voirie' }).click();
    const form = page.getByRole('region', { name: 'Changer de service' });
    expect(await form.getByLabel('Nouveau service').inputValue()).toBe(town.voirie.id);
    await form.getByRole('button', { name: 'Réorienter le ticket' }).click();
    await form.getByText('Indiquez pourquoi le ticket change de service.').waitFor();
    await form.getByLabel('Raison').fill('Chaussée abîmée, précisé au téléphone');
    await form.getByRole('button', { name: 'Réorienter le ticket' }).click();
    await panel.getByText(/De Accueil vers Voirie, par Nadia Benali/).waitFor();
    await panel.getByText('« Chaussée abîmée, précisé au téléphone »').waitFor();
    expect((await t.db.getRepository(Ticket).findOneByOrFail({ id: ticket.id })).serviceId).toBe(
      town.voirie.id,
    );
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
