/**
 * The reassessments due page pages 100 at a time with GOV.UK pagination (LIMIT/OFFSET in SQL, with a total),
 * a page number that is not a whole number from 1 falls back to page 1, and each view is audited with the
 * page shown. "My work" keeps reading reassessments through the unpaged store call.
 */
import { describe, expect, it } from 'vitest';
import { clients, refer, t, useMashPages } from './mash-pages-fixture.ts';

useMashPages();

const rowsOf = (body: string) =>
  (body.match(/<tr class="govuk-table__row">\s*<td class="govuk-table__cell"><a class="govuk-link"/g) ?? [])
    .length;

describe('the reassessments due page', () => {
  it('pages more than 100 children, 100 at a time, and falls back to page 1 for a bad page', async () => {
    for (let i = 0; i < 101; i++) await refer();
    await t.superuserQuery(
      "UPDATE person SET cse_risk_level = 'MEDIUM', cse_review_due = current_date - 1 WHERE merged_into IS NULL",
    );
    const first = await clients['manager']!.get('/mash/reassessments');
    expect(first.statusCode).toBe(200);
    const total = Number(/Reassessments due \((\d+)\)/.exec(first.body)?.[1]);
    expect(total).toBeGreaterThan(100);
    expect(total).toBeLessThan(200);
    expect(rowsOf(first.body)).toBe(100);
    expect(first.body).toContain(`Showing 1 to 100 of ${total}`);
    expect(first.body).toContain('govuk-pagination');
    expect(first.body).toContain('href="/mash/reassessments?page=2"');

    const second = await clients['manager']!.get('/mash/reassessments?page=2');
    expect(second.statusCode).toBe(200);
    expect(rowsOf(second.body)).toBe(total - 100);
    expect(second.body).toContain(`Showing 101 to ${total} of ${total}`);
    // No child is on both pages.
    const ids = (body: string) => new Set(body.match(/\/people\/[0-9a-f-]{36}/g) ?? []);
    const one = ids(first.body);
    for (const id of ids(second.body)) expect(one.has(id)).toBe(false);

    const { rows } = await t.superuserQuery(
      "SELECT details FROM audit_event WHERE action = 'MASH_REASSESSMENTS_VIEW' ORDER BY seq DESC LIMIT 1",
    );
    expect(rows[0].details).toMatchObject({ shown: total - 100, total, page: 2 });

    for (const bad of ['0', '-1', 'abc', '1e3', '9999999']) {
      const page = await clients['manager']!.get(`/mash/reassessments?page=${bad}`);
      expect(page.statusCode).toBe(200);
      expect(rowsOf(page.body)).toBe(100);
      expect(page.body).toContain(`Showing 1 to 100 of ${total}`);
    }
  });
});
