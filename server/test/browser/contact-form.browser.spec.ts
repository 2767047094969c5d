import type { Browser, Page } from 'playwright-core';
import { Message } from '../../src/tickets/message.entity';
import { Ticket } from '../../src/tickets/ticket.entity';
import { makeSlaPolicy, makeTown } from '../factories';
import type { TestApp } from '../test-app';
import { seriousViolations } from './axe';
import { launchChromium, startAppWithClient } from './chromium';

/** The focused element's accessible description: the texts its aria-describedby points at. */
async function focusedDescription(
  page: Page,
): Promise<{ tag: string; invalid: string | null; text: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    return {
      tag: el.tagName,
      invalid: el.getAttribute('aria-invalid'),
      text: ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | '),
    };
  });
}

async function tabUntil(page: Page, isTarget: () => boolean, max = 20): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(isTarget)) return;
  }
  throw new Error('focus never reached the target');
}

describe('The public contact form in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startAppWithClient({ SLA_SWEEP_MS: '60000', OUTBOX_SWEEP_MS: '60000' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('is used by keyboard alone, checks in French, survives a lost answer, and stores one ticket', async () => {
    await t.reset();
    const { voirie } = await makeTown(t.db);
    await makeSlaPolicy(t.db);
    const context = await browser.newContext({
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      geolocation: { latitude: 48.8566123, longitude: 2.3522456 },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));

    // No session: the page is public, and ?service= preselects the service.
    await page.goto(`${t.url}/contact?service=voirie`);
    await page.getByRole('heading', { level: 1, name: 'Contacter la mairie' }).waitFor();
    const service = page.getByRole('combobox', { name: 'Service concerné' });
    await service.waitFor();
    expect(await service.inputValue()).toBe('voirie');
    expect(await page.title()).toBe('Contacter la mairie – Guichet');
    expect(await seriousViolations(page)).toEqual([]);

    // Keyboard only: Tab to the service, on to the description, then the address; Enter submits.
    await tabUntil(page, () => document.activeElement?.tagName === 'SELECT');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('address');
    await page.keyboard.press('Enter');
    // Focus moves to the first problem, whose message is linked to it.
    await page.getByText('Décrivez votre demande.').waitFor();
    expect(await focusedDescription(page)).toMatchObject({
      tag: 'TEXTAREA',
      invalid: 'true',
      text: expect.stringContaining('Décrivez votre demande.') as unknown,
    });
    expect(await page.getByText('Indiquez une adresse, ou ajoutez votre position.').count()).toBe(1);
    expect(await t.db.getRepository(Ticket).count()).toBe(0);

    const description = 'Un lampadaire clignote toute la nuit devant le 8 rue des Acacias.';
    await page.keyboard.type(description);
    expect(await focusedDescription(page)).toMatchObject({
      // French groups thousands with a narrow no-break space.
      text: expect.stringMatching(new RegExp(`^${description.length} / 4\\s000 caractères`)) as unknown,
    });
    await page.keyboard.press('Tab'); // address, left empty: a position instead
    await page.keyboard.press('Tab'); // "Utiliser ma position"
    await page.keyboard.press('Tab'); // latitude
    await page.keyboard.type('48,85');
    await page.keyboard.press('Tab'); // longitude, left empty
    await page.keyboard.press('Tab');
    await page.keyboard.type('Lucie');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Martin');
    await page.keyboard.press('Tab');
    await page.keyboard.type('lucie.martin@');
    await page.keyboard.press('Tab');
    await page.keyboard.type('06 12 34 56 78');
    await page.keyboard.press('Tab'); // photo link
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Envoyer ma demande');
    await page.keyboard.press('Enter');

    await page.getByText('Un nombre décimal entre -90 et 90, avec un point (exemple : 48.8566).').waitFor();
    expect(await focusedDescription(page)).toMatchObject({
      invalid: 'true',
      text: expect.stringContaining('Un nombre décimal entre -90 et 90') as unknown,
    });
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('lat');
    await page.getByText('Indiquez aussi la longitude.').waitFor();
    await page.getByText('Adresse e-mail invalide (exemple : prenom.nom@exemple.fr).').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // "Use my position" (Shift+Tab back to it, Space) fills both coordinates.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Space');
    await page.getByText('Position ajoutée').waitFor();
    expect(await page.getByRole('textbox', { name: 'Latitude' }).inputValue()).toBe('48.856612');
    expect(await page.getByRole('textbox', { name: 'Longitude' }).inputValue()).toBe('2.352246');
    await tabUntil(page, () => (document.activeElement as HTMLInputElement).name === 'email');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('lucie.martin@example.fr');

    // The first answer is lost on the way back (the server stored the request): the citizen retries.
    let firstStatus = 0;
    await page.route(
      '**/open311/v2/requests.json',
      async (route) => {
        firstStatus = (await route.fetch()).status();
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    const submit = page.getByRole('button', { name: 'Envoyer ma demande' });
    await submit.press('Enter');
    await page.getByText('Le serveur ne répond pas.', { exact: false }).waitFor();
    expect(firstStatus).toBe(201);
    expect(await t.db.getRepository(Ticket).count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');

    await submit.press('Enter');
    const heading = page.getByRole('heading', { name: 'Demande envoyée' });
    await heading.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Demande envoyée');
    const number = await page.getByTestId('request-number').innerText();
    await page.getByText('Votre demande a été transmise au service Voirie.').waitFor();
    await page
      .getByText('Le service s’engage à traiter votre demande au plus tard le', { exact: false })
      .waitFor();
    expect(await page.title()).toBe('Demande envoyée – Guichet');

    const tickets = await t.db.getRepository(Ticket).find({ relations: { service: true, contact: true } });
    expect(tickets).toHaveLength(1);
    expect(String(tickets[0].reference)).toBe(number);
    expect(tickets[0]).toMatchObject({ platform: 'open311', serviceId: voirie.id });
    expect(tickets[0].contact).toMatchObject({
      platformUserId: 'lucie.martin@example.fr',
      displayName: 'Lucie Martin',
    });
    const message = await t.db.getRepository(Message).findOneByOrFail({ ticketId: tickets[0].id });
    expect(message.body).toBe(`${description}\n\nPosition : 48.856612, 2.352246`);
    expect(await seriousViolations(page)).toEqual([]);

    // A new request is a new form: a double click on it still stores one more ticket, not two.
    await page.getByRole('button', { name: 'Faire une autre demande' }).press('Enter');
    await page.getByRole('textbox', { name: 'Votre demande' }).fill('Poubelles non ramassées.');
    await page.getByRole('textbox', { name: 'Adresse', exact: true }).fill('Place du Marché');
    await page.getByRole('combobox', { name: 'Service concerné' }).selectOption('proprete');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).dblclick();
    await heading.waitFor();
    expect(await t.db.getRepository(Ticket).count()).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows the server’s GeoReport description when it refuses the request', async () => {
    await t.reset();
    await makeTown(t.db);
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${t.url}/contact`);
    await page.getByRole('combobox', { name: 'Service concerné' }).selectOption('voirie');
    // The service closes between loading the page and sending it.
    await t.db.query(`UPDATE services SET slug = 'voirie-fermee' WHERE slug = 'voirie'`);
    await page.getByRole('textbox', { name: 'Votre demande' }).fill('Trottoir effondré.');
    await page.getByRole('textbox', { name: 'Adresse', exact: true }).fill('2 rue Basse');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Votre demande n’a pas été envoyée' }).waitFor();
    await page.getByText('Service concerné : service « voirie » inconnu').waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement).name)).toBe('service');
    expect(await t.db.getRepository(Ticket).count()).toBe(0);
    await context.close();
  }, 60_000);
});
