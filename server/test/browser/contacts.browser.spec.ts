import type { Browser } from 'playwright-core';
import { Contact } from '../../src/contacts/contact.entity';
import { Message } from '../../src/tickets/message.entity';
import { Ticket } from '../../src/tickets/ticket.entity';
import { feedDelivery, makePageAccount, makeTown, makeUser, postMetaWebhook } from '../factories';
import type { TestApp } from '../test-app';
import { seriousViolations } from './axe';
import { launchChromium, signIn, startAppWithClient } from './chromium';

const IG_ID = '17841400000000777';

/** An Instagram comment webhook, as Meta sends it. */
const instagramComment = (id: string, username: string, text: string) => ({
  object: 'instagram',
  entry: [
    {
      id: IG_ID,
      time: Math.floor(Date.now() / 1000),
      changes: [
        {
          field: 'comments',
          value: {
            from: { id: '9901', username },
            media: { id: '1901', media_product_type: 'FEED' },
            id,
            text,
          },
        },
      ],
    },
  ],
});

const ticketOf = async (t: TestApp, platformMessageId: string) =>
  t.db.getRepository(Ticket).findOneByOrFail({
    id: (await t.db.getRepository(Message).findOneByOrFail({ platformMessageId })).ticketId,
  });

describe('The contact page in a real browser', () => {
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

  it('takes an agent from a ticket to the contact, merges their other account, and tags them', async () => {
    await t.reset();
    const { voirie } = await makeTown(t.db);
    await makePageAccount(t);
    await makePageAccount(t, { platform: 'instagram', externalId: IG_ID, name: 'villedetest' });
    const agent = await makeUser(t.db, { services: [voirie], displayName: 'Julie Martin' });
    await postMetaWebhook(
      t,
      feedDelivery([
        {
          commentId: '9600_1',
          from: { id: '8601', name: 'Marie Curie' },
          message: 'Un nid de poule rue Pasteur',
        },
      ]),
    );
    await postMetaWebhook(
      t,
      instagramComment('ig_9600', 'marie.curie', 'Le trottoir est défoncé rue Pasteur'),
    );
    const facebook = await ticketOf(t, '9600_1');
    const instagram = await ticketOf(t, 'ig_9600');
    expect(instagram.contactId).not.toBe(facebook.contactId);

    // The ticket page: the contact's name leads to their page; the history says what Guichet did.
    const { page, errors } = await signIn(browser, t, agent.email);
    await page.goto(`${t.url}/tickets/${facebook.id}`);
    await page.getByRole('heading', { level: 1, name: 'Un nid de poule rue Pasteur' }).waitFor();
    await page.getByRole('button', { name: 'Autres demandes de ce contact (0)' }).waitFor();
    await page.getByRole('button', { name: 'Historique' }).click();
    await page.getByText(/Guichet — Demande reçue, routée/).waitFor();
    await page.getByText('Guichet — Statut initial : Nouveau').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Marie Curie' }).click();

    // The contact page: one identity, one ticket.
    await page.getByRole('heading', { level: 1, name: 'Marie Curie' }).waitFor();
    expect(page.url()).toBe(`${t.url}/contacts/${facebook.contactId}`);
    const identities = page.getByRole('region', { name: 'Comptes du contact' });
    await identities.getByText('Facebook').waitFor();
    const tickets = page.getByRole('region', { name: 'Ses demandes, tous canaux confondus' });
    await tickets.getByRole('link', { name: `#${facebook.reference} Un nid de poule rue Pasteur` }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // Merge: search (debounced), pick, read what merging does, confirm.
    await page.getByRole('button', { name: 'Fusionner avec un autre contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'Fusionner avec un autre contact' });
    const search = dialog.getByRole('searchbox', { name: 'Rechercher un contact' });
    await search.fill('zz');
    await dialog.getByText('Aucun autre contact ne correspond à « zz ».').waitFor();
    await search.fill('MARIE');
    const choose = dialog.getByRole('button', { name: 'Choisir marie.curie' });
    await choose.waitFor();
    // The page's own person is not offered.
    expect(await dialog.getByRole('button', { name: 'Choisir Marie Curie' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await choose.click();
    await dialog.getByRole('heading', { name: 'Confirmer la fusion' }).waitFor();
    await dialog.getByText('la fusion est définitive : elle ne peut pas être annulée.').waitFor();
    await dialog.getByText('ses demandes (1) sont rattachées à « Marie Curie » ;').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Fusionner définitivement' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('« marie.curie » a été fusionné dans ce contact.').waitFor();

    // Both accounts, both tickets.
    await identities.getByText('Instagram').waitFor();
    await identities.getByText('(@marie.curie)').waitFor();
    await tickets
      .getByRole('link', { name: `#${instagram.reference} Le trottoir est défoncé rue Pasteur` })
      .waitFor();
    await tickets.getByRole('link', { name: `#${facebook.reference} Un nid de poule rue Pasteur` }).waitFor();
    expect((await t.db.getRepository(Ticket).findOneByOrFail({ id: instagram.id })).contactId).toBe(
      facebook.contactId,
    );

    // A tag, typed as agents do, stored normalised.
    const tags = page.getByRole('combobox', { name: 'Étiquettes du contact' });
    await tags.fill('  Presse ');
    await tags.press('Enter');
    // The last one typed without Enter is kept too.
    await tags.fill('Quartier   Nord');
    await page.getByRole('button', { name: 'Enregistrer les étiquettes' }).click();
    await page.getByText('Étiquettes enregistrées.').waitFor();
    expect(
      (await t.db.getRepository(Contact).findOneByOrFail({ id: facebook.contactId as string })).tags,
    ).toEqual(['presse', 'quartier nord']);
    expect(await seriousViolations(page)).toEqual([]);

    // Back on the ticket: the other request is one click away.
    await page.goto(`${t.url}/tickets/${facebook.id}`);
    await page.getByRole('button', { name: 'Autres demandes de ce contact (1)' }).waitFor();
    await page
      .getByRole('link', { name: `#${instagram.reference} Le trottoir est défoncé rue Pasteur` })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Le trottoir est défoncé rue Pasteur' }).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);
});
