/**
 * A referrer's whole victim referral through the pages, as a school's designated safeguarding lead makes it:
 * the child, the referral, the exploitation, the concerns, the model, the people (an optional suspect),
 * places, consent, urgency, check your answers, send. Each page is checked (`check`: marking, CSP, assets,
 * axe) and what every referrer must see is asserted on the way (no registry search, no choice of hub, the
 * "concern noticed" question). Answers the reference shown on the confirmation page.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { pageActions } from './browser.ts';

export interface ChildOnForm {
  forename: string;
  surname: string;
  day: string;
  month: string;
  year: string;
  postcode: string;
}

export interface ReferralOnForm {
  child: ChildOnForm;
  concerns: string;
  practitioner?: string;
  suspect?: { forename: string; surname: string; age: string };
}

/** "About the child": a girl with these details, then on to the next page. */
export async function fillChildPage(page: Page, child: ChildOnForm): Promise<void> {
  await page.getByLabel('First name').fill(child.forename);
  await page.getByLabel('Last name').fill(child.surname);
  const dob = page.getByRole('group', { name: 'Date of birth', exact: true });
  await dob.getByLabel('Day').fill(child.day);
  await dob.getByLabel('Month').fill(child.month);
  await dob.getByLabel('Year').fill(child.year);
  await page.getByRole('group', { name: 'Gender' }).getByLabel('Female', { exact: true }).check();
  await page.getByLabel('Postcode').fill(child.postcode);
  await pageActions(() => page).submit('Continue');
}

/**
 * The exploitation pages, each checked: CSE and victim of crime, the concerns, the model and the first
 * contact not known; it stops on "Suspects and associates".
 */
export async function fillExploitationPages(
  page: Page,
  check: () => Promise<void>,
  concerns: string,
): Promise<void> {
  const { submit, expectHeading } = pageActions(() => page);
  await expectHeading('Type of exploitation');
  await check();
  await page.getByLabel('Child sexual exploitation').check();
  await page.getByLabel('Victim of crime').check();
  await submit('Continue');

  await expectHeading('What are the concerns?');
  await check();
  await page.getByLabel('Describe the concerns').fill(concerns);
  await submit('Continue');

  await expectHeading('How is the child being exploited?');
  await check();
  await page.getByRole('group', { name: 'Exploitation model' }).getByLabel('Not known').check();
  await page
    .getByRole('group', { name: 'How was the child first contacted?' })
    .getByLabel('Not known')
    .check();
  await submit('Continue');
}

export async function referThroughPages(
  page: Page,
  check: () => Promise<void>,
  referral: ReferralOnForm,
): Promise<string> {
  const { submit, follow, expectHeading } = pageActions(() => page);
  const { child } = referral;
  await follow('Refer a child', page.getByRole('navigation'));
  await check();
  await submit(/Start/);
  await expectHeading('About the child');
  await check();
  // A referrer has no search of the registry on this page.
  expect(await page.getByRole('heading', { name: 'Is the child already known?' }).count()).toBe(0);
  await fillChildPage(page, child);

  await expectHeading('About the referral');
  await check();
  // The referrer says when the concern was noticed; the hub is not theirs to choose (decision 0014).
  expect(await page.getByRole('group', { name: 'When was the concern noticed?' }).count()).toBe(1);
  expect(await page.getByLabel(/Safeguarding area/).count()).toBe(0);
  await page
    .getByLabel('Name of the practitioner making the referral')
    .fill(referral.practitioner ?? 'Pat Teacher');
  await page.getByLabel('Referral source').selectOption({ label: 'Schools' });
  await submit('Continue');

  await fillExploitationPages(page, check, referral.concerns);

  await expectHeading('Suspects and associates');
  await check();
  // Nor a search of the people others recorded: a referrer adds people with their details (decision 0022).
  expect(await page.getByLabel('Search by name').count()).toBe(0);
  if (referral.suspect) {
    const { forename, surname, age } = referral.suspect;
    await page.getByLabel('Suspect', { exact: true }).check();
    await page.getByLabel('First name').fill(forename);
    await page.getByLabel('Last name').fill(surname);
    await page.getByLabel(/Estimated age/).fill(age);
    await page.getByRole('group', { name: 'Gender' }).getByLabel('Male', { exact: true }).check();
    await submit('Add this person');
    await check();
    await expect.poll(() => page.locator('#people-added').textContent()).toContain(`${forename} ${surname}`);
  }
  await submit('Continue');

  await expectHeading('Places of concern');
  await check();
  await submit('Continue');
  await expectHeading('Consent');
  await check();
  await page.getByLabel('Consent given').check();
  await submit('Continue');
  await expectHeading('How urgent is the referral?');
  await check();
  await page.getByLabel('Routine').check();
  await submit('Continue');

  await expectHeading('Check your answers before sending the referral');
  await check();
  await submit('Send referral');
  expect(new URL(page.url()).pathname).toMatch(/^\/referrals\/[0-9a-f-]{36}\/confirmation$/);
  await check();
  const reference = ((await page.locator('#reference').textContent()) ?? '').trim();
  expect(reference).toMatch(/^VR-/);
  return reference;
}
