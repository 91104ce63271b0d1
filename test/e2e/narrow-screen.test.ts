/**
 * A wide table on a narrow screen (a phone, or a page zoomed to 400%) scrolls sideways inside its box. A
 * keyboard user must be able to reach that box to scroll it, and a screen reader must say what it is
 * (axe: scrollable-region-focusable). The audit log, the widest table, read by an auditor at 360 px.
 */
import { beforeAll, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../support/app.ts';
import { describeInBrowser } from '../support/browser.ts';
import { browserJourney } from '../support/browser-journey.ts';

describeInBrowser('wide tables on a narrow screen in Chromium', () => {
  const journey = browserJourney();
  let auditor: TestUser;

  beforeAll(async () => {
    auditor = await createTestUser(journey.server, ['AUDITOR']);
  });

  it('a table that scrolls sideways can be reached by keyboard and is named; one that fits is not a stop', async () => {
    await journey.signInAs(auditor);
    const { page } = journey;
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${journey.server.baseUrl}/audit`);
    await journey.check();
    const region = page.locator('.lantern-table-scroll').first();
    expect(await region.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await region.getAttribute('role')).toBe('region');
    expect(await region.getAttribute('aria-label')).toMatch(/events/i);
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);

    await page.setViewportSize({ width: 1920, height: 1000 });
    await page.goto(`${journey.server.baseUrl}/audit`);
    await journey.check();
    const wide = page.locator('.lantern-table-scroll').first();
    if (await wide.evaluate((e) => e.scrollWidth <= e.clientWidth))
      expect(await wide.getAttribute('tabindex')).toBeNull();
  });
});
