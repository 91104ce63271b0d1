/**
 * The briefing's PDF as a reader sees it (issue 15 item 6), measured from the file (`pdf-text.ts`): no
 * two runs of text overlap on a page, nothing runs off the page or into the marking, no internal figure
 * name is printed, long labels are kept whole (over two lines), and the suspects by ethnic group and
 * division are a grid with the divisions as its columns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIGURE_NAMES } from '../../src/reports/figures.ts';
import { createTestUser, type PageClient, signIn, type TestApp } from '../support/app.ts';
import { overlappingRuns, type TextRun, textRuns } from '../support/pdf-text.ts';
import { createKnownReportApp } from './support.ts';

let t: TestApp;
let analyst: PageClient;
const A4 = { width: 595.28, height: 841.89 };

beforeAll(async () => {
  t = await createKnownReportApp();
  analyst = await signIn(t, await createTestUser(t, ['ANALYST']));
});
afterAll(async () => {
  await t?.close();
});

async function pdfRuns(query: string): Promise<TextRun[]> {
  const res = await analyst.get(`/reports/briefing/export?from=2026-04-01&to=2026-09-30&${query}&format=pdf`);
  expect(res.statusCode).toBe(200);
  return textRuns(res.rawPayload);
}

describe.each([
  ['the partnership, published', 'mode=published'],
  ['the East division, operational', 'mode=operational&division=EAST'],
])('the PDF of %s', (_, query) => {
  let runs: TextRun[];
  beforeAll(async () => {
    runs = await pdfRuns(query);
  });

  it('has no two lines of text overlapping on a page', () => {
    expect(runs.length).toBeGreaterThan(500);
    const overlaps = overlappingRuns(runs).map(([a, b]) => `page ${a.page}: "${a.text}" over "${b.text}"`);
    expect(overlaps).toEqual([]);
  });

  it('keeps every line inside the page and clear of the marking at its head and foot', () => {
    const pages = Math.max(...runs.map((r) => r.page));
    const marking = runs.filter((r) => r.text.startsWith('OFFICIAL-SENSITIVE'));
    expect(marking).toHaveLength(2 * pages);
    const outside = runs.filter(
      (r) => r.left < 49.5 || r.right > A4.width - 49.5 || r.top < 0 || r.bottom > A4.height,
    );
    expect(outside.filter((r) => !marking.includes(r)).map((r) => r.text)).toEqual([]);
    const content = runs.filter((r) => !marking.includes(r));
    expect(Math.min(...content.map((r) => r.top))).toBeGreaterThan(40);
    expect(Math.max(...content.map((r) => r.bottom))).toBeLessThan(A4.height - 45);
  });

  it('prints labels, never the figures’ internal names', () => {
    const text = runs.map((r) => r.text).join('\n');
    expect(FIGURE_NAMES.filter((name) => text.includes(name))).toEqual([]);
    expect(text).not.toContain('…');
  });

  it('draws the suspects by ethnic group and division as a grid with the divisions as columns', () => {
    const header = runs.find((r) => r.text === 'Ethnic group')!;
    expect(header).toBeDefined();
    const sameLine = runs.filter((r) => r.page === header.page && Math.abs(r.top - header.top) < 0.5);
    expect(sameLine.map((r) => r.text)).toEqual(['Ethnic group', 'East', 'South', 'West', 'Total']);
  });
});

it('breaks a label too long for its column over lines, and keeps it whole', async () => {
  const runs = await pdfRuns('mode=published');
  // The category of the known dataset's 'Black, Black British, Black Welsh, Caribbean or African' row.
  const start = runs.findIndex((r) => r.text.startsWith('Black, Black British, Black Welsh,'));
  expect(start).toBeGreaterThan(0);
  const first = runs[start]!;
  const next = runs.slice(start + 1).find((r) => r.left === first.left)!;
  expect(`${first.text} ${next.text}`).toContain('Black, Black British, Black Welsh, Caribbean or African');
  expect(next.top).toBeGreaterThan(first.bottom);
});
