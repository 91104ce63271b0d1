/**
 * Sharing grants in a real browser (SECURITY 31): the hub's manager shares the referral and health's
 * research with a police CSE team that has no area; the team's officer finds the child in search and
 * "Shared with you" and sees exactly that; the manager ends access and the officer's next request is
 * refused. Every page is checked (marking, CSP, assets, axe).
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { createAgencyWithTeam, createTestUser, type TestUser } from '../support/app.ts';
import { describeInBrowser, pageActions } from '../support/browser.ts';
import { browserJourney } from '../support/browser-journey.ts';
import { fillShareDecision } from '../support/browser-sharing.ts';
import { personDetails, referVictim, victimReferral } from '../support/factories/index.ts';

describeInBrowser('sharing grants in Chromium', () => {
  const journey = browserJourney();
  let page: Page;
  const { submit, follow, expectHeading, expectNotice } = pageActions(() => page);
  const users: Record<string, TestUser> = {};
  let episodeId = '';
  let cseTeam = '';
  let healthName = '';

  beforeAll(async () => {
    const server = journey.server;
    const school = await createAgencyWithTeam(server, { type: 'EDUCATION', area: 'BLACKPOOL' });
    const council = await createAgencyWithTeam(server, { type: 'CHILDRENS_SOCIAL_CARE', area: 'BLACKPOOL' });
    const health = await createAgencyWithTeam(server, { type: 'HEALTH', area: 'BLACKPOOL' });
    const police = await createAgencyWithTeam(server, { type: 'POLICE', area: null });
    const member = (roles: Parameters<typeof createTestUser>[1], at: typeof school) =>
      createTestUser(server, roles, { agencyId: at.agencyId, teamIds: [at.teamId] });
    users['referrer'] = await member(['REFERRER'], school);
    users['manager'] = await member(['MASH_MANAGER'], council);
    users['cse'] = await member(['CSE_OFFICER'], police);
    const created = await referVictim(
      server.db,
      users['referrer']!,
      victimReferral.build({
        child: {
          details: personDetails.build({ forename: 'Tegan', surname: 'Haverleigh', dob: '2010-09-02' }),
        },
        concerns: 'SHARED-CONCERNS: seen with older men at the station.',
      }),
    );
    const { rows } = await server.superuserQuery('SELECT id, area FROM mash_episode WHERE referral_id = $1', [
      created.id,
    ]);
    episodeId = rows[0].id;
    // Research as the agencies recorded it: health's releasable, the council's not.
    for (const [agency, summary, releasable] of [
      [health.agencyId, 'HEALTH-SHARED: attended a sexual health clinic.', true],
      [council.agencyId, 'COUNCIL-PRIVATE: an earlier plan.', false],
    ] as const)
      await server.superuserQuery(
        `INSERT INTO contribution (episode_id, area, agency_id, contributed_by_label, summary, releasable)
         VALUES ($1, $2, $3, 'Practitioner', $4, $5)`,
        [episodeId, rows[0].area, agency, summary, releasable],
      );
    const names = await server.superuserQuery(
      `SELECT (SELECT t.name || ', ' || a.name FROM team t JOIN agency a ON a.id = t.agency_id WHERE t.id = $1) AS team,
              (SELECT name FROM agency WHERE id = $2) AS health`,
      [police.teamId, health.agencyId],
    );
    cseTeam = names.rows[0].team;
    healthName = names.rows[0].health;
  });

  it('the manager shares the referral and health’s research with the CSE team for 90 days', async () => {
    await journey.signInAs(users['manager']!);
    page = journey.page;
    await page.goto(`/mash/episodes/${episodeId}`);
    const form = page.locator('#sharing-form');
    await form.locator('summary').click();
    await fillShareDecision(form, {
      information: 'The referral and health research',
      recipient: `Team: ${cseTeam}`,
      channel: 'Within Lantern',
      consent: { sought: true },
      necessity: 'The CSE team needs these to protect the child.',
    });
    await form.getByLabel('The referral’s details').check();
    await form.getByLabel(`${healthName}’s research`).check();
    // The council's research is not releasable: offered, but cannot be ticked.
    expect(await form.locator('input[name="contributionIds"]:disabled').count()).toBe(1);
    expect(await form.getByLabel('For how many days').inputValue()).toBe('90');
    await submit('Record sharing decision', form);
    await expectNotice('Information sharing decision recorded');
    await journey.check();
    await expect.poll(() => page.locator('#sharing-grants').textContent()).toContain('Access granted (1)');
  });

  it('the CSE officer finds the child and sees only what was shared', async () => {
    await journey.signInAs(users['cse']!);
    page = journey.page;
    await follow('Search', page.getByRole('navigation'));
    await page.getByLabel('Name').fill('Tegan Haverleigh');
    await submit('Search');
    await journey.check();
    await follow('Tegan Haverleigh', page.locator('#results'));
    await expectHeading('Tegan Haverleigh');
    await journey.check();
    const main = () => page.locator('main').textContent();
    await expect.poll(main).toContain('SHARED-CONCERNS');
    await expect.poll(main).toContain('HEALTH-SHARED');
    expect(await main()).not.toContain('COUNCIL-PRIVATE');
    await follow('Shared with you', page.getByRole('navigation'));
    await expectHeading('Shared with you');
    await journey.check();
  });

  it('the manager ends access and the officer’s next request is refused', async () => {
    await journey.signInAs(users['manager']!);
    page = journey.page;
    await page.goto(`/mash/episodes/${episodeId}`);
    await follow(/End access/);
    await expectHeading('End access under a sharing decision');
    await journey.check();
    await page.getByLabel('Why are you ending access?').fill('The CSE team has closed its enquiry.');
    await submit('End access');
    await expectNotice('Access ended');
    await journey.check();

    await journey.signInAs(users['cse']!);
    page = journey.page;
    await follow('Shared with you', page.getByRole('navigation'));
    await expect.poll(() => page.locator('main').textContent()).toContain('Nothing is shared with you');
    await journey.check();
  });
});
