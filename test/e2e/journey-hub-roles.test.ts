/**
 * Issue 13, journeys (c) and (d), in Chromium with people of different agencies and hubs:
 * (c) a referral with no postcode reaches the referrer's hub flagged "hub to confirm"; that hub's manager
 *     transfers it, with a reason, to the Lancashire hub, which sees it at once while the sending hub no
 *     longer can; (d) a practitioner triages and proposes the decision but cannot approve it, a manager
 *     approves it from "My work", and the school sees the outcome. Every page is checked (axe included).
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import type { TestUser } from '../support/app.ts';
import { describeInBrowser, pageActions } from '../support/browser.ts';
import { browserJourney } from '../support/browser-journey.ts';
import { personDetails, referVictim, victimReferral } from '../support/factories/index.ts';
import { type JourneyPartnership, journeyPartnership } from '../support/journey-partnership.ts';

describeInBrowser('hubs and roles (issue 13, journeys c and d)', () => {
  const journey = browserJourney();
  let page: Page;
  const { submit, follow, expectHeading, expectNotice, openForm } = pageActions(() => page);
  let partnership: JourneyPartnership;
  const referrals: Record<'unaddressed' | 'preston', { reference: string; episode: string }> = {
    unaddressed: { reference: '', episode: '' },
    preston: { reference: '', episode: '' },
  };

  beforeAll(async () => {
    const server = journey.server;
    partnership = await journeyPartnership(server);
    const refer = async (forename: string, postcode: string | null) => {
      const created = await referVictim(
        server.db,
        partnership.users.referrer,
        victimReferral.build({
          child: {
            details: personDetails.build({
              forename,
              surname: 'Journeyman',
              ...(postcode ? { address: { line1: '4 Mill Lane', town: 'Preston', postcode } } : {}),
            }),
          },
        }),
      );
      const { rows } = await server.superuserQuery('SELECT id FROM mash_episode WHERE referral_id = $1', [
        created.id,
      ]);
      return { reference: created.reference, episode: `/mash/episodes/${rows[0].id}` };
    };
    referrals.unaddressed = await refer('Ellie', null);
    referrals.preston = await refer('Grace', 'PR2 3AB');
  });

  const check = () => journey.check();

  async function signInAs(user: TestUser): Promise<void> {
    await journey.signInAs(user);
    page = journey.page;
  }

  it('(c) the Blackburn with Darwen manager transfers a referral to the Lancashire hub', async () => {
    const { reference, episode } = referrals.unaddressed;
    await signInAs(partnership.users.bwdManager);
    await follow('MASH queue', page.getByRole('navigation'));
    await check();
    const row = page.locator('#queue tbody tr', { hasText: reference });
    await expect.poll(() => row.textContent()).toContain('Hub to confirm');
    await follow(reference, row);
    await expectHeading(reference);
    await check();
    await expect.poll(() => page.locator('#hub-to-confirm').textContent()).toContain('Hub to confirm');
    await follow('Transfer to another hub');
    await expectHeading('Transfer to another hub');
    await check();

    // No reason: a field error, and nothing moves.
    await page.getByLabel('Hub to transfer to').selectOption({ label: 'Lancashire' });
    await submit('Transfer the referral');
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('why');
    await check();
    expect(await page.getByLabel('Hub to transfer to').inputValue()).toBe('LANCASHIRE');
    await page
      .getByLabel('Why is the referral being transferred?')
      .fill('The school confirmed the family moved to Preston last month.');
    await submit('Transfer the referral');
    await expectHeading('MASH queue');
    await check();
    expect(await page.locator('#queue tbody tr', { hasText: reference }).count()).toBe(0);
    await page.goto(episode);
    await expectHeading('Page not found');

    await signInAs(partnership.users.practitioner);
    await journey.openEpisodeFromQueue(reference);
    await expect.poll(() => page.locator('#hub').textContent()).toContain('Held by the Lancashire hub');
    const { rows } = await journey.server.superuserQuery(
      `SELECT details->>'to' AS "to" FROM audit_event WHERE action = 'MASH_EPISODE_TRANSFER' AND outcome = 'SUCCESS'`,
    );
    expect(rows).toEqual([{ to: 'LANCASHIRE' }]);
  });

  it('(d) a practitioner triages and proposes the decision, and cannot approve it', async () => {
    const { reference, episode } = referrals.preston;
    await signInAs(partnership.users.practitioner);
    await page.goto(episode);
    await expectHeading(reference);
    await check();
    let form = await openForm('rag-form');
    await form.getByLabel('Green', { exact: true }).check();
    await form.getByLabel('Why this rating?').fill('No immediate risk; known to the school.');
    await submit('Save rating', form);
    await expectNotice('RAG rating saved');
    await check();
    // Once set, the RAG is the manager's to change; allocation is the manager's too.
    await expect.poll(() => page.locator('#rag-cannot').textContent()).toContain('A MASH manager');
    await expect.poll(() => page.locator('#allocate-cannot').textContent()).toContain('A MASH manager');

    form = await openForm('decision-form');
    await form
      .getByRole('group', { name: 'Contact outcome' })
      .getByLabel('Early help', { exact: true })
      .check();
    await form.getByLabel('Rationale for the decision').fill('Needs are met by the school’s support plan.');
    await form
      .getByLabel('Feedback to the referrer')
      .fill('OUTCOME-D: early help from the school’s family worker.');
    await submit('Propose decision', form);
    await expectNotice('Decision proposed');
    await check();
    await expect.poll(() => page.locator('#approve-cannot').textContent()).toContain('A MASH manager');
    expect(await page.getByRole('button', { name: 'Approve decision' }).count()).toBe(0);
  });

  it('(d) the manager approves the proposal from My work; the school sees the outcome', async () => {
    const { reference } = referrals.preston;
    await signInAs(partnership.users.manager);
    await follow('My work', page.getByRole('navigation'));
    await check();
    const row = page.locator('#my-work tbody tr', { hasText: 'Grace Journeyman' });
    await expect.poll(() => row.textContent()).toContain('Decision to approve');
    await follow(/./, row.locator('td').nth(1));
    await expectHeading(reference);
    await check();
    await expect.poll(() => page.locator('#proposal-summary').textContent()).toContain('Sam Social Worker');
    await submit('Approve decision');
    await expectNotice('Decision approved');
    await check();
    await expect.poll(() => page.locator('main').textContent()).toContain('proposed by Sam Social Worker');

    await signInAs(partnership.users.referrer);
    await follow('Referrals', page.getByRole('navigation'));
    await check();
    await follow(reference);
    await check();
    await expect.poll(() => page.locator('main').textContent()).toContain('OUTCOME-D');
  });
});
