/**
 * Issue 14, items 4 and 5, in Chromium (every page through checkPage): a police CSE officer records who a
 * child was found with by searching for a name and picking a result; a name that matches no one becomes
 * "someone not yet known", recorded as a new person and linked; a person outside the officer's scope is never
 * offered, and nothing 404s or loses what was typed. The return home interview offers only the agencies that
 * hold them, and saving one shows it as recorded. An adult's page offers no CSE risk assessment.
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { createAgencyWithTeam, type TestUser } from '../support/app.ts';
import { describeInBrowser, pageActions } from '../support/browser.ts';
import { browserJourney } from '../support/browser-journey.ts';
import { fillChildPage, fillExploitationPages } from '../support/browser-referral.ts';
import { memberOf, reportMissing, wallClock } from '../support/factories/index.ts';
import { recordFoundWithCast } from '../support/found-with-cast.ts';
import type { TestServer } from '../support/server.ts';

const HOUR = 3_600_000;

describeInBrowser('found with, and the right choices, in Chromium', () => {
  const journey = browserJourney();
  let server: TestServer;
  let page: Page;
  const { submit, expectHeading, expectNotice } = pageActions(() => page);
  let officer: TestUser;
  let childId = '';
  let adultId = '';
  const episodes: string[] = [];
  const agencyNames: Record<string, string> = {};

  beforeAll(async () => {
    server = journey.server;
    const police = await createAgencyWithTeam(server, { type: 'POLICE', area: 'BLACKPOOL' });
    const far = await createAgencyWithTeam(server, { type: 'CHILDRENS_SOCIAL_CARE', area: 'LANCASHIRE' });
    for (const [name, type, provides] of [
      ['charity', 'VOLUNTARY', true],
      ['school', 'EDUCATION', false],
      ['hospital', 'HEALTH', false],
    ] as const) {
      const { agencyId } = await createAgencyWithTeam(server, {
        type,
        area: 'BLACKPOOL',
        providesReturnInterviews: provides,
      });
      agencyNames[name] = (
        await server.superuserQuery('SELECT name FROM agency WHERE id = $1', [agencyId])
      ).rows[0].name;
    }
    officer = await memberOf(server, police, ['CSE_OFFICER']);
    const farOfficer = await memberOf(server, far, ['CSE_OFFICER']);
    ({ childId, adultId } = await recordFoundWithCast(server.db, officer, farOfficer));
    for (const [i, days] of [5, 4, 3].entries()) {
      const recorded = await reportMissing(server, officer, {
        personId: childId,
        type: 'MISSING',
        from: { kind: 'HOME', postcode: 'FY1 4AA' },
        reportedAt: new Date(Date.now() - days * 24 * HOUR).toISOString(),
        reportedBy: 'Mother',
        riskGrade: 'MEDIUM',
        exploitationSuspected: true,
        externalRef: `BP-PICK-${i}`,
      });
      episodes.push(recorded.id);
    }
  });

  const returnForm = () => page.locator('form', { has: page.locator('#withName') });

  /** Opens an episode and answers the return's questions other than who the child was found with. */
  async function startReturn(episodeId: string, where: string): Promise<void> {
    await page.goto(`/missing/episodes/${episodeId}`);
    await expectHeading(/Missing/);
    await journey.check();
    const { day, month, year, time } = wallClock(new Date(Date.now() - 2 * HOUR));
    const group = page.getByRole('group', { name: 'When was the child found or returned?', exact: true });
    await group.locator('input[name="returned-day"]').fill(day);
    await group.getByLabel('Month').fill(month);
    await group.getByLabel('Year').fill(year);
    await page.locator('#returnedTime').fill(time);
    await page.getByLabel('Where were they found?').fill(where);
  }

  async function search(name: string): Promise<void> {
    await page.getByLabel('Name of someone they were found with').fill(name);
    await submit('Search', returnForm());
    await journey.check();
  }

  it('finds a person by name and picks them: the return names them, with no id typed', async () => {
    await journey.signInAs(officer);
    page = journey.page;
    await startReturn(episodes[0]!, 'A flat above the takeaway');
    await search('Dean Sample');
    // The search came back on the same page (POST: no name in the address) with every answer kept.
    expect(new URL(page.url()).search).toBe('');
    await expect
      .poll(() => page.getByLabel('Where were they found?').inputValue())
      .toBe('A flat above the takeaway');
    const results = page.getByRole('group', { name: 'Who were they found with?' });
    await expect.poll(() => results.textContent()).toContain('Born 2 March 1999');
    expect(await results.textContent()).not.toContain('Sampler');
    await results.getByLabel('Dean Sample').check();
    await page.getByLabel('Who they are to the child (if found with someone)').fill('Older friend');
    await submit('Record the return');
    await expectNotice('Saved');
    await journey.check();
    await expect
      .poll(() => page.locator('#found-with').textContent())
      .toMatch(/Dean Sample\s*–\s*Older friend/);
  });

  it('a name that matches no one becomes someone not yet known, recorded and linked', async () => {
    await startReturn(episodes[1]!, 'Bus station');
    await search('Zebedee Quill');
    const results = page.getByRole('group', { name: 'Who were they found with?' });
    await expect.poll(() => results.textContent()).toContain('No one you may see matches that name');
    await results.getByLabel('Someone not yet known').check();
    await expect.poll(() => page.getByLabel('First name').inputValue()).toBe('Zebedee');
    await expect.poll(() => page.getByLabel('Last name').inputValue()).toBe('Quill');
    await page.getByLabel('Who they are to the child (if found with someone)').fill('Adult at the address');
    await submit('Record the return');
    await expectNotice('Saved');
    await journey.check();
    await expect.poll(() => page.locator('#found-with').textContent()).toContain('Zebedee Quill');
    const { rows } = await server.superuserQuery(
      `SELECT a.type FROM person p JOIN source_record s ON s.person_id = p.id JOIN agency a ON a.id = s.agency_id
        WHERE p.forename = 'Zebedee' AND p.surname = 'Quill'`,
    );
    expect(rows).toEqual([{ type: 'POLICE' }]);
  });

  it('someone out of scope is never offered; a missing answer re-shows the page with everything kept', async () => {
    await startReturn(episodes[2]!, 'The park');
    await search('Dean Sampler');
    const results = page.getByRole('group', { name: 'Who were they found with?' });
    expect(await results.textContent()).not.toContain('Sampler');
    await results.getByLabel('Someone not yet known').check();
    await page.getByLabel('First name').fill('');
    await page.getByLabel('Last name').fill('');
    await page.getByLabel('Who they are to the child (if found with someone)').fill('Unknown man');
    await submit('Record the return');
    await expectHeading(/Missing/);
    await journey.check();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter a first name');
    expect(await page.getByLabel('Where were they found?').inputValue()).toBe('The park');
    expect(await page.getByLabel('Who they are to the child (if found with someone)').inputValue()).toBe(
      'Unknown man',
    );
    expect(await page.locator('main').textContent()).not.toContain('Page not found');
  });

  it('the interview offers only its providers, and saving shows the interview as recorded', async () => {
    await page.goto(`/missing/episodes/${episodes[0]}`);
    await journey.check();
    const options = await page
      .getByLabel('Independent agency holding the interview')
      .locator('option')
      .allTextContents();
    expect(options).toContain(agencyNames['charity']);
    expect(options).not.toContain(agencyNames['school']);
    expect(options).not.toContain(agencyNames['hospital']);
    await page
      .getByRole('group', { name: 'Was an interview offered?' })
      .getByLabel('Yes, an interview was offered')
      .check();
    const offered = wallClock(new Date(Date.now() - HOUR));
    const group = page.getByRole('group', { name: 'When was it offered?', exact: true });
    await group.locator('input[name="offered-day"]').fill(offered.day);
    await group.getByLabel('Month').fill(offered.month);
    await group.getByLabel('Year').fill(offered.year);
    await page.locator('#offeredTime').fill(offered.time);
    await page
      .getByLabel('Independent agency holding the interview')
      .selectOption({ label: agencyNames['charity']! });
    await page.getByLabel('Name of the interviewer').fill('Jo Worker');
    await submit('Save the interview');
    await expectNotice('Return home interview saved');
    await journey.check();
    await expect
      .poll(() => page.locator('#interview').textContent())
      .toContain(`Jo Worker, ${agencyNames['charity']}`);
    // The form is folded away, and starts from what was saved when opened.
    expect(await page.locator('#change-interview').getAttribute('open')).toBeNull();
    expect(await page.locator('#byName').inputValue()).toBe('Jo Worker');
  });

  it('an adult’s page has no risk assessment action; the child’s has', async () => {
    await page.goto(`/people/${adultId}`);
    await expectHeading(/Dean Sample/);
    await journey.check();
    expect(await page.locator(`a[href^="/people/${adultId}/risk-assessments"]`).count()).toBe(0);
    await page.goto(`/people/${childId}`);
    await expectHeading(/Evie Example/);
    await journey.check();
    expect(await page.locator(`a[href^="/people/${childId}/risk-assessments"]`).count()).toBeGreaterThan(0);
  });

  it('on a referral, a suspect already known is found by name and picked, and no one out of scope is offered', async () => {
    await page.goto('/referrals/new');
    await journey.check();
    await submit(/Start/);
    await expectHeading('About the child');
    await journey.check();
    await fillChildPage(page, {
      forename: 'Mia',
      surname: 'Testcase',
      day: '3',
      month: '4',
      year: String(new Date().getUTCFullYear() - 14),
      postcode: 'FY1 1AA',
    });
    await expectHeading('About the referral');
    await page.getByLabel('Name of the practitioner making the referral').fill('PC Example');
    await page.getByLabel('Referral source').selectOption({ label: 'Police' });
    await submit('Continue');
    await fillExploitationPages(page, journey.check, 'Seen getting into cars after school.');
    await expectHeading('Suspects and associates');
    await journey.check();
    await page.getByLabel('Suspect', { exact: true }).check();
    await page.getByLabel('Relationship to the child (optional)').fill('Older boyfriend');
    await page.getByLabel('Search by name').fill('Dean Sample');
    await submit('Search');
    await journey.check();
    const results = page.getByRole('group', { name: 'People you may see who match' });
    expect(await results.textContent()).not.toContain('Sampler');
    await expect
      .poll(() => page.getByLabel('Relationship to the child (optional)').inputValue())
      .toBe('Older boyfriend');
    await results.getByLabel('Dean Sample').check();
    await submit('Add the person chosen');
    await journey.check();
    await expect
      .poll(() => page.locator('#people-added').textContent())
      .toContain('Dean Sample, born 2 March 1999 (already known)');
  });
});
