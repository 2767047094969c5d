import type { Browser } from 'playwright-core';
import { Message } from '../../src/tickets/message.entity';
import { feedDelivery, makePageAccount, makeTown, makeUser, PASSWORD, postMetaWebhook } from '../factories';
import type { TestApp } from '../test-app';
import { waitFor } from '../wait-for';
import { launchChromium, startAppWithClient } from './chromium';

describe('The inbox in a real browser', () => {
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

  it('shows a webhook ticket live, opens it, and sends a reply', async () => {
    await t.reset();
    const { voirie } = await makeTown(t.db);
    await makePageAccount(t);
    const agent = await makeUser(t.db, {
      email: 'julie@ville.example',
      services: [voirie],
      displayName: 'Julie Martin',
    });
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));

    await page.goto(`${t.url}/login`);
    await page.getByLabel('Adresse e-mail').fill(agent.email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const list = page.getByRole('list', { name: 'Tickets' }).or(page.getByRole('table', { name: 'Tickets' }));
    // The list is there (empty, so not yet visible) once the inbox has loaded.
    await list.waitFor({ state: 'attached' });

    const subject = 'Nid de poule dangereux devant la boulangerie <b>rue Pasteur</b>';
    const res = await postMetaWebhook(t, feedDelivery([{ commentId: '9200_1', message: subject }]));
    expect(res.status).toBe(200);

    // Arrives over socket.io: no reload.
    const row = page.getByRole('link', { name: new RegExp('Nid de poule dangereux') });
    await row.waitFor({ timeout: 10_000 });
    await row.click();

    const thread = page.getByRole('article').filter({ hasText: 'Nid de poule dangereux' });
    await thread.waitFor();
    // Citizen text is shown as text, never interpreted as HTML.
    expect(await thread.first().innerText()).toContain('<b>rue Pasteur</b>');

    await page.getByLabel('Réponse').fill('Bonjour, une équipe passe demain matin. Merci !');
    await page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await page.getByRole('article').filter({ hasText: 'une équipe passe demain matin' }).waitFor();

    await waitFor(
      async () =>
        (await t.db.getRepository(Message).countBy({ direction: 'outbound', deliveryStatus: 'sent' })) === 1,
    );
    expect(t.graph.comments.map((c) => c.message)).toEqual([
      'Bonjour, une équipe passe demain matin. Merci !',
    ]);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
