/**
 * The demo's partnership briefing in Chromium (issue 15 item 6): an analyst types the period in the GOV.UK
 * date inputs and reads the whole partnership and then a police division, operational figures; a
 * partnership member reads the published figures. Each page
 * passes checkPage (marking, CSP, axe with no serious finding — wide tables scroll in a focusable, named
 * region — and words a person reads); no chart label is cut or shortened (each SVG text measured in the
 * browser lies inside its chart's viewBox, and each chart inside its column); no internal figure name is
 * shown; and the PDF the page offers has no two text runs overlapping on a page.
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { FIGURE_NAMES } from '../../src/reports/figures.ts';
import { createDemoDatabase, DEMO_PERIOD } from '../reports/demo-briefing.ts';
import { createTestUser, type TestUser } from '../support/app.ts';
import { describeInBrowser, pageActions } from '../support/browser.ts';
import { browserJourney } from '../support/browser-journey.ts';
import { overlappingRuns, textRuns } from '../support/pdf-text.ts';

/**
 * A script for the page (page.evaluate, as page-words.ts does): every chart text whose box, measured by
 * the browser, lies outside its chart's viewBox or was shortened, and every chart wider than its column.
 */
const CHART_PROBLEMS = `(() => {
  const problems = [];
  for (const svg of document.querySelectorAll('svg.lantern-chart')) {
    const chart = svg.getAttribute('aria-labelledby');
    const view = svg.viewBox.baseVal;
    for (const text of svg.querySelectorAll('text')) {
      const b = text.getBBox();
      if (b.x < view.x || b.y < view.y || b.x + b.width > view.x + view.width || b.y + b.height > view.y + view.height)
        problems.push(chart + ': "' + text.textContent + '" at ' + [b.x, b.y, b.width, b.height].join(','));
      if (text.textContent.includes('…')) problems.push(chart + ': "' + text.textContent + '" shortened');
    }
    const own = svg.getBoundingClientRect();
    const column = svg.parentElement.getBoundingClientRect();
    if (own.left < column.left - 0.5 || own.right > column.right + 0.5)
      problems.push(chart + ': ' + own.left + '-' + own.right + ' outside its column ' + column.left + '-' + column.right);
  }
  return problems;
})()`;

describeInBrowser('the partnership briefing in Chromium', () => {
  // The demo as `lantern demo --scale 1 --seed 1 --end 2026-09-30` loads it: real volumes, long labels.
  const journey = browserJourney({ database: createDemoDatabase });
  let page: Page;
  const { submit } = pageActions(() => page);
  let analyst: TestUser;
  let member: TestUser;

  beforeAll(async () => {
    analyst = await createTestUser(journey.server, ['ANALYST']);
    member = await createTestUser(journey.server, ['PARTNERSHIP_MEMBER']);
  });

  async function expectReadableBriefing(): Promise<void> {
    await journey.check();
    const charts = await page.locator('svg.lantern-chart').count();
    expect(charts).toBeGreaterThan(5);
    expect(await page.evaluate(CHART_PROBLEMS)).toEqual([]);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(FIGURE_NAMES.filter((name) => text.includes(name))).toEqual([]);
    // Every wide table's scroll container can be reached by keyboard and is named.
    const regions = page.locator('.lantern-table-scroll');
    expect(await regions.count()).toBeGreaterThan(10);
    for (const region of await regions.all()) {
      expect(await region.getAttribute('tabindex')).toBe('0');
      expect(await region.getAttribute('aria-label')).toBeTruthy();
    }
  }

  async function expectPdfWithoutOverlaps(): Promise<void> {
    const href = await page.getByRole('link', { name: 'PDF' }).getAttribute('href');
    const response = await journey.context.request.get(href!);
    expect(response.status()).toBe(200);
    const runs = textRuns(await response.body());
    expect(runs.length).toBeGreaterThan(200);
    expect(overlappingRuns(runs).map(([a, b]) => `page ${a.page}: "${a.text}" over "${b.text}"`)).toEqual([]);
  }

  it('shows an analyst the period typed, readable, with full chart labels and a PDF without overlaps', async () => {
    await journey.signInAs(analyst);
    page = journey.page;
    // A published briefing's first disclosure control over the demo takes seconds (README: 3–5 s in a
    // worker); on a shared 2-core machine more than the 10 s a click normally gets.
    page.setDefaultTimeout(90_000);
    // Operational from the start: the default period (the six months before today) lies past this demo's
    // end (30 September 2026), and its published disclosure control over so sparse a period is slow.
    await page.goto('/reports/briefing?mode=operational');
    await journey.check();
    const from = page.getByRole('group', { name: 'From' });
    await from.getByLabel('Day').fill('1');
    await from.getByLabel('Month').fill('4');
    await from.getByLabel('Year').fill('2026');
    const to = page.getByRole('group', { name: 'To' });
    await to.getByLabel('Day').fill('30');
    await to.getByLabel('Month').fill('9');
    await to.getByLabel('Year').fill('2026');
    await page.getByLabel('Figures', { exact: true }).selectOption('operational');
    await submit('Show figures');
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain('1 April 2026 to 30 September 2026');
    await expectReadableBriefing();
    await expectPdfWithoutOverlaps();
  });

  it('shows a police division’s briefing with the division by name', async () => {
    await page.getByLabel('Police division', { exact: true }).selectOption({ label: 'East division' });
    await submit('Show figures');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Police East division');
    await expectReadableBriefing();
    await expectPdfWithoutOverlaps();
  });

  it('shows a partnership member the published briefing, as readable', async () => {
    await journey.signInAs(member);
    page = journey.page;
    page.setDefaultTimeout(90_000);
    await page.goto(`/reports/briefing?from=${DEMO_PERIOD.from}&to=${DEMO_PERIOD.to}`);
    expect((await page.locator('main').textContent()) ?? '').toContain('Published figures');
    await expectReadableBriefing();
    await expectPdfWithoutOverlaps();
  });
});
