/**
 * The placements list pages 100 at a time with GOV.UK pagination (LIMIT/OFFSET in SQL, with a total), a
 * page number that is not a whole number from 1 falls back to page 1, and each view is audited with its page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageClient, TestApp } from '../support/app.ts';
import { createAgencyWithTeam, createTeamUser, createTestApp, signIn } from '../support/app.ts';

let t: TestApp;
let officer: PageClient;

beforeAll(async () => {
  t = await createTestApp();
  const police = await createAgencyWithTeam(t, { type: 'POLICE', area: 'BLACKPOOL' });
  const user = await createTeamUser(t, ['CSE_OFFICER'], police);
  officer = await signIn(t, user);
  await t.superuserQuery(
    `INSERT INTO placement (code, name, kind, area, postcode)
     SELECT 'PG-' || lpad(n::text, 3, '0'), 'Paging Home ' || lpad(n::text, 3, '0'), 'RESIDENTIAL_CHILDRENS_HOME',
            'BLACKPOOL', 'FY1 2AB'
       FROM generate_series(1, 150) AS n`,
  );
});
afterAll(async () => {
  await t?.close();
});

const homesOf = (body: string) => body.match(/Paging Home \d{3}<\/a>/g) ?? [];

describe('the placements list', () => {
  it('pages 150 placements 100 at a time and falls back to page 1 for a bad page', async () => {
    const { rows: all } = await t.superuserQuery('SELECT count(*)::int AS n FROM placement');
    const total = all[0].n as number;
    expect(total).toBe(150);
    const first = await officer.get('/placements');
    expect(first.statusCode).toBe(200);
    expect(homesOf(first.body).length).toBe(100);
    expect(first.body).toContain(`Showing 1 to 100 of ${total}`);
    expect(first.body).toContain('govuk-pagination');
    expect(first.body).toContain('href="/placements?page=2"');

    const second = await officer.get('/placements?page=2');
    expect(second.statusCode).toBe(200);
    expect(homesOf(second.body).length).toBe(50);
    expect(second.body).toContain(`Showing 101 to ${total} of ${total}`);
    // Every home shows once across the two pages.
    const both = [...homesOf(first.body), ...homesOf(second.body)];
    expect(new Set(both).size).toBe(150);

    const { rows } = await t.superuserQuery(
      "SELECT details FROM audit_event WHERE action = 'PLACEMENT_LIST_VIEW' ORDER BY seq DESC LIMIT 1",
    );
    expect(rows[0].details).toMatchObject({ shown: total - 100, total, page: 2 });

    for (const bad of ['0', '-2', 'two', '2.5', '12345678']) {
      const page = await officer.get(`/placements?page=${bad}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`Showing 1 to 100 of ${total}`);
    }
  });
});
