/**
 * Issue 17, the disruption journey in Chromium, each person signing in as themself: a Blackburn school's
 * referral names a man seen with a Preston child, and the school gives the police intelligence about him →
 * the police CSE officer evaluates it 1/B/P from My work, feeds back and links it to him → issues a
 * Child Abduction Warning Notice naming the child → records its breach → "My work" asks the police to
 * consider a Sexual Risk Order, and the decision is recorded → a charge and a conviction with a 7-year
 * sentence are recorded (a sentence on a charge refused, what was typed kept) → the analyst's operational
 * briefing counts the notice, the conviction and 7 years of sentences, and their priorities show him by a
 * pseudonym → the Lancashire hub's practitioner
 * sees the notice and the conviction in the child's chronology, and on his register the sanitised
 * intelligence only; the school reads the feedback. Every page is checked (marking, CSP, axe).
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { createTeam } from '../../src/admin/service.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { formatLocalDate, toLocalDate } from '../../src/platform/time/zoned-time.ts';
import { createTestUser, type TestUser } from '../support/app.ts';
import { describeInBrowser, pageActions } from '../support/browser.ts';
import { browserJourney } from '../support/browser-journey.ts';
import { personDetails, referVictim, victimReferral } from '../support/factories/index.ts';
import { type JourneyPartnership, journeyPartnership } from '../support/journey-partnership.ts';

const CHILD_NAME = 'Kayla Whitmore';
const SUSPECT_NAME = 'Dale Exampleson';
const ORIGINAL = 'ORIGINAL: a pupil says he collects her after school and gives her vapes.';
const SANITISED = 'SANITISED: an adult man is reported to collect a child after school.';
const FEEDBACK = 'Thank you: graded and passed to the CSE team, who are acting on it.';

describeInBrowser(
  'the disruption of an offender travels to the briefing and the chronology (issue 17)',
  () => {
    const journey = browserJourney();
    let page: Page;
    const { submit, follow, expectHeading, expectNotice } = pageActions(() => page);
    let partnership: JourneyPartnership;
    let officer: TestUser;
    let analyst: TestUser;
    const today = formatLocalDate(toLocalDate(new Date()));
    const [year, month, day] = today.split('-').map(Number) as [number, number, number];

    beforeAll(async () => {
      const t = journey.server;
      partnership = await journeyPartnership(t);
      const police = partnership.users.policeResearcher.agencyId;
      const team = await withTransaction(t.db, systemContext('test'), (tx) =>
        createTeam(tx, { agencyId: police, name: 'Lancashire CSE team', area: 'LANCASHIRE' }),
      );
      officer = await createTestUser(t, ['CSE_OFFICER'], {
        agencyId: police,
        teamIds: [team.id],
        displayName: 'Alex Lancashire Officer',
      });
      analyst = await createTestUser(t, ['ANALYST'], { agencyId: police, displayName: 'Robin Analyst' });
      // The school's referral, submitted as the school would (the referral journey is tested elsewhere).
      await referVictim(
        t.db,
        partnership.users.referrer,
        victimReferral.build({
          child: {
            details: personDetails.build({
              forename: 'Kayla',
              surname: 'Whitmore',
              dob: '2011-05-09',
              address: { line1: '4 Mill Lane', town: 'Preston', postcode: 'PR1 4AB' },
            }),
          },
          suspects: [
            { details: { forename: 'Dale', surname: 'Exampleson', estimatedAge: 31, gender: 'MALE' } },
          ],
        }),
      );
    });

    const check = () => journey.check();
    async function signInAs(user: TestUser): Promise<void> {
      await journey.signInAs(user);
      page = journey.page;
    }
    const fillDate = async (
      form: ReturnType<Page['locator']>,
      legend: string | RegExp,
      d: number,
      m: number,
      y: number,
    ) => {
      const group = form.getByRole('group', { name: legend });
      await group.getByLabel('Day').fill(String(d));
      await group.getByLabel('Month').fill(String(m));
      await group.getByLabel('Year').fill(String(y));
    };

    it('the school gives the police intelligence about the man', async () => {
      await signInAs(partnership.users.referrer);
      await follow('Intelligence', page.getByRole('navigation'));
      await check();
      await follow('Give intelligence to the police');
      await check();
      const form = page.locator('#intelligence-form');
      await submit('Send to the police', form);
      await expect
        .poll(() => page.locator('.govuk-error-summary').textContent())
        .toContain('Enter who it is about');
      await check();
      await form.getByLabel('Who it is about').fill(`${SUSPECT_NAME}, about 30, seen with ${CHILD_NAME}`);
      await form.getByLabel('What you know').fill(ORIGINAL);
      await form.getByLabel('Vehicles (optional)').fill('Silver hatchback, registration starting PN6');
      await submit('Send to the police', form);
      await expectNotice('Your intelligence has been sent to the police');
      await check();
      await expect.poll(() => page.locator('#status').textContent()).toContain('Waiting for the police');
    });

    it('the police evaluate it 1/B/P from My work, feed back, and link it to the man', async () => {
      await signInAs(officer);
      await follow('My work', page.getByRole('navigation'));
      await check();
      const row = page.locator('#my-work tbody tr', { hasText: 'Intelligence to evaluate' });
      await follow(/Evaluate intelligence from/, row);
      await check();
      expect(await page.locator('#submission').textContent()).toContain(ORIGINAL);
      const form = page.locator('#evaluation-form');
      await form.getByLabel('1: Reliable').check();
      await form.getByLabel('B: Known indirectly to the source, corroborated').check();
      await form.getByLabel('P: Lawful sharing permitted').check();
      await form.getByLabel('Sanitised version for sharing').fill(SANITISED);
      await form.getByLabel('Feedback to the submitter (optional)').fill(FEEDBACK);
      await submit('Save evaluation', form);
      await expectNotice('The evaluation has been recorded');
      await check();
      await expect.poll(() => page.locator('#evaluation').textContent()).toContain('1/B/P');
      await follow('Search', page.getByRole('navigation'));
      await page.getByLabel('Name', { exact: true }).fill(SUSPECT_NAME);
      await submit('Search');
      await follow(SUSPECT_NAME, page.locator('#results'));
      await follow(/Disruption: tactics/);
      const link = page.locator('#link-intelligence-form');
      await link.getByLabel(/INT-/).first().check();
      await submit('Link intelligence', link);
      await expectNotice('The intelligence has been linked to this person');
      await check();
      await expect.poll(() => page.locator('#intelligence').textContent()).toContain(SANITISED);
      // The intelligence's partial registration becomes one of his identifiers, found by any part of it.
      await follow(/Add an identifier/);
      await check();
      const identifier = page.locator('#identifier-form');
      await identifier.getByLabel('Vehicle (a partial registration will do)').check();
      await identifier.getByLabel('Identifier', { exact: true }).fill('PN6');
      await submit('Save identifier', identifier);
      await expectNotice('The identifier has been added');
      await expect.poll(() => page.locator('#identifiers').textContent()).toContain('PN6');
      await follow('Pursue priorities', page.getByRole('navigation'));
      await follow(/Find a person by a vehicle/);
      await check();
      await page.getByLabel('Vehicle, phone, handle, alias or reference').fill('pn 6');
      await submit('Find');
      await check();
      await expect.poll(() => page.locator('#identifier-results').textContent()).toContain(SUSPECT_NAME);
    });

    it('the police CSE officer finds the man and issues an abduction warning notice naming the child', async () => {
      await signInAs(officer);
      await follow('Search', page.getByRole('navigation'));
      await page.getByLabel('Name', { exact: true }).fill(SUSPECT_NAME);
      await submit('Search');
      await check();
      await follow(SUSPECT_NAME, page.locator('#results'));
      await expectHeading(SUSPECT_NAME);
      await check();
      await follow(/Disruption: tactics/);
      await expectHeading('Disruption');
      await check();
      expect(await page.locator('#no-tactics').textContent()).toContain('No tactic');
      await expect.poll(() => page.locator('#child-links').textContent()).toContain(CHILD_NAME);
      expect(await page.locator('#child-links').textContent()).toContain(
        'Named as a suspect on the child’s referral',
      );
      await follow(/Record a tactic/);
      await check();
      const form = page.locator('#tactic-form');
      await form.getByLabel('Child Abduction Warning Notice (s2 Child Abduction Act 1984)').check();
      await fillDate(form, 'When was it issued, or when did it happen?', day, month, year);
      await submit('Save tactic', form);
      // The notice must name the child: refused, with what was typed kept.
      await expect
        .poll(() => page.locator('.govuk-error-summary').textContent())
        .toContain('Select the child the notice protects');
      await check();
      expect(
        await form.getByLabel('Child Abduction Warning Notice (s2 Child Abduction Act 1984)').isChecked(),
      ).toBe(true);
      expect(
        await form
          .getByRole('group', { name: 'When was it issued, or when did it happen?' })
          .getByLabel('Day')
          .inputValue(),
      ).toBe(String(day));
      await form.getByLabel(CHILD_NAME).check();
      await form.getByLabel('Conditions (optional)').fill('Not to contact or be with Kayla Whitmore.');
      await submit('Save tactic', form);
      await expectNotice('The tactic has been recorded');
      await check();
      const card = page.locator('.govuk-summary-card', { hasText: 'Child Abduction Warning Notice' });
      await expect.poll(() => card.textContent()).toContain(CHILD_NAME);
      await expect.poll(() => card.textContent()).toContain('Alex Lancashire Officer');
      // The child's referral, today, is within the 90 days before the notice.
      await expect.poll(() => card.textContent()).toContain('Referrals: 1 before, 0 after so far.');
    });

    it('its breach asks the police, in My work, to consider a Sexual Risk Order; the decision is recorded', async () => {
      await follow(/Record a breach/);
      await check();
      const form = page.locator('#breach-form');
      await fillDate(form, 'When was it breached?', day, month, year);
      await form.getByLabel('What happened').fill('Seen with the child at the bus station.');
      await submit('Save breach', form);
      await expectNotice('The breach has been recorded');
      await check();
      await follow('My work', page.getByRole('navigation'));
      await check();
      const row = page.locator('#my-work tbody tr', { hasText: SUSPECT_NAME });
      await expect.poll(() => row.textContent()).toContain('Sexual Risk Order to consider');
      await follow(/Consider a Sexual Risk Order/, row);
      await expectHeading('Consider a Sexual Risk Order');
      await check();
      const decision = page.locator('#sro-form');
      await decision.getByLabel('Apply for a Sexual Risk Order').check();
      await submit('Save decision', decision);
      await expectNotice('The decision on a Sexual Risk Order has been recorded');
      await check();
      await follow('My work', page.getByRole('navigation'));
      await expect
        .poll(() => page.locator('main').textContent())
        .not.toContain('Sexual Risk Order to consider');
    });

    it('a charge and a conviction with a 7-year sentence are recorded; a sentence on a charge is refused', async () => {
      await follow('Search', page.getByRole('navigation'));
      await page.getByLabel('Name', { exact: true }).fill(SUSPECT_NAME);
      await submit('Search');
      await follow(SUSPECT_NAME, page.locator('#results'));
      await follow(/Disruption: tactics/);
      await follow(/Record a tactic/);
      let form = page.locator('#tactic-form');
      await form.getByLabel('Charge', { exact: true }).check();
      await fillDate(form, 'When was it issued, or when did it happen?', day, month, year);
      await form.getByLabel('Years').fill('7');
      await submit('Save tactic', form);
      await expect
        .poll(() => page.locator('.govuk-error-summary').textContent())
        .toContain('A sentence is recorded only with a conviction');
      await check();
      expect(await form.getByLabel('Years').inputValue()).toBe('7');
      await form.getByLabel('Years').fill('');
      await submit('Save tactic', form);
      await expectNotice('The tactic has been recorded');
      await follow(/Record a tactic/);
      form = page.locator('#tactic-form');
      await form.getByLabel('Conviction', { exact: true }).check();
      await fillDate(form, 'When was it issued, or when did it happen?', day, month, year);
      await fillDate(form, /Court date/, day, month, year);
      await form.getByLabel('Years').fill('7');
      await submit('Save tactic', form);
      await expectNotice('The tactic has been recorded');
      await check();
      const conviction = page.locator('.govuk-summary-card', { hasText: 'Conviction' });
      await expect.poll(() => conviction.textContent()).toContain('7 years');
      await follow(/Change the status/);
      await check();
      const status = page.locator('#status-form');
      await status.getByLabel('Offender', { exact: true }).check();
      await status.getByLabel('Reason').fill('Convicted at Preston Crown Court.');
      await submit('Save status', status);
      await expectNotice('The status has been changed');
      await expect.poll(() => page.locator('#pursue-status').textContent()).toContain('Offender');
      // His ethnicity and nationality as he gave them at interview (monitoring only; the score never reads them).
      await follow('Record ethnicity and nationality');
      await check();
      const profile = page.locator('#profile-form');
      await profile.getByLabel('Ethnicity').selectOption({ label: 'Refused to say' });
      await profile.getByLabel('Nationality').selectOption({ label: 'United Kingdom' });
      await submit('Save ethnicity and nationality', profile);
      await expectNotice('The ethnicity and nationality have been recorded');
      await expect.poll(() => page.locator('#profile-ethnicity').textContent()).toContain('Refused to say');
      expect(await page.locator('#profile-nationality').textContent()).toContain('United Kingdom');
      // An operation against him: started, he is added from his page, and it lists him with the child.
      await follow('Pursue priorities', page.getByRole('navigation'));
      await follow('Operations');
      await follow('Start an operation');
      await check();
      const operation = page.locator('#operation-form');
      await operation.getByLabel('Name of the operation').fill('Operation Kestrel');
      await operation.getByLabel('Objectives').fill('Disrupt the men who collect children after school.');
      await submit('Start the operation', operation);
      await check();
      await follow('Search', page.getByRole('navigation'));
      await page.getByLabel('Name', { exact: true }).fill(SUSPECT_NAME);
      await submit('Search');
      await follow(SUSPECT_NAME, page.locator('#results'));
      await follow(/Disruption: tactics/);
      const add = page.locator('#add-to-operation-form');
      await add.getByLabel('Operation Kestrel').check();
      await submit('Add to the operation', add);
      await expectNotice('The person has been added to the operation');
      await follow('Operation Kestrel', page.locator('#person-operations'));
      await check();
      await expect.poll(() => page.locator('#members').textContent()).toContain(CHILD_NAME);
      expect(await page.locator('#members').textContent()).toContain('by Alex Lancashire Officer');
      // The conviction makes him the gravest on the police's priorities, with the working shown.
      await follow('Pursue priorities', page.getByRole('navigation'));
      await check();
      const ranked = page.locator('#top tbody tr', { hasText: SUSPECT_NAME });
      await expect.poll(() => ranked.textContent()).toContain('gravity 5 (a conviction)');
      const funnel = page.locator('#funnel');
      await expect.poll(() => funnel.textContent()).toMatch(/People charged\s*1\b/);
      await expect.poll(() => funnel.textContent()).toMatch(/Of them, convicted\s*1\b/);
      await expect.poll(() => funnel.textContent()).toContain('7 years');
      // How complete the monitoring is: his refusal counts as an answer.
      await follow('How complete the monitoring of ethnicity and nationality is');
      await check();
      const table = page.locator('#completeness');
      // Ethnicity: none recorded, none not stated, one refused, none not asked; nationality: one recorded.
      const cells = (row: string) =>
        table.locator('tbody tr', { hasText: row }).locator('th, td').allTextContents();
      await expect
        .poll(async () => (await cells('Ethnicity')).map((c) => c.trim()))
        .toEqual(['Ethnicity', '0 (0%)', '0', '1', '0']);
      expect((await cells('Nationality')).map((c) => c.trim())).toEqual([
        'Nationality',
        '1 (100%)',
        '0',
        '0',
        '0',
      ]);
    });

    it('the analyst’s operational briefing counts the notice, the conviction and 7 years of sentences', async () => {
      await signInAs(analyst);
      await page.goto('/reports/briefing?mode=operational');
      const from = page.getByRole('group', { name: 'From' });
      await from.getByLabel('Day').fill(String(day));
      await from.getByLabel('Month').fill(String(month));
      await from.getByLabel('Year').fill(String(year));
      const to = page.getByRole('group', { name: 'To' });
      await to.getByLabel('Day').fill(String(day));
      await to.getByLabel('Month').fill(String(month));
      await to.getByLabel('Year').fill(String(year));
      await page.getByLabel('Figures', { exact: true }).selectOption('operational');
      await submit('Show figures');
      await check();
      const disposals = page.locator('[id="disposals.by_type"]');
      const rowOf = (label: string) => disposals.locator('tr', { hasText: label });
      await expect.poll(() => rowOf('Child Abduction Warning Notice (s2').textContent()).toMatch(/\b1\b/);
      await expect.poll(() => rowOf('Conviction').textContent()).toMatch(/\b1\b/);
      await expect
        .poll(() => page.locator('[id="disposals.sentence_years_total"]').textContent())
        .toMatch(/\b7\b/);
      // The analyst's priorities: the convicted man's score and working, by a pseudonym, opening no one.
      await follow('Pursue priorities', page.getByRole('navigation'));
      await check();
      const ranked = page.locator('#top tbody tr', { hasText: 'gravity 5 (a conviction)' });
      await expect.poll(() => ranked.first().textContent()).toMatch(/Person [0-9A-F]{6}/);
      expect(await page.locator('main').textContent()).not.toContain(SUSPECT_NAME);
      expect(await page.locator('#top a').count()).toBe(0);
      await expect.poll(() => page.locator('#funnel').textContent()).toContain('7 years');
    });

    it('the hub practitioner sees the notice and the conviction in the child’s chronology', async () => {
      await signInAs(partnership.users.practitioner);
      await follow('Search', page.getByRole('navigation'));
      await page.getByLabel('Name', { exact: true }).fill(CHILD_NAME);
      await submit('Search');
      await follow(CHILD_NAME, page.locator('#results'));
      await follow(/See the full chronology/);
      await check();
      const main = () => page.locator('main').textContent();
      await expect
        .poll(main)
        .toContain(
          `Child Abduction Warning Notice (s2 Child Abduction Act 1984) against ${SUSPECT_NAME}, naming this child`,
        );
      await expect.poll(main).toContain(`Conviction: ${SUSPECT_NAME}`);
      await expect.poll(main).toContain(`Breach by ${SUSPECT_NAME}`);
    });

    it('the hub practitioner reads only the sanitised intelligence on his register; the school reads the feedback', async () => {
      await follow('Search', page.getByRole('navigation'));
      await page.getByLabel('Name', { exact: true }).fill(SUSPECT_NAME);
      await submit('Search');
      await follow(SUSPECT_NAME, page.locator('#results'));
      await follow(/Disruption: tactics/);
      await check();
      const main = () => page.locator('main').textContent();
      await expect.poll(main).toContain(SANITISED);
      expect(await main()).not.toContain(ORIGINAL);
      expect(await page.locator('#link-intelligence-form').count()).toBe(0);
      await signInAs(partnership.users.referrer);
      await follow('Intelligence', page.getByRole('navigation'));
      await check();
      await expect.poll(() => page.locator('#submissions').textContent()).toContain('Feedback given');
      await follow(/INT-/, page.locator('#submissions'));
      await check();
      await expect.poll(() => page.locator('#police-feedback').textContent()).toContain(FEEDBACK);
      expect(await page.locator('main').textContent()).not.toContain('1/B/P');
    });
  },
);
