/**
 * A journey through the pages in Chromium: a test server started (and the worker's browser launched, at
 * its first journey) before the tests, the server and the journey's context closed after; one signed-in
 * page at a time (each person signs in in a fresh context of their
 * own). Call it at the top of a `describeInBrowser` block; its own `beforeAll` runs before the file's.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { TestUser } from './app.ts';
import type { WatchedPage } from './browser.ts';
import { checkPage, openWatchedPage, pageActions, sharedBrowser, signInThroughPages } from './browser.ts';
import type { TestDatabase } from './engines.ts';
import { startTestServer, type TestServer } from './server.ts';

export interface BrowserJourney {
  readonly server: TestServer;
  /** The page of whoever signed in last. */
  readonly page: Page;
  /** The marking, CSP, assets and axe on the page now shown (checkPage). */
  check(): Promise<void>;
  /** A fresh browser context, signed in through the pages with password and TOTP. */
  signInAs(user: TestUser): Promise<void>;
  /** A fresh browser context with no session, on the home page: what a stranger is shown. */
  openPage(): Promise<void>;
  /** From the navigation to the MASH queue, then to the referral's episode, each page checked. */
  openEpisodeFromQueue(reference: string): Promise<void>;
  /** The browser context of the page now shown (its cookies). */
  readonly context: BrowserContext;
  readonly actions: ReturnType<typeof pageActions>;
}

/** `database`: what the server starts on (a fresh test database unless given: a filled copy, say). */
export function browserJourney(options: { database?: () => Promise<TestDatabase> } = {}): BrowserJourney {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | null = null;
  let watched: WatchedPage | undefined;
  let signedInBefore = false;

  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([
      startTestServer({}, options.database),
      sharedBrowser(),
    ]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
  });
  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  const journey: BrowserJourney = {
    get server() {
      if (!server) throw new Error('the test server has not started');
      return server;
    },
    get page() {
      if (!watched) throw new Error('nobody has signed in yet');
      return watched.page;
    },
    check: () => checkPage(watched!),
    get context() {
      if (!context) throw new Error('no page is open yet');
      return context;
    },
    async openPage() {
      await context?.close();
      const opened = await openWatchedPage(browser!, journey.server.baseUrl);
      context = opened.context;
      watched = opened;
    },
    async signInAs(user) {
      await journey.openPage();
      await signInThroughPages(watched!.page, user, journey.check, { checkSignInPages: !signedInBefore });
      signedInBefore = true;
    },
    async openEpisodeFromQueue(reference) {
      const { follow, expectHeading } = journey.actions;
      await follow('MASH queue', journey.page.getByRole('navigation'));
      await expectHeading('MASH queue');
      await journey.check();
      await follow(reference, journey.page.locator('#queue'));
      await expectHeading(reference);
      await journey.check();
    },
    actions: pageActions(() => journey.page),
  };
  return journey;
}
