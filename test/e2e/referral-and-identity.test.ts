/**
 * Referrals and identity in a real browser: a school refers a new child with a suspect through the
 * multi-page form; a hub practitioner finds both by a misspelt name and opens the child's timeline; with a
 * matching model stored, a new referral of the same child shows the known candidates with their
 * explanation; and two records of one child are merged from the person page and the merge undone from its
 * history. Every page is checked for the OFFICIAL-SENSITIVE marking, CSP violations, broken assets and
 * serious accessibility problems (axe-core).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { createAgencyWithTeam, createTestUser, type TestUser } from '../support/app.ts';
import { describeInBrowser, pageActions } from '../support/browser.ts';
import { browserJourney } from '../support/browser-journey.ts';
import { fillChildPage, referThroughPages } from '../support/browser-referral.ts';
import { TMP } from '../support/engines.ts';
import { referVictim, victimReferral } from '../support/factories/index.ts';
import { storeSyntheticModel } from '../support/identity-model.ts';
import type { TestServer } from '../support/server.ts';

const CHILD = {
  forename: 'Jasmine',
  surname: 'Kettering',
  day: '22',
  month: '4',
  year: '2011',
  postcode: 'FY1 5XY',
};
const SUSPECT = { forename: 'Dean', surname: 'Marlowe', age: '24' };

describeInBrowser('referral, search and identity in Chromium', () => {
  const journey = browserJourney();
  let server: TestServer;
  let page: Page;
  const { submit, follow, expectHeading } = pageActions(() => page);
  let schoolUser: TestUser;
  let mashUser: TestUser;
  let reference = '';

  beforeAll(async () => {
    server = journey.server;
    const school = await createAgencyWithTeam(server, { type: 'EDUCATION', area: 'BLACKPOOL' });
    const council = await createAgencyWithTeam(server, { type: 'CHILDRENS_SOCIAL_CARE', area: 'BLACKPOOL' });
    schoolUser = await createTestUser(server, ['REFERRER'], {
      agencyId: school.agencyId,
      teamIds: [school.teamId],
    });
    mashUser = await createTestUser(server, ['MASH_PRACTITIONER'], {
      agencyId: council.agencyId,
      teamIds: [council.teamId],
    });
    mkdirSync(TMP, { recursive: true });
  });

  async function check(shot?: string): Promise<void> {
    await journey.check();
    if (shot) await page.screenshot({ path: join(TMP, `e2e-${shot}.png`), fullPage: true });
  }

  /** A fresh browser context (no cookies), signed in through the pages with password and TOTP. */
  async function signInAs(user: TestUser): Promise<void> {
    await journey.signInAs(user);
    page = journey.page;
  }

  it('a school refers a new child with a suspect through the form and sees the reference', async () => {
    await signInAs(schoolUser);
    reference = await referThroughPages(page, check, {
      child: CHILD,
      concerns: 'Seen getting into cars with older men after school.',
      suspect: SUSPECT,
    });
    await check('referral-sent');
  });

  it('a hub practitioner finds the child and the suspect by misspelt names and sees the referral on the timeline', async () => {
    await signInAs(mashUser);
    await follow('Search', page.getByRole('navigation'));
    await expectHeading('Search for a person');
    await check();
    await page.getByLabel('Name', { exact: true }).fill('Dean Marlow');
    await submit('Search');
    await check();
    await expect.poll(() => page.locator('#results').textContent()).toContain('Dean Marlowe');

    await page.getByLabel('Name', { exact: true }).fill('Jasmin Ketering');
    await submit('Search');
    await check('search');
    await follow('Jasmine Kettering', page.locator('#results'));
    await expectHeading(/Jasmine Kettering/);
    await check();
    await expect.poll(() => page.locator('#timeline').textContent()).toContain(reference);
  });

  it('with a matching model, a new referral of the same child shows the known candidates and why', async () => {
    await storeSyntheticModel(server.db);

    await follow('Refer a child', page.getByRole('navigation'));
    await submit(/Start/);
    await expectHeading('About the child');
    await check();
    await fillChildPage(page, { ...CHILD, surname: 'Ketterring' });

    expect(new URL(page.url()).pathname).toMatch(/\/child\/matches$/);
    await expectHeading('Is this a child already known?');
    await check('intake-candidates');
    const candidate = page.locator('section', {
      has: page.getByRole('heading', { name: /Jasmine Kettering/ }),
    });
    await expect
      .poll(() => candidate.getByRole('heading', { level: 2 }).textContent())
      .toMatch(/Jasmine Kettering: match probability (\d+\.\d%|over 99\.9%)/);
    const explanation = candidate.getByRole('table', { name: /Why Jasmine Kettering may be this child/ });
    await expect.poll(() => explanation.textContent()).toContain('Match weight (bits)');
    await expect
      .poll(() => explanation.getByRole('row', { name: /Date of birth/ }).textContent())
      .toMatch(/Exactly the same\s*\+\d+\.\d/);
    await expect
      .poll(() => explanation.getByRole('row', { name: /Last name/ }).textContent())
      .toMatch(/\+\d+\.\d/);

    await submit('Use this child', candidate);
    await expectHeading('About the referral');
    await check();
  });

  it('merges two records of the child from the person page and undoes the merge from the history', async () => {
    // The council's own older record of her, under a short name and an estimated age: a separate person.
    const second = await referVictim(
      server.db,
      mashUser,
      victimReferral.with('fromSocialCare', 'riskAssessed', 'modelUnknown', 'routine').build({
        referrer: { name: 'Sam Social Worker' },
        child: { details: { forename: 'Jaz', surname: 'Kettring', estimatedAge: 13, gender: 'FEMALE' } },
        concerns: 'Missing overnight twice this month.',
        indicators: [],
      }),
    );
    const { rows } = await server.superuserQuery(
      "SELECT id FROM person WHERE forename = 'Jasmine' AND surname = 'Kettering' AND merged_into IS NULL",
    );
    expect(rows).toHaveLength(1);
    const childId = rows[0].id as string;
    expect(second.personId).not.toBe(childId);
    const count = async () =>
      (await server.superuserQuery('SELECT count(*)::int AS n FROM source_record')).rows[0].n as number;
    const recordsBefore = await count();
    /** Back on the child's page (checked, screenshot named): the notice, the history saying so, no record lost. */
    const expectBackOnChild = async (shot: string, notice: string, history: string) => {
      expect(new URL(page.url()).pathname).toBe(`/people/${childId}`);
      await check(shot);
      await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain(notice);
      await expect.poll(() => page.locator('#merge-history').textContent()).toContain(history);
      expect(await count()).toBe(recordsBefore);
    };

    await page.goto(`/people/${childId}`);
    await check();
    await follow('Merge with another record');
    await expectHeading('Merge another record into Jasmine Kettering');
    await check();
    await page.getByLabel('Name', { exact: true }).fill('Jaz Kettring');
    await submit('Search');
    await check();
    await page.getByLabel('Jaz Kettring').check();
    await page.getByLabel('Why are these the same person?').fill('Same girl: the council knows her as Jaz.');
    await submit('Merge into Jasmine Kettering');
    await expectBackOnChild('merged', 'Records merged', 'Jaz Kettring');

    await page.getByText(/Undo the merge of Jaz Kettring/).click();
    await page.getByLabel('Why undo this merge?').fill('Not the same girl after all: different school.');
    await submit('Undo merge');
    await expectBackOnChild('unmerged', 'Merge undone', 'Undone');
    const merged = await server.superuserQuery('SELECT merged_into FROM person WHERE id = $1', [
      second.personId,
    ]);
    expect(merged.rows[0].merged_into).toBeNull();
  });
});
