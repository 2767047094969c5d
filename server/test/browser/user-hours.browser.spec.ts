import { User } from '../../src/users/user.entity';
import { makeTown, makeUser } from '../factories';
import { seriousViolations } from './axe';
import { browserFixture } from './chromium';

describe('A person’s own hours in a real browser', () => {
  const fx = browserFixture();

  it('lets an admin set an agent’s hours, refuses an interval ending before it starts, and the agent goes back to the service’s', async () => {
    const { t } = fx;
    await t.reset();
    const { voirie } = await makeTown(t.db);
    const admin = await makeUser(t.db, { role: 'admin' });
    const agent = await makeUser(t.db, { services: [voirie], displayName: 'Nadia Benali' });
    const storedCalendar = async () =>
      (await t.db.getRepository(User).findOneByOrFail({ id: agent.id })).calendar;

    // The admin opens the agent's hours from the members of her service.
    const { page, errors } = await fx.open(admin.email);
    await page.getByRole('link', { name: 'Paramètres' }).click();
    await page.getByRole('link', { name: 'Services et équipes' }).click();
    const services = page.getByRole('table', { name: 'Services de la collectivité' });
    await services.getByRole('button', { name: 'Membres Voirie' }).click();
    const members = page.getByRole('dialog', { name: 'Membres du service Voirie' });
    await members.getByRole('link', { name: 'Horaires de Nadia Benali' }).click();
    await page.getByRole('heading', { name: 'Horaires de Nadia Benali', level: 1 }).waitFor();
    await page.getByText('Suit les horaires du service.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // New own hours start from the service's: only Saturday morning needs typing.
    await page.getByRole('button', { name: 'Définir des horaires personnels' }).click();
    await page.waitForFunction(() =>
      document.activeElement?.textContent?.startsWith('Ces horaires partent de ceux du service'),
    );
    expect(await page.getByLabel('Lundi, plage 2 : Fermeture').inputValue()).toBe('17:00');
    await page.getByRole('button', { name: 'Ajouter une plage le Samedi' }).click();
    const satOpen = page.getByLabel('Samedi, plage 1 : Ouverture');
    const satClose = page.getByLabel('Samedi, plage 1 : Fermeture');
    await satOpen.fill('12:00');
    await satClose.fill('09:00');
    await page.getByRole('button', { name: 'Enregistrer les horaires' }).click();

    // The server refuses it: the message sits on Saturday's interval, focus goes there, nothing is stored.
    const alert = page.getByRole('alert').filter({ hasText: 'Les horaires n’ont pas été enregistrés' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Samedi, plage 1 : closing time is before opening time');
    expect(await satOpen.getAttribute('aria-invalid')).toBe('true');
    expect(await satClose.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await satClose.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    expect(await page.locator(`[id="${describedBy}"]`).innerText()).toContain(
      'closing time is before opening time',
    );
    expect(await page.getByLabel('Lundi, plage 1 : Ouverture').getAttribute('aria-invalid')).toBeNull();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    expect(await storedCalendar()).toBeNull();
    expect(await seriousViolations(page)).toEqual([]);

    await satClose.fill('16:00');
    await page.getByRole('button', { name: 'Enregistrer les horaires' }).click();
    await page.getByText('Horaires enregistrés.').waitFor();
    await page.getByText('A ses propres horaires, ci-dessous.').waitFor();
    const stored = await storedCalendar();
    expect(stored?.hours.sat).toEqual([['12:00', '16:00']]);
    expect(stored?.hours.mon).toEqual([
      ['08:30', '12:00'],
      ['13:30', '17:00'],
    ]);
    expect(stored?.timeZone).toBe('Europe/Paris');
    // The API says the same, and the members list marks her own hours.
    const list = await page.evaluate(
      async () =>
        (await (await fetch('/api/users')).json()) as Array<{ id: string; hasOwnCalendar: boolean }>,
    );
    expect(list.find((u) => u.id === agent.id)?.hasOwnCalendar).toBe(true);
    await page.getByRole('link', { name: 'Retour à Services et équipes' }).click();
    await services.getByRole('button', { name: 'Membres Voirie' }).click();
    await members.getByText('(horaires personnels)').waitFor();
    expect(errors).toEqual([]);

    // The agent finds them under « Mes horaires », and goes back to the service's hours.
    const agentSession = await fx.open(agent.email);
    const agentPage = agentSession.page;
    await agentPage.getByRole('link', { name: 'Mes horaires' }).click();
    await agentPage.getByRole('heading', { name: 'Mes horaires', level: 1 }).waitFor();
    await agentPage.getByText('Vous avez vos propres horaires, ci-dessous.').waitFor();
    expect(await agentPage.getByLabel('Samedi, plage 1 : Ouverture').inputValue()).toBe('12:00');
    expect(await agentPage.getByLabel('Samedi, plage 1 : Fermeture').inputValue()).toBe('16:00');
    expect(await seriousViolations(agentPage)).toEqual([]);

    await agentPage.getByRole('button', { name: 'Revenir aux horaires du service' }).click();
    const confirm = agentPage.getByRole('dialog', { name: 'Revenir aux horaires du service ?' });
    await confirm.getByText('Vos horaires personnels seront effacés').waitFor();
    expect(await seriousViolations(agentPage)).toEqual([]);
    await confirm.getByRole('button', { name: 'Revenir aux horaires du service' }).click();
    await confirm.waitFor({ state: 'detached' });
    await agentPage.getByText('Vous suivez les horaires du service.').waitFor();
    // Focus lands on the hours now in force, not on the page's body.
    await agentPage.waitForFunction(
      () => document.activeElement?.textContent === 'Horaires en vigueurVous suivez les horaires du service.',
    );
    expect(await agentPage.getByLabel('Samedi, plage 1 : Ouverture').count()).toBe(0);
    expect(await storedCalendar()).toBeNull();
    expect(agentSession.errors).toEqual([]);
  }, 120_000);
});
