/**
 * The referrals list in pages of 50 (LIMIT/OFFSET in SQL): page 1 holds the limit, page 2 the rest, a bad
 * page number falls back to page 1, and REFERRAL_LIST records the rows shown and the page (no total: see
 * referralsPage).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type PageClient, signIn, type TestApp } from '../support/app.ts';
import { auditedBy } from '../support/audit.ts';
import { referVictim } from '../support/factories/referrals.ts';
import { users } from '../support/factories/users.ts';

let t: TestApp;
let school: PageClient;
let hub: PageClient;
const TOTAL = 53;

const referenceLinks = (body: string) =>
  [...body.matchAll(/href="\/referrals\/([0-9a-f-]{36})"/g)].map((m) => m[1]);

async function listed(client: PageClient, path: string) {
  const { result: res, events } = await auditedBy(t, () => client.get(path));
  const lists = events.filter((e) => e.action === 'REFERRAL_LIST');
  return {
    res,
    ids: referenceLinks(res.body),
    events: lists.map(({ action, details }) => ({ action, details })),
  };
}

beforeAll(async () => {
  t = await createTestApp();
  const referrer = await users.referrer(t);
  const mash = await users.mashPractitioner(t);
  for (let i = 0; i < TOTAL; i++) await referVictim(t.db, referrer);
  school = await signIn(t, referrer);
  hub = await signIn(t, mash);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('the referrals list in pages', () => {
  it('shows 50 on page 1 and the rest on page 2, each referral once, with GOV.UK pagination', async () => {
    const first = await listed(school, '/referrals');
    expect(first.res.statusCode).toBe(200);
    expect(first.ids).toHaveLength(50);
    expect(first.res.body).toContain('govuk-pagination');
    expect(first.res.body).toContain('href="/referrals?page=2"');
    expect(first.res.body).toContain('Showing 1 to 50, newest first');
    expect(first.res.body).not.toContain('govuk-pagination__prev');
    expect(first.events).toEqual([{ action: 'REFERRAL_LIST', details: { shown: 50, page: 1 } }]);

    const second = await listed(school, '/referrals?page=2');
    expect(second.res.statusCode).toBe(200);
    expect(second.ids).toHaveLength(TOTAL - 50);
    expect(second.res.body).toContain(`Showing 51 to ${TOTAL}, newest first`);
    expect(second.res.body).toContain('href="/referrals"');
    expect(second.res.body).not.toContain('govuk-pagination__next');
    expect(second.events).toEqual([{ action: 'REFERRAL_LIST', details: { shown: TOTAL - 50, page: 2 } }]);
    expect(new Set([...first.ids, ...second.ids]).size).toBe(TOTAL);
  });

  it('a bad page number falls back to page 1', async () => {
    const first = await listed(school, '/referrals');
    for (const bad of ['0', '-1', 'abc', '1.5', '99999999']) {
      const res = await listed(school, `/referrals?page=${bad}`);
      expect(res.res.statusCode, bad).toBe(200);
      expect(res.ids, bad).toEqual(first.ids);
      expect(res.events, bad).toEqual([{ action: 'REFERRAL_LIST', details: { shown: 50, page: 1 } }]);
    }
  });

  it('a page past the last shows no rows and says so honestly in the audit', async () => {
    const past = await listed(school, '/referrals?page=9');
    expect(past.res.statusCode).toBe(200);
    expect(past.ids).toHaveLength(0);
    expect(past.events).toEqual([{ action: 'REFERRAL_LIST', details: { shown: 0, page: 9 } }]);
  });

  it('the hub pages its referrals in the same way', async () => {
    const second = await listed(hub, '/referrals?page=2');
    expect(second.ids).toHaveLength(TOTAL - 50);
    expect(second.events).toEqual([{ action: 'REFERRAL_LIST', details: { shown: TOTAL - 50, page: 2 } }]);
  });
});
