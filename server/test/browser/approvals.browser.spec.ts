import { Message } from '../../src/tickets/message.entity';
import { Ticket } from '../../src/tickets/ticket.entity';
import type { MessageView } from '@guichet/shared';
import type { User } from '../../src/users/user.entity';
import { api, feedDelivery, login, makePageAccount, makeTown, makeUser, postMetaWebhook } from '../factories';
import { waitFor } from '../wait-for';
import { seriousViolations } from './axe';
import { browserFixture } from './chromium';
import type { Page } from 'playwright-core';

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
  describe('on the ticket page', () => {
    /** A sensitive ticket in Voirie with a reply by Julie Martin held on it; a head, a colleague, a second head. */
    async function heldReply(text = 'Une équipe passe demain.') {
      const { t } = fx;
      await t.reset();
      const { voirie } = await makeTown(t.db);
      await makePageAccount(t);
      const [agent, colleague, head, head2] = await Promise.all([
        makeUser(t.db, { services: [voirie], displayName: 'Julie Martin' }),
        makeUser(t.db, { services: [voirie], displayName: 'Paul Girard' }),
        makeUser(t.db, { role: 'service_head', services: [voirie], displayName: 'Thierry Lambert' }),
        makeUser(t.db, { role: 'service_head', services: [voirie], displayName: 'Nadia Benali' }),
      ]);
      await postMetaWebhook(
        t,
        feedDelivery([{ commentId: '9700_1', message: 'Lampadaire cassé rue des Tilleuls' }]),
      );
      const ticket = await t.db.getRepository(Ticket).findOneOrFail({ where: {} });
      await t.db.getRepository(Ticket).update({ id: ticket.id }, { sensitive: true });
      const res = await api<MessageView>(
        t,
        await login(t, agent.email),
        `/api/tickets/${ticket.id}/replies`,
        {
          method: 'POST',
          body: { body: text },
        },
      );
      expect(res.body.deliveryStatus).toBe('pending_approval');
      return { ticket, reply: res.body, agent, colleague, head, head2 };
    }

    const openTicket = async (user: User, ticketId: string) => {
      const session = await fx.open(user.email);
      await session.page.goto(`${fx.t.url}/tickets/${ticketId}`);
      return session;
    };
    const heldArticle = (page: Page, text: string) => page.getByRole('article').filter({ hasText: text });
    const decisionGroup = (page: Page) =>
      page.getByRole('group', { name: /^Votre décision sur la réponse de Julie Martin/ });

    it('marks the inbox row « À valider »; a head approves from the thread and the row changes live', async () => {
      const { t } = fx;
      const { ticket, agent, head } = await heldReply();

      // The author's inbox shows the badge; it goes without a reload once the head decides.
      const a = await fx.open(agent.email);
      const row = a.page.getByRole('listitem').filter({
        has: a.page.getByRole('link', { name: new RegExp(`#${ticket.reference}`) }),
      });
      await row.getByText('À valider', { exact: true }).waitFor();
      expect(await seriousViolations(a.page)).toEqual([]);

      const h = await openTicket(head, ticket.id);
      const held = heldArticle(h.page, 'Une équipe passe demain.');
      await held.getByText('En attente de validation').waitFor();
      const group = decisionGroup(h.page);
      await group.waitFor();
      expect(await seriousViolations(h.page)).toEqual([]);

      // By keyboard: the first control of the group is « Valider et envoyer ».
      const approve = group.getByRole('button', { name: 'Valider et envoyer' });
      await approve.focus();
      await h.page.keyboard.press('Enter');
      await h.page.getByText(`Réponse du ticket n° ${ticket.reference} validée : envoi en cours.`).waitFor();
      await held.getByText('Envoyé', { exact: true }).waitFor();
      await held.getByText('Validée par Thierry Lambert').waitFor();
      expect(await group.count()).toBe(0);
      // The keyboard lands on the reply's new state, not on a button that went away.
      expect(await h.page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status');

      await waitFor(() => t.graph.comments.length === 1);
      expect(t.graph.comments[0]?.message).toBe('Une équipe passe demain.');
      await row.getByText('À valider', { exact: true }).waitFor({ state: 'detached' });
      expect(await row.getByRole('link').count()).toBe(1);
      expect([...a.errors, ...h.errors]).toEqual([]);
    }, 120_000);

    it('lets a head edit then approve from the thread', async () => {
      const { t } = fx;
      const { ticket, head } = await heldReply();
      const h = await openTicket(head, ticket.id);
      const group = decisionGroup(h.page);
      await group.getByRole('button', { name: 'Modifier puis valider' }).click();
      await group
        .getByRole('textbox', { name: 'Texte qui sera envoyé' })
        .fill('Bonjour, une équipe passe demain matin.');
      await group.getByRole('button', { name: 'Valider ce texte et l’envoyer' }).click();
      const sent = heldArticle(h.page, 'Bonjour, une équipe passe demain matin.');
      await sent.getByText('Envoyé', { exact: true }).waitFor();
      await sent.getByText(/Texte proposé : « Une équipe passe demain. »/).waitFor();
      await waitFor(() => t.graph.comments.length === 1);
      expect(t.graph.comments[0]?.message).toBe('Bonjour, une équipe passe demain matin.');
      expect(h.errors).toEqual([]);
    }, 120_000);

    it('lets a head reject with a required comment from the thread; the author sees it live', async () => {
      const { t } = fx;
      const { ticket, reply, agent, head } = await heldReply();
      const a = await openTicket(agent, ticket.id);
      await heldArticle(a.page, 'Une équipe passe demain.').getByText('En attente de validation').waitFor();

      const h = await openTicket(head, ticket.id);
      const group = decisionGroup(h.page);
      await group.getByRole('button', { name: 'Refuser' }).click();
      const comment = group.getByRole('textbox', { name: 'Commentaire pour l’auteur' });
      expect(await comment.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await seriousViolations(h.page)).toEqual([]);
      // Without a comment nothing is sent to the server.
      await group.getByRole('button', { name: 'Refuser la réponse' }).click();
      await group.getByText('Expliquez le refus à l’auteur.').waitFor();
      expect((await t.db.getRepository(Message).findOneByOrFail({ id: reply.id })).deliveryStatus).toBe(
        'pending_approval',
      );
      await comment.fill('Ne promettez pas de date, merci.');
      await group.getByRole('button', { name: 'Refuser la réponse' }).click();
      await h.page
        .getByText(`Réponse du ticket n° ${ticket.reference} refusée ; l’auteur est prévenu.`)
        .waitFor();
      await heldArticle(h.page, 'Une équipe passe demain.')
        .getByText('Refusée : Ne promettez pas de date, merci.')
        .waitFor();

      await heldArticle(a.page, 'Une équipe passe demain.')
        .getByText('Refusée : Ne promettez pas de date, merci.')
        .waitFor();
      const stored = await t.db.getRepository(Message).findOneByOrFail({ id: reply.id });
      expect(stored).toMatchObject({
        deliveryStatus: 'rejected',
        approvalComment: 'Ne promettez pas de date, merci.',
      });
      expect(t.graph.comments).toHaveLength(0);
      expect([...a.errors, ...h.errors]).toEqual([]);
    }, 120_000);

    it('shows the author and a plain agent the state only, never the decision', async () => {
      const { ticket, agent, colleague } = await heldReply();
      for (const user of [agent, colleague]) {
        const s = await openTicket(user, ticket.id);
        const held = heldArticle(s.page, 'Une équipe passe demain.');
        await held.getByText('En attente de validation').waitFor();
        await held.getByText('Motifs : ticket signalé sensible').waitFor();
        expect(await held.getByRole('button').count()).toBe(0);
        expect(await s.page.getByRole('button', { name: 'Valider et envoyer' }).count()).toBe(0);
        expect(await s.page.getByRole('button', { name: 'Refuser' }).count()).toBe(0);
        expect(s.errors).toEqual([]);
      }
    }, 120_000);

    it('shows a head their own held reply without the decision; another head decides it', async () => {
      const { t } = fx;
      const { ticket, head, head2 } = await heldReply();
      const res = await api<MessageView>(t, await login(t, head.email), `/api/tickets/${ticket.id}/replies`, {
        method: 'POST',
        body: { body: 'Réponse du responsable.' },
      });
      expect(res.body.deliveryStatus).toBe('pending_approval');
      const h = await openTicket(head, ticket.id);
      const own = heldArticle(h.page, 'Réponse du responsable.');
      await own.getByText('En attente de validation').waitFor();
      // Julie's reply: Thierry decides it; his own: he may not.
      await decisionGroup(h.page).waitFor();
      expect(await own.getByRole('button').count()).toBe(0);

      const h2 = await openTicket(head2, ticket.id);
      await h2.page
        .getByRole('group', { name: /^Votre décision sur la réponse de Thierry Lambert/ })
        .waitFor();
      expect([...h.errors, ...h2.errors]).toEqual([]);
    }, 120_000);

    it('says so when another head decided meanwhile (409), and shows the reply as it now stands', async () => {
      const { t } = fx;
      const { ticket, reply, head } = await heldReply();
      const h = await openTicket(head, ticket.id);
      const group = decisionGroup(h.page);
      await group.waitFor();
      // Decided behind this page's back, before any live event could reach it.
      await t.db.getRepository(Message).update(
        { id: reply.id },
        {
          deliveryStatus: 'rejected',
          approvalComment: 'Déjà vu avec le maire.',
          approvalDecidedAt: new Date(),
        },
      );
      await group.getByRole('button', { name: 'Valider et envoyer' }).click();
      await h.page.getByText('Réponse déjà traitée').waitFor();
      await h.page.getByText('Cette réponse a déjà été validée ou refusée par quelqu’un d’autre').waitFor();
      await heldArticle(h.page, 'Une équipe passe demain.')
        .getByText('Refusée : Déjà vu avec le maire.')
        .waitFor();
      expect(await group.count()).toBe(0);
      expect((await t.db.getRepository(Message).findOneByOrFail({ id: reply.id })).deliveryStatus).toBe(
        'rejected',
      );
      expect(t.graph.comments).toHaveLength(0);
      expect(h.errors).toEqual([]);
    }, 120_000);
  });
});
