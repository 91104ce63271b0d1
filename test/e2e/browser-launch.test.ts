/**
 * The browser the journeys drive is launched as `test/support/browser.ts` says: Chromium keeps only the
 * last --disable-features switch it is given, so ours must repeat every feature Playwright turns off (read
 * here from the browser's real command line, so that a Playwright upgrade adding one fails this test
 * rather than silently turning it back on), and a window must not load the omnibox popup's pages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeInBrowser, sharedBrowser } from '../support/browser.ts';

/** The command lines of the Chromium processes this test worker started (Playwright spawns them). */
function chromiumCommandLinesOfThisProcess(): string[][] {
  const lines: string[][] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the fourth field of /proc/<pid>/stat, after the command name in parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid) continue;
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (args[0]?.endsWith('/chromium')) lines.push(args);
    } catch {
      // The process ended while we looked: it is not the browser, which lives as long as the worker.
    }
  }
  return lines;
}

const featuresOf = (arg: string) => arg.slice('--disable-features='.length).split(',').filter(Boolean);

describeInBrowser('the browser the journeys drive', () => {
  it('keeps every feature Playwright disables disabled, and adds the omnibox popup to them', async () => {
    await sharedBrowser();
    const commandLines = chromiumCommandLinesOfThisProcess();
    expect(commandLines.length).toBeGreaterThan(0);
    for (const args of commandLines) {
      const switches = args.filter((arg) => arg.startsWith('--disable-features='));
      expect(switches.length).toBeGreaterThan(1); // Playwright's, then ours
      const effective = new Set(featuresOf(switches.at(-1) as string));
      const earlier = switches.slice(0, -1).flatMap(featuresOf);
      expect(earlier).toContain('PaintHolding');
      expect(earlier.filter((feature) => !effective.has(feature))).toEqual([]);
      expect([...effective]).toContain('WebUIOmniboxPopup');
    }
  });

  it('opens a context whose window loads no page but the test’s own', async () => {
    const browser = await sharedBrowser();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.setContent('<!doctype html><html lang="en"><title>t</title><p>hi</p></html>');
      const session = await browser.newBrowserCDPSession();
      const { targetInfos } = (await session.send('Target.getTargets', { filter: [{}] })) as {
        targetInfos: { type: string; url: string }[];
      };
      await session.detach();
      expect(targetInfos.filter((target) => target.url.startsWith('chrome://'))).toEqual([]);
      expect(targetInfos.some((target) => target.type === 'page')).toBe(true);
    } finally {
      await context.close();
    }
  });
});
