import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PASSWORD } from '../factories';
import { startTestApp, type TestApp } from '../test-app';

/** The built client the browser tests load (npm run build). */
export const CLIENT_DIR = resolve(process.cwd(), '../client/dist');

/** The real app serving the built client, for a browser test. */
export function startAppWithClient(env: Record<string, string> = {}): Promise<TestApp> {
  if (!existsSync(resolve(CLIENT_DIR, 'index.html'))) {
    throw new Error(`The client is not built (${CLIENT_DIR}): run npm run build first`);
  }
  return startTestApp({ CLIENT_DIR, ...env });
}

/** Debian's Chromium (installed by .ci/run); never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run .ci/run, or apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** One signed-in agent in their own browser context (own cookies, own socket). */
export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the page: a test ends by expecting none. */
  errors: string[];
}

/** Opens a French context, signs in through the login form and waits for the app's navigation. */
export async function signIn(browser: Browser, t: TestApp, email: string): Promise<BrowserSession> {
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${t.url}/login`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
  return { context, page, errors };
}

/** What a spec file shares: one app serving the built client, one Chromium, agents' sessions. */
export interface BrowserFixture {
  readonly t: TestApp;
  /** Signs `email` in, in a context of its own, closed after the test. */
  open: (email: string) => Promise<BrowserSession>;
  /** A French context, signed in as nobody, closed after the test. */
  newContext: () => Promise<BrowserContext>;
}

/** Registers the spec file's hooks: app and browser for the file, sessions closed after each test. */
export function browserFixture(): BrowserFixture {
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    t = await startAppWithClient();
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('browserFixture: used before beforeAll ran');
    return value;
  };
  return {
    get t() {
      return started(t);
    },
    open: async (email) => {
      const session = await signIn(started(browser), started(t), email);
      contexts.push(session.context);
      return session;
    },
    newContext: async () => {
      const context = await started(browser).newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
      contexts.push(context);
      return context;
    },
  };
}
