import { Message } from '../../src/tickets/message.entity';
import { Ticket } from '../../src/tickets/ticket.entity';
import { feedDelivery, makePageAccount, makeTown, makeUser, postMetaWebhook } from '../factories';
import { waitFor } from '../wait-for';
import { seriousViolations } from './axe';
import { browserFixture } from './chromium';

describe('Approval of a sensitive reply in a real browser', () => {
  const fx = browserFixture();

  it('warns the agent before sending; the reply reaches the open queue live, and a head edits then approves it', async () => {
    const { t } = fx;
    await t.reset();
    const { voirie } = await makeTown(t.db);
    await makePageAccount(t);
    const agent = await makeUser(t.db, { services: [voirie], displayName: 'Julie Martin' });
    const head = await makeUser(t.db, {
      role: 'service_head',
      services: [voirie],
      displayName: 'Thierry Lambert',
    });
    await postMetaWebhook(
      t,
      feedDelivery([{ commentId: '9600_1', message: 'Lampadaire cassé rue des Tilleuls' }]),
    );
    const ticket = await t.db.getRepository(Ticket).findOneOrFail({ where: {} });
    await t.db.getRepository(Ticket).update({ id: ticket.id }, { sensitive: true });

    // The head has the queue open, empty, from the navigation.
    const h = await fx.open(head.email);
    await h.page.getByRole('link', { name: 'Validations' }).click();
    await h.page.getByRole('heading', { name: 'Réponses à valider', level: 1 }).waitFor();
    await h.page.getByText('Aucune réponse n’attend votre validation.').waitFor();

    // The agent is told before sending, then sees the reply held in the thread.
    const a = await fx.open(agent.email);
    await a.page.goto(`${t.url}/tickets/${ticket.id}`);
    await a.page.getByRole('textbox', { name: 'Réponse', exact: true }).fill('Une équipe passe demain.');
    await a.page
      .getByRole('status')
      .filter({ hasText: 'Cette réponse sera soumise à validation : ticket signalé sensible.' })
      .waitFor();
    expect(await seriousViolations(a.page)).toEqual([]);
    await a.page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    const held = a.page.getByRole('article').filter({ hasText: 'Une équipe passe demain.' });
    await held.getByText('En attente de validation').waitFor();
    await held.getByText('Motifs : ticket signalé sensible').waitFor();
    expect(t.graph.comments).toHaveLength(0);

    // It arrives in the head's queue without a reload; the head edits it and approves it.
    // Named by its heading, so it stays found while its text is being edited.
    const item = h.page.getByRole('article', { name: `Ticket n° ${ticket.reference} — ${ticket.subject}` });
    await item.getByText('Une équipe passe demain.').waitFor();
    await item.getByText('Motifs : ticket signalé sensible').waitFor();
    expect(await seriousViolations(h.page)).toEqual([]);
    await item.getByRole('button', { name: 'Modifier puis valider' }).click();
    const text = item.getByRole('textbox', { name: 'Texte qui sera envoyé' });
    await text.fill('Bonjour, une équipe passe demain matin.');
    await item.getByRole('button', { name: 'Valider ce texte et l’envoyer' }).click();
    await h.page.getByText('Aucune réponse n’attend votre validation.').waitFor();
    await h.page.getByText(`Réponse du ticket n° ${ticket.reference} validée : envoi en cours.`).waitFor();
    // The keyboard stays on the page, not on a button that left with the reply.
    expect(await h.page.evaluate(() => document.activeElement?.textContent)).toBe('Réponses à valider');

    await waitFor(() => t.graph.comments.length === 1);
    expect(t.graph.comments[0]?.message).toBe('Bonjour, une équipe passe demain matin.');
    // The agent's thread turns live: sent, with the text they had proposed.
    const sent = a.page.getByRole('article').filter({ hasText: 'Bonjour, une équipe passe demain matin.' });
    await sent.getByText('Envoyé', { exact: true }).waitFor();
    await sent.getByText(/Texte proposé : « Une équipe passe demain. »/).waitFor();
    const stored = await t.db.getRepository(Message).findOneByOrFail({ direction: 'outbound' });
    expect(stored).toMatchObject({ deliveryStatus: 'sent', originalBody: 'Une équipe passe demain.' });
    expect([...a.errors, ...h.errors]).toEqual([]);
  }, 120_000);
});
