/**
 * Browser tests: Debian's Chromium (apt-get install chromium) driven by playwright-core, never a browser
 * that Playwright downloads. Without /usr/bin/chromium the browser tests are skipped on a workstation and
 * fail in CI (CI=true), so that CI can never pass by not running them.
 *
 * Each page a test opens is watched: Content Security Policy violations and script errors reported by the
 * browser, and same-origin assets that fail to load, are collected and checked by `checkPage`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import type { TestUser } from './app.ts';
import { allCodes } from './code-lists.ts';
import { readableTextScript, wordProblems } from './page-words.ts';
import { unusedTotpCode } from './totp.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';

// axe-core as it ships minified (654 kB; the package's `source` is the 1.5 MB commented build): it is
// evaluated in every document a journey opens, and the smaller script cost 70 ms a navigation, not 115.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// As the machine's own browser check runs it: headless, no sandbox (root in a container), and no
// background connections to Google's services, which this machine's closed network refuses. One renderer
// process for all of a browser's contexts: a journey opens a context per person, and starting a renderer
// for each (and a spare beside it) was an eighth of the browser tests' CPU time. Contexts still keep their
// own cookies and storage; only the process is shared.
//
// No omnibox popup behind each window: Chromium 156 builds its address bar's popup as a web page of its
// own (chrome://omnibox-popup.top-chrome), so every context's first page also started a second renderer
// to load two pages no test can see (a quarter of the browser tests' CPU, a third of their wall time, in
// scratch measurements of contexts opening forms). Chromium keeps only the last --disable-features it is
// given, so the list repeats Playwright's own (PLAYWRIGHT_DISABLED_FEATURES, checked against the browser's
// real command line by test/e2e/browser-launch.test.ts) before adding ours.
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];
const UNSEEN_BROWSER_UI = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup'];

const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--renderer-process-limit=1',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...UNSEEN_BROWSER_UI].join(',')}`,
];

/** Why browser tests cannot run here, or null when they can. Throws in CI: there they must run. */
export function browserUnavailableReason(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  const reason = `${CHROMIUM_PATH} is missing: install Debian's Chromium with \`apt-get install chromium\``;
  if (process.env['CI'] === 'true') throw new Error(`browser tests must run in CI, but ${reason}`);
  return reason;
}

/** `describe` for browser tests: skipped, with a message saying why, where Chromium is not installed. */
export function describeInBrowser(name: string, body: () => void): void {
  const reason = browserUnavailableReason();
  if (reason) {
    console.warn(`Skipping browser tests "${name}": ${reason}`);
    describe.skip(name, body);
    return;
  }
  describe(name, body);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
}

let workerBrowser: Promise<Browser> | null = null;

/**
 * One Chromium for every journey a test worker runs (files share a worker's modules: vitest.config.ts),
 * launched at the first: each journey works in contexts of its own (own cookies and storage) and closes
 * them, so nothing passes from one file to the next but the browser process. Playwright ends the browser
 * when the worker exits; a browser that crashed or was closed is launched again.
 */
export function sharedBrowser(): Promise<Browser> {
  workerBrowser ??= launchBrowser().then((browser) => {
    browser.on('disconnected', () => {
      workerBrowser = null;
    });
    return browser;
  });
  workerBrowser.catch(() => {
    workerBrowser = null;
  });
  return workerBrowser;
}

export interface WatchedPage {
  page: Page;
  /** Console messages about the Content Security Policy, and uncaught script errors, in order. */
  problems: string[];
  /** Same-origin requests (assets, not the pages themselves) that failed or answered 4xx/5xx. */
  brokenAssets: string[];
}

/** A new page in its own context (cookies of its own), watched for CSP violations and broken assets. */
export async function openWatchedPage(
  browser: Browser,
  baseUrl: string,
): Promise<WatchedPage & { context: BrowserContext }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10_000);
  // axe-core in every document of the context, by the DevTools protocol (the page's CSP does not apply):
  // ~70 ms a navigation; evaluating it on each checked page instead cost as much (the journeys check 261 of
  // their 319 pages, and a check's own evaluation is the dearer).
  await context.addInitScript({ content: AXE_SOURCE });
  const page = await context.newPage();
  const problems: string[] = [];
  const brokenAssets: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: script error: ${error.message}`));
  const sameOrigin = (url: string) => url.startsWith(baseUrl);
  page.on('requestfailed', (request) => {
    // ERR_ABORTED is the browser abandoning a request itself (the page navigated on before the favicon
    // came, say), not an asset the server failed to give: those answer 4xx/5xx or fail to connect.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    if (sameOrigin(request.url()) && request.resourceType() !== 'document')
      brokenAssets.push(`${request.url()} (${request.failure()?.errorText ?? 'failed'})`);
  });
  page.on('response', (response) => {
    const request = response.request();
    if (sameOrigin(response.url()) && request.resourceType() !== 'document' && response.status() >= 400)
      brokenAssets.push(`${response.url()} (${response.status()})`);
  });
  return { page, context, problems, brokenAssets };
}

/** Impacts of the axe rules the check does not run: such a rule can never report a serious problem. */
export const AXE_IMPACTS_NOT_RUN = ['minor', 'moderate'];

/** What this file reads of axe's results. */
interface AxeResults {
  violations: Array<{
    id: string;
    impact?: string | null;
    help: string;
    helpUrl: string;
    nodes: Array<{ target: unknown[] }>;
  }>;
}

/**
 * Runs axe-core in the page and fails on any serious or critical violation, listing each rule, its help
 * text and the selectors of the elements at fault. Only violations are collected (`resultTypes`): every
 * rule that can report one runs, but axe skips gathering the nodes of passes and inapplicable rules, a third
 * of its time. A rule whose impact axe fixes at minor or moderate is not run: axe gives each of its
 * violations the rule's own impact (finalizeRuleResult), so it can never fail this check; not running them
 * was a sixth of axe's time in the journeys. Nor does axe fetch and parse the page's stylesheets (`preload`,
 * a sixth of a check's time): the only rules that read them are experimental (css-orientation-lock, which
 * axe does not run unless asked by name) or moderate (no-autoplay-audio), so the fetch served no rule that
 * runs; test/e2e/page-checks.test.ts fails if an axe upgrade brings one that would.
 *
 * axe's source is evaluated through the DevTools protocol (page.evaluate), to which the page's CSP does not
 * apply; `page.addScriptTag({ content })` would add an inline script without the nonce, which the CSP
 * blocks (and reports, which the CSP check would then count against the page).
 */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  // Present already in pages of openWatchedPage's contexts (addInitScript); injected here elsewhere.
  const run = async (): Promise<AxeResults | null> =>
    (await page.evaluate((impactsNotRun) => {
      const { axe: inPage } = globalThis as unknown as {
        axe?: {
          run(options: unknown): Promise<unknown>;
          _audit?: { rules?: Array<{ id: string; impact?: string }> };
        };
      };
      if (!inPage) return null;
      const rules = Object.fromEntries(
        (inPage._audit?.rules ?? [])
          .filter((rule) => impactsNotRun.includes(rule.impact ?? ''))
          .map((rule) => [rule.id, { enabled: false }]),
      );
      return inPage.run({ resultTypes: ['violations'], rules, preload: false });
    }, AXE_IMPACTS_NOT_RUN)) as AxeResults | null;
  const results = (await run()) ?? (await page.evaluate(AXE_SOURCE).then(run));
  if (!results) throw new Error(`axe-core could not run on ${page.url()}`);
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} <${v.helpUrl}>\n${v.nodes.map((n) => `    at ${JSON.stringify(n.target)}`).join('\n')}`,
  );
  if (report.length) {
    throw new Error(`serious accessibility problems on ${page.url()}:\n  ${report.join('\n  ')}`);
  }
}

function expectNone(what: string, items: string[]): void {
  if (items.length) throw new Error(`${what}:\n  ${items.join('\n  ')}`);
}

interface MarkingAsShown {
  visible: boolean;
  text: string;
  top: number;
}

/** Runs in the page (a string: the tests' TypeScript has no DOM types). */
const MARKING_AS_SHOWN = `new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => {
  const el = document.querySelector('.lantern-marking');
  if (!el) return resolve(null);
  const box = el.getBoundingClientRect();
  resolve({
    visible: box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden',
    text: (el.textContent || '').trim(),
    top: box.top + window.scrollY,
  });
}, 0)))`;

/**
 * What every page must show and must not do: the OFFICIAL-SENSITIVE marking visible at the top, no CSP
 * violation or script error so far, every asset loaded, no serious accessibility problem, and words a
 * person reads: labels, not codes, and dates in GOV.UK style (`page-words.ts`).
 */
export async function checkPage(watched: WatchedPage): Promise<void> {
  const { page } = watched;
  await page.waitForLoadState('load');
  // One round trip: the marking as a person sees it (Playwright's isVisible: a box with a size, not hidden),
  // where it sits in the document, and a moment for a report caused by the page's own scripts (GOV.UK
  // Frontend's module) to arrive.
  let shown: MarkingAsShown | null = null;
  const markingVisible = async () => {
    shown = (await page.evaluate(MARKING_AS_SHOWN)) as MarkingAsShown | null;
    return shown?.visible;
  };
  await expect.poll(markingVisible, { message: `marking on ${page.url()}` }).toBe(true);
  shown = shown!;
  expect(shown.text).toBe('OFFICIAL-SENSITIVE');
  // At the top of the document, wherever a link's fragment has scrolled the window to.
  expect(shown.top, `marking at the top of ${page.url()}`).toBe(0);
  expectNone(`CSP violations or script errors on ${page.url()}`, watched.problems);
  expectNone(`assets that failed to load on ${page.url()}`, watched.brokenAssets);
  await expectNoSeriousAxeViolations(page);
  await expectReadableWords(page);
}

const CODES = allCodes();

/** No code where a label exists and no date in another style than GOV.UK's, in the text a person reads. */
export async function expectReadableWords(page: Page): Promise<void> {
  const text = String(await page.evaluate(readableTextScript()));
  expectNone(`words a person should not read on ${page.url()}`, wordProblems(text, CODES));
}

/**
 * What every browser test does to the page it is on (`current`: the page may be replaced, e.g. by signing
 * in again in a fresh context): submit a form or follow a link and wait for the page the server answers
 * with, and wait for a heading or a notification banner.
 */
export function pageActions(current: () => Page) {
  return {
    async submit(button: string | RegExp, within?: Page | Locator): Promise<void> {
      const page = current();
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        (within ?? page).getByRole('button', { name: button, exact: typeof button === 'string' }).click(),
      ]);
    },
    async follow(name: string | RegExp, within?: Page | Locator): Promise<void> {
      const page = current();
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        (within ?? page).getByRole('link', { name }).first().click(),
      ]);
    },
    async expectHeading(name: string | RegExp): Promise<void> {
      await expect.poll(() => current().getByRole('heading', { level: 1 }).textContent()).toMatch(name);
    },
    /** Opens a form folded in a <details> (by its id) unless it is open, and answers the container. */
    async openForm(id: string): Promise<Locator> {
      const details = current().locator(`#${id}`);
      if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
      return details;
    },
    async expectNotice(text: string): Promise<void> {
      await expect.poll(() => current().locator('.govuk-notification-banner').textContent()).toContain(text);
    },
  };
}

/**
 * Signs in through the pages, password then TOTP, checking each page it lands on with `check`; with
 * `checkSignInPages: false`, only the page signed in to (the sign-in and security-code pages are the same
 * for everyone: a journey checks them at its first sign-in; CSP reports and failed assets of the pages
 * not checked still fail the next check, which sees everything the page object has collected).
 */
export async function signInThroughPages(
  page: Page,
  user: TestUser,
  check: () => Promise<void>,
  { checkSignInPages = true }: { checkSignInPages?: boolean } = {},
): Promise<void> {
  const { submit } = pageActions(() => page);
  await page.goto('/sign-in');
  if (checkSignInPages) await check();
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await submit('Continue');
  expect(new URL(page.url()).pathname).toBe('/sign-in/totp');
  if (checkSignInPages) await check();
  await page.getByLabel('Enter your security code').fill(await unusedTotpCode(user.totpSecret));
  await submit('Sign in');
  expect(new URL(page.url()).pathname).toBe('/');
  await check();
}
