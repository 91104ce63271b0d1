/**
 * Person search results in pages of 50 (LIMIT/OFFSET in SQL): the terms travel in POST bodies only, and the
 * page is a field posted with them. Page 1 holds the limit, page 2 the rest, a bad page number falls back to
 * page 1, and PERSON_SEARCH records the rows shown, the total and the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type PageClient, signIn, type TestApp } from '../support/app.ts';
import { auditedBy } from '../support/audit.ts';
import { personDetails } from '../support/factories/people.ts';
import { referVictim, victimReferral } from '../support/factories/referrals.ts';
import { users } from '../support/factories/users.ts';

let t: TestApp;
let hub: PageClient;
const TOTAL = 57;
const DOB = '2010-10-10';
const letters = (i: number) =>
  String.fromCharCode(97 + (i % 26)) + String.fromCharCode(97 + Math.floor(i / 26));
const personLinks = (body: string) =>
  [...body.matchAll(/href="\/people\/([0-9a-f-]{36})"/g)].map((m) => m[1]);

async function search(fields: Record<string, string>) {
  const { result: res, events } = await auditedBy(t, () => hub.post('/search', fields));
  const searches = events.filter((e) => e.action === 'PERSON_SEARCH');
  return { res, ids: personLinks(res.body), details: searches.map((e) => e.details) };
}

beforeAll(async () => {
  t = await createTestApp();
  const referrer = await users.referrer(t);
  const mash = await users.mashPractitioner(t);
  // Children born on the same day with different surnames: one date-of-birth search finds them all.
  for (let i = 0; i < TOTAL; i++) {
    const details = personDetails.build({ surname: `Ex${letters(i)}mple`, dob: DOB });
    await referVictim(t.db, referrer, victimReferral.build({ child: { details } }));
  }
  const single = personDetails.build({ forename: 'Zara', surname: 'Quillfeather', dob: '2009-09-09' });
  await referVictim(t.db, referrer, victimReferral.build({ child: { details: single } }));
  hub = await signIn(t, mash);
  await hub.get('/search');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('person search results in pages', () => {
  it('shows 50 on page 1 with a Next button posting the same terms, and the rest on page 2', async () => {
    const first = await search({ dob: DOB });
    expect(first.res.statusCode).toBe(200);
    expect(first.ids).toHaveLength(50);
    expect(first.res.body).toContain(`${TOTAL} people found`);
    expect(first.res.body).toContain(`Showing 1 to 50 of ${TOTAL}`);
    expect(first.res.body).toContain('id="refine"');
    // The next page is a form: the terms as hidden fields and the page number, never a link with the terms.
    const next = first.res.body.slice(first.res.body.indexOf('id="result-pages"'));
    expect(next).toContain(`name="dob" value="${DOB}"`);
    expect(next).toContain('name="page" value="2"');
    expect(next).toContain('Next page');
    expect(next).not.toContain('Previous page');
    expect(first.res.body).not.toMatch(/href="[^"]*2010-10-10/);
    expect(first.details).toEqual([
      { terms: { name: '', dob: DOB, identifier: '', postcode: '' }, shown: 50, total: TOTAL, page: 1 },
    ]);

    const second = await search({ dob: DOB, name: '', identifier: '', postcode: '', page: '2' });
    expect(second.res.statusCode).toBe(200);
    expect(second.ids).toHaveLength(TOTAL - 50);
    expect(second.res.body).toContain(`Showing 51 to ${TOTAL} of ${TOTAL}`);
    expect(second.res.body).toContain('Previous page');
    expect(second.res.body).toContain('name="page" value="1"');
    expect(second.details).toEqual([
      {
        terms: { name: '', dob: DOB, identifier: '', postcode: '' },
        shown: TOTAL - 50,
        total: TOTAL,
        page: 2,
      },
    ]);
    expect(new Set([...first.ids, ...second.ids]).size).toBe(TOTAL);
  });

  it('a bad page number falls back to page 1', async () => {
    const first = await search({ dob: DOB });
    for (const bad of ['0', '-2', 'next', '1e3', '9999999']) {
      const res = await search({ dob: DOB, page: bad });
      expect(res.res.statusCode, bad).toBe(200);
      expect(res.ids, bad).toEqual(first.ids);
      expect(res.details[0], bad).toMatchObject({ shown: 50, total: TOTAL, page: 1 });
    }
  });

  it('one page of results has no pages to move between and asks for nothing more', async () => {
    const one = await search({ dob: '2009-09-09' });
    expect(one.ids).toHaveLength(1);
    expect(one.res.body).toContain('1 person found');
    expect(one.res.body).not.toContain('id="result-pages"');
    expect(one.res.body).not.toContain('id="refine"');
  });
});
