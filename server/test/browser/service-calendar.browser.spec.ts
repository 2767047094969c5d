import { Service } from '../../src/services/service.entity';
import { makeTown, makeUser } from '../factories';
import { seriousViolations } from './axe';
import { browserFixture } from './chromium';

describe('A service’s hours in a real browser', () => {
  const fx = browserFixture();

  it('lets a head refuse-then-save the hours of their service with the shared calendar editor', async () => {
    const { t } = fx;
    await t.reset();
    const { voirie } = await makeTown(t.db);
    const head = await makeUser(t.db, { role: 'service_head', services: [voirie] });
    const stored = async () =>
      (await t.db.getRepository(Service).findOneByOrFail({ id: voirie.id })).calendar;

    const { page, errors } = await fx.open(head.email);
    await page.getByRole('link', { name: 'Paramètres' }).click();
    await page.getByRole('heading', { name: 'Horaires d’ouverture – Voirie', level: 1 }).waitFor();
    await page.getByText('Les délais ne courent que pendant ces horaires').waitFor();
    await page.getByRole('button', { name: 'Ajouter une plage le Samedi' }).click();
    await page.getByLabel('Samedi, plage 1 : Ouverture').fill('11:00');
    await page.getByLabel('Samedi, plage 1 : Fermeture').fill('10:00');
    await page.getByRole('button', { name: 'Enregistrer les horaires' }).click();
    await page.getByRole('alert').filter({ hasText: 'Les horaires n’ont pas été enregistrés' }).waitFor();
    expect(await page.getByLabel('Samedi, plage 1 : Fermeture').getAttribute('aria-invalid')).toBe('true');
    expect((await stored()).hours.sat).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Samedi, plage 1 : Fermeture').fill('12:00');
    await page.getByRole('button', { name: 'Enregistrer les horaires' }).click();
    await page.getByText('Horaires enregistrés.').waitFor();
    expect((await stored()).hours.sat).toEqual([['11:00', '12:00']]);
    expect(errors).toEqual([]);
  }, 60_000);
});
