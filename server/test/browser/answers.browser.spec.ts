import type { Browser } from 'playwright-core';
import { Answer } from '../../src/answers/answer.entity';
import { Message } from '../../src/tickets/message.entity';
import { Ticket } from '../../src/tickets/ticket.entity';
import { api, feedDelivery, login, makePageAccount, makeTown, makeUser, postMetaWebhook } from '../factories';
import type { TestApp } from '../test-app';
import { waitFor } from '../wait-for';
import { seriousViolations } from './axe';
import { launchChromium, signIn, startAppWithClient } from './chromium';

describe('Validated answers in a real browser', () => {
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

  it('lets an agent insert a suggested answer, fill its fields, send it and add a note; a head validates a draft', async () => {
    await t.reset();
    const { proprete } = await makeTown(t.db);
    await makePageAccount(t);
    const agent = await makeUser(t.db, {
      email: 'julie@ville.example',
      services: [proprete],
      displayName: 'Julie Martin',
    });
    const head = await makeUser(t.db, {
      email: 'thierry@ville.example',
      role: 'service_head',
      services: [proprete],
      displayName: 'Thierry Lambert',
    });
    const agentCookie = await login(t, agent.email);
    const headCookie = await login(t, head.email);
    const create = async (title: string, body: string, tags: string[]) =>
      (
        await api<{ id: string }>(t, agentCookie, '/api/answers', {
          method: 'POST',
          body: { serviceId: proprete.id, title, body, tags, suitableFor: 'both' },
        })
      ).body.id;
    const bac = await create(
      'Bac non collecté',
      'Bonjour {prenom}, votre poubelle sera ramassée le {date_passage}. Merci de votre patience.',
      ['collecte'],
    );
    await api(t, headCookie, `/api/answers/${bac}/validate`, { method: 'POST', body: {} });
    const horaires = await create(
      'Horaires de la déchetterie',
      'Bonjour {prenom}, la déchetterie ouvre le samedi.',
      [],
    );
    await api(t, headCookie, `/api/answers/${horaires}/validate`, { method: 'POST', body: {} });
    const draft = await create('Encombrants sur le trottoir', 'Bonjour {prenom}, un agent passera.', [
      'encombrants',
    ]);

    await postMetaWebhook(
      t,
      feedDelivery([
        {
          commentId: '9500_1',
          message: 'Ma poubelle n’a pas été ramassée depuis deux semaines, rue des Lilas',
          from: { id: '7501', name: 'Marie Dupont' },
        },
      ]),
    );
    const ticket = await t.db.getRepository(Ticket).findOneOrFail({ where: {} });

    // The agent's ticket page: public reply made obvious, the suggested answer inserted, first name filled.
    const { page, errors } = await signIn(browser, t, agent.email);
    await page.goto(`${t.url}/tickets/${ticket.id}`);
    await page.getByText('Réponse publique, visible par tous').waitFor();
    const insert = page.getByRole('button', { name: 'Insérer « Bac non collecté »' });
    await insert.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await insert.click();
    const reply = page.getByRole('textbox', { name: 'Réponse', exact: true });
    expect(await reply.inputValue()).toBe(
      'Bonjour Marie, votre poubelle sera ramassée le {date_passage}. Merci de votre patience.',
    );
    await page.getByText('Réponse validée : Bac non collecté (v1)').waitFor();

    // Sending with a field left is refused, and says which.
    await page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await page.getByText('Complétez le champ {date_passage} avant d’envoyer.').waitFor();
    const field = page.getByRole('textbox', { name: 'Date de passage' });
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).dataset.placeholder)).toBe(
      'date_passage',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await field.fill('mardi 12 mai');
    await field.press('Enter');
    expect(await reply.inputValue()).toBe(
      'Bonjour Marie, votre poubelle sera ramassée le mardi 12 mai. Merci de votre patience.',
    );
    await page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    const sent = page.getByRole('article').filter({ hasText: 'ramassée le mardi 12 mai' });
    await sent.waitFor();
    await sent.getByText('Réponse validée : Bac non collecté (v1)').waitFor();
    await waitFor(async () => (await t.db.getRepository(Message).countBy({ deliveryStatus: 'sent' })) === 1);
    expect(await t.db.getRepository(Message).findOneByOrFail({ direction: 'outbound' })).toMatchObject({
      answerId: bac,
      answerVersion: 1,
      answerEdited: false,
    });
    expect((await t.db.getRepository(Answer).findOneByOrFail({ id: bac })).usageCount).toBe(1);

    // The search is a keyboard combobox.
    const search = page.getByRole('combobox', { name: 'Rechercher par titre, mot ou tag' });
    await search.focus();
    await search.pressSequentially('dechet');
    const options = page.getByRole('listbox').getByRole('option');
    await options.filter({ hasText: 'Horaires de la déchetterie' }).waitFor();
    // Debounced: the list narrows to what was typed.
    await waitFor(async () => (await options.count()) === 1);
    await search.press('ArrowDown');
    await search.press('Enter');
    expect(await reply.inputValue()).toBe('Bonjour Marie, la déchetterie ouvre le samedi.');
    await page.getByRole('button', { name: 'Retirer le texte inséré et revenir au texte précédent' }).click();
    expect(await reply.inputValue()).toBe('');

    // An internal note: shown in the thread, never sent.
    await page.getByRole('radio', { name: 'Note interne' }).check();
    await page
      .getByText('Note interne : visible seulement par les agents, jamais envoyée au citoyen')
      .waitFor();
    await page.getByRole('textbox', { name: 'Note interne' }).fill('Prestataire relancé par téléphone.');
    await page.getByRole('button', { name: 'Ajouter la note' }).click();
    await page.getByRole('article').filter({ hasText: 'Prestataire relancé par téléphone.' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(t.graph.comments.map((c) => c.message)).toEqual([
      'Bonjour Marie, votre poubelle sera ramassée le mardi 12 mai. Merci de votre patience.',
    ]);
    expect(errors).toEqual([]);
    await page.context().close();

    // The head finds the draft waiting and validates it.
    const headSession = await signIn(browser, t, head.email);
    const headPage = headSession.page;
    await headPage.getByRole('link', { name: 'Réponses validées' }).click();
    await headPage.getByRole('heading', { level: 1, name: 'Réponses validées' }).waitFor();
    await headPage.getByRole('table', { name: 'Réponses validées' }).waitFor();
    expect(await seriousViolations(headPage)).toEqual([]);
    await headPage.getByRole('checkbox', { name: 'Seulement celles qui attendent une validation' }).check();
    await headPage.getByText('1 réponses affichées sur 1.').waitFor();
    await headPage.getByRole('link', { name: 'Encombrants sur le trottoir' }).click();
    await headPage.getByRole('heading', { level: 1, name: 'Encombrants sur le trottoir' }).waitFor();
    expect(await seriousViolations(headPage)).toEqual([]);
    await headPage.getByRole('button', { name: 'Valider la version 1' }).click();
    await headPage.getByText('Texte en service (v1)').waitFor();
    await waitFor(
      async () => (await t.db.getRepository(Answer).findOneByOrFail({ id: draft })).status === 'validated',
    );
    const history = headPage.getByRole('list', { name: 'Historique des versions' });
    await history.getByText(/Validée par Thierry Lambert le/).waitFor();
    expect(headSession.errors).toEqual([]);
    await headPage.context().close();
  }, 120_000);
});
