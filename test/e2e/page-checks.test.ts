/**
 * The check every journey runs on every page (`checkPage`) fails where it must: a page without the
 * OFFICIAL-SENSITIVE marking, with the marking below the top, with a serious accessibility problem, with a
 * code or an ISO date where a person reads, or with a script error. Pages are written into a watched page
 * directly (no server): what is tested is the checker.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  AXE_IMPACTS_NOT_RUN,
  checkPage,
  describeInBrowser,
  openWatchedPage,
  sharedBrowser,
  type WatchedPage,
} from '../support/browser.ts';

const MARKING = '<div class="lantern-marking" role="note">OFFICIAL-SENSITIVE</div>';
const page = (body: string) =>
  `<!doctype html><html lang="en"><head><title>Check</title><style>body { margin: 0 }</style></head><body>${body}</body></html>`;
const GOOD = page(`${MARKING}<main><h1>Referrals</h1><p>Received 7 December 2026.</p></main>`);

describeInBrowser('the check run on every page', () => {
  let context: BrowserContext;
  let watched: WatchedPage;

  beforeAll(async () => {
    // Nothing listens at the base URL: the pages are set as content, never fetched.
    const opened = await openWatchedPage(await sharedBrowser(), 'http://127.0.0.1:9');
    context = opened.context;
    watched = opened;
  });
  afterAll(async () => context?.close());

  async function checkOf(html: string): Promise<string | null> {
    watched.problems.length = 0;
    watched.brokenAssets.length = 0;
    await watched.page.setContent(html, { waitUntil: 'load' });
    try {
      await checkPage(watched);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }

  it('passes a page with the marking at the top, nothing inaccessible and words a person reads', async () => {
    expect(await checkOf(GOOD)).toBeNull();
  });

  it('fails a page without the marking, or with the marking below the top of the document', async () => {
    expect(await checkOf(page('<main><h1>Referrals</h1></main>'))).toMatch(/marking on/);
    expect(
      await checkOf(page(`<div style="height: 300px"></div>${MARKING}<main><h1>Referrals</h1></main>`)),
    ).toMatch(/marking at the top/);
  });

  it('fails a serious accessibility problem, naming the rule', async () => {
    const unlabelled = page(`${MARKING}<main><h1>Search</h1><input type="text" name="q"></main>`);
    expect(await checkOf(unlabelled)).toMatch(/serious accessibility problems[\s\S]*label/);
    const noAlt = page(
      `${MARKING}<main><h1>Photo</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main>`,
    );
    expect(await checkOf(noAlt)).toMatch(/image-alt/);
  });

  it('runs no rule that needs the stylesheets it does not fetch (axe preload off)', async () => {
    await watched.page.setContent(GOOD, { waitUntil: 'load' });
    // As the check chooses: axe's default rules (experimental ones are not run unless named), less those
    // of the impacts it does not run.
    const needingStylesheets = await watched.page.evaluate(`axe._audit.rules
      .filter((rule) => rule.enabled && !rule.tags.includes('experimental'))
      .filter((rule) => !${JSON.stringify(AXE_IMPACTS_NOT_RUN)}.includes(rule.impact))
      .filter((rule) => rule.preload)
      .map((rule) => rule.id)`);
    expect(needingStylesheets).toEqual([]);
  });

  it('fails an ISO date or a code shown where a person reads', async () => {
    expect(await checkOf(page(`${MARKING}<main><h1>Referral</h1><p>Received 2026-12-07</p></main>`))).toMatch(
      /words a person should not read/,
    );
  });

  it('fails a page whose script throws', async () => {
    const throwing = page(
      `${MARKING}<main><h1>Referrals</h1></main><script>throw new Error('boom')</script>`,
    );
    expect(await checkOf(throwing)).toMatch(/script error: boom/);
  });
});
