/**
 * The MASH in a real browser: a school's referral goes from the hub's queue through triage, research from
 * three agencies (police with a handling code, health releasable, the council not releasable) and a sharing
 * decision to the decision with feedback; then a CSE risk assessment, the reassessments list and the
 * dashboard. Every page is checked for the OFFICIAL-SENSITIVE marking, CSP violations, broken assets and
 * serious accessibility problems (axe-core).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { BANDED_TEMPLATE_V1 } from '../../src/risk/templates/banded-v1.ts';
import { createAgencyWithTeam, createTestUser, type TestUser } from '../support/app.ts';
import { describeInBrowser, pageActions } from '../support/browser.ts';
import { fillSection47Decision } from '../support/browser-decision.ts';
import { browserJourney } from '../support/browser-journey.ts';
import { fillShareDecision } from '../support/browser-sharing.ts';
import { TMP } from '../support/engines.ts';
import { ago, MINUTE, personDetails, referVictim, victimReferral } from '../support/factories/index.ts';
import type { TestServer } from '../support/server.ts';

describeInBrowser('the MASH in Chromium', () => {
  const journey = browserJourney();
  let server: TestServer;
  let page: Page;
  const { submit, follow, expectHeading, expectNotice, openForm } = pageActions(() => page);
  const users: Record<string, TestUser> = {};
  const agencyNames: Record<string, string> = {};
  let reference = '';
  let episodeId = '';

  beforeAll(async () => {
    server = journey.server;
    const teams: Record<string, { agencyId: string; teamId: string }> = {};
    for (const [name, type] of [
      ['school', 'EDUCATION'],
      ['council', 'CHILDRENS_SOCIAL_CARE'],
      ['police', 'POLICE'],
      ['health', 'HEALTH'],
    ] as const) {
      teams[name] = await createAgencyWithTeam(server, { type, area: 'BLACKPOOL' });
      const { rows } = await server.superuserQuery('SELECT name FROM agency WHERE id = $1', [
        teams[name].agencyId,
      ]);
      agencyNames[name] = rows[0].name;
    }
    const make = async (
      name: string,
      role: 'REFERRER' | 'MASH_MANAGER' | 'MASH_PRACTITIONER',
      at: string,
    ) => {
      users[name] = await createTestUser(server, [role], {
        agencyId: teams[at]!.agencyId,
        teamIds: [teams[at]!.teamId],
      });
    };
    await make('referrer', 'REFERRER', 'school');
    await make('manager', 'MASH_MANAGER', 'council');
    await make('police', 'MASH_PRACTITIONER', 'police');
    await make('health', 'MASH_PRACTITIONER', 'health');

    // The referral arrives through the service, as the school's form would send it.
    const created = await referVictim(
      server.db,
      users['referrer']!,
      victimReferral.with('fromTeacher', 'modelUnknown', 'immediate').build({
        concernNoticedAt: ago(30 * MINUTE),
        child: {
          details: personDetails.build({ forename: 'Jasmine', surname: 'Kettering', dob: '2011-04-22' }),
        },
        concerns: 'Seen getting into cars with older men after school.',
      }),
    );
    reference = created.reference;
    mkdirSync(TMP, { recursive: true });
  });

  async function check(): Promise<void> {
    await journey.check();
  }

  /** A fresh browser context, signed in through the pages with password and TOTP. */
  async function signInAs(user: TestUser): Promise<void> {
    await journey.signInAs(user);
    page = journey.page;
  }

  async function openEpisodeFromQueue(): Promise<void> {
    await journey.openEpisodeFromQueue(reference);
    episodeId = new URL(page.url()).pathname.split('/').at(-1)!;
  }

  async function contribute(summary: string, releasable: boolean, handlingCode?: string): Promise<void> {
    const form = await openForm('contribution-form');
    await form.getByLabel('Summary of what your agency knows').fill(summary);
    await form.getByLabel('Relevant history (optional)').fill('Known to us since 2022.');
    await form
      .getByRole('group', { name: 'May this be released outside the MASH?' })
      .getByLabel(releasable ? 'Yes, it may be released outside the MASH' : 'No, only within the MASH')
      .check();
    if (handlingCode) await form.getByLabel('Handling code').selectOption(handlingCode);
    await submit('Record research', form);
    await expectNotice('Your agency’s research has been recorded');
    await check();
  }

  it('triages the referral from the queue: a RAG without a reason is refused, then Red is set', async () => {
    await signInAs(users['manager']!);
    await openEpisodeFromQueue();
    await expect.poll(() => page.locator('main').textContent()).toContain('Jasmine Kettering');

    let form = await openForm('rag-form');
    await form.getByLabel('Red', { exact: true }).check();
    await submit('Save rating', form);
    expect(new URL(page.url()).pathname).toBe(`/mash/episodes/${episodeId}/rag`);
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Give the reason');
    await check();

    form = await openForm('rag-form');
    await form.getByLabel('Red', { exact: true }).check();
    await form.getByLabel('Why this rating?').fill('Immediate risk: seen getting into cars with older men.');
    await submit('Save rating', form);
    await expectNotice('RAG rating saved');
    await check();
    await expect.poll(() => page.locator('#rag-summary').textContent()).toMatch(/working time left|Breached/);
    await expect.poll(() => page.locator('#rag-history').textContent()).toContain('Not triaged to Red');
  });

  it('shows every form of the episode accessibly when opened', async () => {
    for (const id of [
      'rag-form',
      'research-form',
      'contribution-form',
      'sharing-form',
      'strategy-form',
      'decision-form',
    ])
      await openForm(id);
    await page.evaluate('window.scrollTo(0, 0)');
    await check();
    await page.screenshot({ path: join(TMP, 'e2e-mash-forms.png'), fullPage: true });
    await page.reload();
  });

  it('asks three agencies for research, and the council records its own', async () => {
    const form = await openForm('research-form');
    for (const name of ['police', 'health', 'council']) await form.getByLabel(agencyNames[name]!).check();
    await submit('Ask for research', form);
    await expectNotice('Research requested');
    await check();
    await expect.poll(() => page.locator('#research-requests tbody tr').count()).toBe(3);
    await contribute('Council: a child in need plan closed last year.', false);
  });

  it('police and health practitioners contribute their research from the queue', async () => {
    await signInAs(users['police']!);
    await openEpisodeFromQueue();
    await contribute('Police: two missing reports; seen with a known adult.', false, '4');
    await signInAs(users['health']!);
    await openEpisodeFromQueue();
    await contribute('Health: attended a sexual health clinic twice.', true);
    await expect.poll(() => page.locator('.lantern-contribution').count()).toBe(3);
  });

  it('records a sharing decision and the decision, feeding back to the referrer', async () => {
    await signInAs(users['manager']!);
    await openEpisodeFromQueue();
    await expect.poll(() => page.locator('#research-requests').textContent()).not.toContain('Waiting');

    let form = await openForm('sharing-form');
    // Recipients are chosen from the lists and the items ticked (decision 0017).
    await fillShareDecision(form, {
      information: 'Dates of missing episodes',
      recipient: `Agency: ${agencyNames['school']}`,
      channel: 'Secure email',
      consent: { sought: false, why: 'It would place the child at greater risk' },
      necessity: 'Only the dates, to the one person who needs them.',
    });
    await form.getByLabel('The decision and outcome').check();
    await submit('Record sharing decision', form);
    await expectNotice('Information sharing decision recorded');
    await check();
    await expect
      .poll(() => page.locator('#sharing-decision-1').textContent())
      .toContain(agencyNames['school']!);
    await expect.poll(() => page.locator('#sharing-grants').textContent()).toContain('Access granted (1)');

    form = await openForm('decision-form');
    await fillSection47Decision(form, 'The MASH has started enquiries. Thank you.');
    await submit('Record decision', form);
    await expectNotice('Decision recorded');
    await check();
    await expect
      .poll(() => page.locator('#decision-summary').textContent())
      .toContain('Within 1 working day');
    await page.screenshot({ path: join(TMP, 'e2e-mash-episode.png'), fullPage: true });

    const { rows } = await server.superuserQuery(
      `SELECT r.status, r.outcome, (SELECT count(*)::int FROM contribution) AS contributions,
              (SELECT count(*)::int FROM sharing_decision) AS sharing FROM victim_referral r`,
    );
    expect(rows[0]).toEqual({ status: 'DECIDED', outcome: 'S47', contributions: 3, sharing: 1 });
  });

  it('assesses CSE risk with the banded tool, and shows the flag, the reassessments and the dashboard', async () => {
    await follow(/Assess CSE risk/);
    await expectHeading('Assess CSE risk');
    await check();
    await page.getByLabel(BANDED_TEMPLATE_V1.name).check();
    await submit('Continue');
    await expectHeading(BANDED_TEMPLATE_V1.name);
    await check();
    for (const section of BANDED_TEMPLATE_V1.sections.filter((s) => s.ratingRequired)) {
      await page
        .getByRole('group', { name: `Rating for ${section.title}` })
        .getByLabel(section.id === 'risky-adults-places' ? 'Medium' : 'None', { exact: true })
        .check();
    }
    await page
      .getByRole('group', { name: 'Has the child disclosed sexual exploitation?' })
      .getByLabel('No', { exact: true })
      .check();
    await submit('Save assessment');
    await check();
    await expect.poll(() => page.locator('.govuk-panel').textContent()).toContain('CSE risk: Medium');
    await follow(/All assessments of/);
    await check();
    await expect.poll(() => page.locator('#cse-flag').textContent()).toContain('Medium');

    await follow('Reassessments due', page.getByRole('navigation'));
    await expectHeading('CSE risk reassessments due');
    await check();
    await follow('MASH dashboard', page.getByRole('navigation'));
    await expectHeading('MASH dashboard');
    await check();
    await expect.poll(() => page.locator('#timeliness').textContent()).toContain('100.0%');
  });
});
