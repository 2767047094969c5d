import type { Browser, Page } from 'playwright-core';
import { Ticket } from '../../src/tickets/ticket.entity';
import { feedDelivery, makePageAccount, makeTown, makeUser, PAGE_ID, postMetaWebhook } from '../factories';
import type { TestApp } from '../test-app';
import { launchChromium, signIn, startAppWithClient, type BrowserSession } from './chromium';

const SCRIPT = 'Nid de poule <script>window.__pwned=1</script> rue Pasteur';
const IMG = 'Voyez la photo <img src=x onerror="window.__pwned=1"> du trottoir';
const LINKS = 'Plus de détails [ici](javascript:window.__pwned=1) ou javascript:window.__pwned=1';
const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">';
/** A trottoir complaint typed without a single space: it must wrap, not widen the page. */
const LONG = `Trottoir${'A'.repeat(600)}`;
const LONG_URL = `https://exemple.fr/${'chemin/'.repeat(80)}?q=${'x'.repeat(300)}`;

/** Whatever the page did with the citizen's text: nothing of it may have run or become an element. */
async function inertness(page: Page) {
  return page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    images: document.querySelectorAll('img[src="x"], [onerror]').length,
    inlineScripts: [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('__pwned'))
      .length,
    javascriptLinks: [...document.querySelectorAll('a[href]')].filter((a) =>
      a.getAttribute('href')?.trim().toLowerCase().startsWith('javascript:'),
    ).length,
  }));
}

/**
 * How far the page scrolls sideways, or a row or message is wider than its box (text clipped or
 * spilling out): zero when every long word wrapped.
 */
function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const boxes = [...document.querySelectorAll('main li, main article, main h1')];
    return Math.max(
      root.scrollWidth - root.clientWidth,
      ...boxes.map((el) => el.scrollWidth - el.clientWidth),
    );
  });
}

const INERT = { pwned: undefined, images: 0, inlineScripts: 0, javascriptLinks: 0 };

describe('Hostile citizen content in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    t = await startAppWithClient();
    browser = await launchChromium();
  });
  afterEach(async () => {
    await session?.context.close();
    session = undefined;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows markup, scripts, javascript: links and endless words as inert, wrapped text in the list and the ticket', async () => {
    await t.reset();
    const { voirie } = await makeTown(t.db);
    await makePageAccount(t);
    const agent = await makeUser(t.db, { services: [voirie], displayName: 'Julie Martin' });
    const post = `${PAGE_ID}_6100`;
    const now = Math.floor(Date.now() / 1000);
    const delivery = feedDelivery([
      {
        postId: post,
        commentId: '6100_1',
        message: SCRIPT,
        from: { id: '7601', name: HOSTILE_NAME },
        createdTime: now - 40,
      },
      {
        postId: post,
        parentId: '6100_1',
        commentId: '6100_2',
        message: IMG,
        from: { id: '7601', name: HOSTILE_NAME },
        createdTime: now - 30,
      },
      {
        postId: post,
        parentId: '6100_1',
        commentId: '6100_3',
        message: LINKS,
        from: { id: '7601', name: HOSTILE_NAME },
        createdTime: now - 20,
      },
      {
        postId: post,
        parentId: '6100_1',
        commentId: '6100_4',
        message: `${LONG} ${LONG_URL}`,
        from: { id: '7601', name: HOSTILE_NAME },
        createdTime: now - 10,
      },
      { commentId: '6200_1', message: LONG, from: { id: '7602', name: 'Léa' }, createdTime: now },
    ]);
    // The post's link, as the platform sends it, is hostile too.
    for (const entry of (
      delivery as { entry: Array<{ changes: Array<{ value: { post: Record<string, unknown> } }> }> }
    ).entry) {
      entry.changes[0].value.post.permalink_url = 'javascript:window.__pwned=1';
    }
    await postMetaWebhook(t, delivery);
    const ticket = await t.db.getRepository(Ticket).findOneByOrFail({ threadKey: '6100_1' });

    session = await signIn(browser, t, agent.email);
    const { page, errors } = session;
    const list = page.getByRole('list', { name: 'Tickets', exact: true });
    await list.getByRole('listitem').nth(1).waitFor();
    const text = await list.innerText();
    expect(text).toContain('<script>window.__pwned=1</script>');
    expect(text).toContain(HOSTILE_NAME);
    // The subject is the message's first 119 characters.
    expect(text).toContain(`${LONG.slice(0, 119)}…`);
    expect(await inertness(page)).toEqual(INERT);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await list.getByRole('link', { name: /Nid de poule/ }).click();
    const thread = page.getByRole('list', { name: 'Échanges' });
    await thread.getByRole('article').nth(3).waitFor();
    const threadText = await thread.innerText();
    for (const literal of [SCRIPT, IMG, LINKS, LONG, LONG_URL, HOSTILE_NAME])
      expect(threadText).toContain(literal);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(
      '<script>window.__pwned=1</script>',
    );
    expect(await page.locator('main header').innerText()).toContain(HOSTILE_NAME);
    // No link to the post at all, rather than a javascript: one.
    expect(await page.getByRole('link', { name: /publication d’origine/i }).count()).toBe(0);
    expect(await inertness(page)).toEqual(INERT);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(page.url()).toBe(`${t.url}/tickets/${ticket.id}`);

    // On a phone too, nothing pushes the page sideways.
    await page.setViewportSize({ width: 375, height: 740 });
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole('link', { name: 'Retour à la boîte de réception' }).click();
    await list.getByRole('listitem').nth(1).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await inertness(page)).toEqual(INERT);
    expect(errors).toEqual([]);
  }, 120_000);
});
