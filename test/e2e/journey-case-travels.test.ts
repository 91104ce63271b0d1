/**
 * Issue 13, journey (a): a case travels between the agencies that must act on it, in Chromium, each person
 * signing in as themself. A Blackburn school refers a child who lives in Preston → the Lancashire hub's
 * practitioner finds it in the queue, sets Amber and asks the police and health for research (the school
 * cannot be asked) → the police and health MASH researchers answer from "My work", the police keeping part of
 * theirs inside the MASH → the manager allocates, shares with the South CSE team for 90 days and decides on
 * a section 47 enquiry → the CSE officer finds the child and sees only what was shared → the school sees the
 * outcome. Every page is checked (marking, CSP, assets, axe).
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import type { TestUser } from '../support/app.ts';
import { describeInBrowser, pageActions } from '../support/browser.ts';
import { fillSection47Decision } from '../support/browser-decision.ts';
import { browserJourney } from '../support/browser-journey.ts';
import { referThroughPages } from '../support/browser-referral.ts';
import { fillShareDecision } from '../support/browser-sharing.ts';
import { type JourneyPartnership, journeyPartnership } from '../support/journey-partnership.ts';

const CHILD = {
  forename: 'Kelsey',
  surname: 'Thornbury',
  day: '3',
  month: '7',
  year: '2011',
  postcode: 'PR1 4AB',
};
const CHILD_NAME = 'Kelsey Thornbury';
const RESEARCH = {
  policeShared: 'POLICE-SHARED: two missing reports, found with a known adult.',
  policeHeld: 'POLICE-HELD: intelligence on the adult, handling code 4.',
  health: 'HEALTH-SHARED: attended a sexual health clinic twice.',
};

describeInBrowser('a case travels between agencies (issue 13, journey a)', () => {
  const journey = browserJourney();
  let page: Page;
  const { submit, follow, expectHeading, expectNotice, openForm } = pageActions(() => page);
  let partnership: JourneyPartnership;
  let reference = '';
  let episodePath = '';

  beforeAll(async () => {
    partnership = await journeyPartnership(journey.server);
  });

  const check = () => journey.check();

  async function signInAs(user: TestUser): Promise<void> {
    await journey.signInAs(user);
    page = journey.page;
  }

  /** From "My work", the research request about the child, answered with the agency's research. */
  async function answerFromMyWork(
    contributions: readonly { summary: string; releasable: boolean; handlingCode?: string }[],
  ) {
    await follow('My work', page.getByRole('navigation'));
    await expectHeading('My work');
    await check();
    const row = page.locator('#my-work tbody tr', { hasText: CHILD_NAME });
    await expect.poll(() => row.textContent()).toContain('Research request');
    await expect.poll(() => row.textContent()).toMatch(/Your agency/);
    await follow(/Research requested/, row);
    await check();
    expect(new URL(page.url()).pathname).toBe(episodePath);
    for (const c of contributions) {
      const form = await openForm('contribution-form');
      await form.getByLabel('Summary of what your agency knows').fill(c.summary);
      await form
        .getByRole('group', { name: 'May this be released outside the MASH?' })
        .getByLabel(c.releasable ? 'Yes, it may be released outside the MASH' : 'No, only within the MASH')
        .check();
      if (c.handlingCode) await form.getByLabel('Handling code').selectOption(c.handlingCode);
      await submit('Record research', form);
      await expectNotice('Your agency’s research has been recorded');
      await check();
    }
    // Answered: the request has left the agency's work.
    await follow('My work', page.getByRole('navigation'));
    await check();
    expect(await page.locator('#my-work tbody tr', { hasText: CHILD_NAME }).count()).toBe(0);
  }

  it('a Blackburn school refers a child who lives in Preston; the Lancashire hub receives it', async () => {
    await signInAs(partnership.users.referrer);
    reference = await referThroughPages(page, check, {
      child: CHILD,
      concerns: 'Seen getting into cars with older men near the bus station.',
    });
    expect(await page.locator('main').textContent()).toContain('Lancashire');
  });

  it('the Lancashire practitioner sets Amber and asks the police and health, not the school', async () => {
    await signInAs(partnership.users.practitioner);
    await journey.openEpisodeFromQueue(reference);
    episodePath = new URL(page.url()).pathname;
    await expect.poll(() => page.locator('main').textContent()).toContain(CHILD_NAME);

    let form = await openForm('rag-form');
    await form.getByLabel('Amber', { exact: true }).check();
    await form
      .getByLabel('Why this rating?')
      .fill('Older adults and cars: risk of exploitation, not immediate.');
    await submit('Save rating', form);
    await expectNotice('RAG rating saved');
    await check();

    form = await openForm('research-form');
    expect(await form.getByLabel(partnership.names.school).count()).toBe(0);
    await form.getByLabel(partnership.names.police).check();
    await form.getByLabel(partnership.names.health).check();
    await submit('Ask for research', form);
    await expectNotice('Research requested');
    await check();
    // Amber: due 24 working hours after the request, shown with the agency.
    await expect.poll(() => page.locator('#research-requests tbody tr').count()).toBe(2);
  });

  it('the police and health MASH researchers answer from My work', async () => {
    await signInAs(partnership.users.policeResearcher);
    await answerFromMyWork([
      { summary: RESEARCH.policeShared, releasable: true, handlingCode: '1' },
      { summary: RESEARCH.policeHeld, releasable: false, handlingCode: '4' },
    ]);
    await signInAs(partnership.users.healthResearcher);
    await answerFromMyWork([{ summary: RESEARCH.health, releasable: true }]);
  });

  it('the manager allocates, shares with the South CSE team for 90 days and decides on section 47', async () => {
    await signInAs(partnership.users.manager);
    await page.goto(episodePath);
    await check();
    await expect.poll(() => page.locator('.lantern-contribution').count()).toBe(3);

    const allocation = page.locator('#allocation-form');
    await allocation.getByLabel('Allocate to').selectOption({ label: 'Sam Social Worker' });
    await submit('Allocate', allocation);
    await expectNotice('Referral allocated');
    await check();
    await expect.poll(() => page.locator('#allocated-to').textContent()).toContain('Sam Social Worker');

    let form = await openForm('sharing-form');
    await fillShareDecision(form, {
      information: 'The referral and the releasable research',
      recipient: `Team: ${partnership.names.cseTeam}`,
      channel: 'Within Lantern',
      consent: { sought: true },
      necessity: 'The CSE team needs these to protect the child.',
    });
    await form.getByLabel('The referral’s details').check();
    // Every releasable contribution; the police's held research cannot be ticked.
    const shareable = form.locator('input[name="contributionIds"]:not(:disabled)');
    expect(await shareable.count()).toBe(2);
    for (const box of await shareable.all()) await box.check();
    expect(await form.locator('input[name="contributionIds"]:disabled').count()).toBe(1);
    expect(await form.getByLabel('For how many days').inputValue()).toBe('90');
    await submit('Record sharing decision', form);
    await expectNotice('Information sharing decision recorded');
    await check();

    form = await openForm('decision-form');
    await fillSection47Decision(form, 'FEEDBACK: the MASH has started enquiries. Thank you.');
    await submit('Record decision', form);
    await expectNotice('Decision recorded');
    await check();
  });

  it('the South CSE officer finds the child and sees only what was shared', async () => {
    await signInAs(partnership.users.cseOfficer);
    await follow('My work', page.getByRole('navigation'));
    await check();
    await expect
      .poll(() => page.locator('#my-work tbody tr', { hasText: CHILD_NAME }).textContent())
      .toContain('Shared with you');
    await follow('Search', page.getByRole('navigation'));
    await page.getByLabel('Name').fill(CHILD_NAME);
    await submit('Search');
    await check();
    await follow(CHILD_NAME, page.locator('#results'));
    await expectHeading(CHILD_NAME);
    await check();
    const main = () => page.locator('main').textContent();
    await expect.poll(main).toContain('near the bus station');
    await expect.poll(main).toContain(RESEARCH.policeShared);
    await expect.poll(main).toContain(RESEARCH.health);
    expect(await main()).not.toContain(RESEARCH.policeHeld);
  });

  it('the school sees the outcome of its referral', async () => {
    await signInAs(partnership.users.referrer);
    await follow('Referrals', page.getByRole('navigation'));
    await check();
    const row = page.locator('tr', { hasText: reference });
    await expect.poll(() => row.textContent()).toContain('Section 47');
    await follow(reference);
    await check();
    await expect.poll(() => page.locator('main').textContent()).toContain('FEEDBACK: the MASH has started');
    // The school learns the outcome, never the hub's research.
    expect(await page.locator('main').textContent()).not.toContain('POLICE-');
  });
});
