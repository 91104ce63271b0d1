/**
 * Missing children in a real browser: a police CSE officer records a missing episode for a child from the
 * person page, records the return, sees the interview on the interviews-due list and records the return
 * home interview held by an independent (voluntary sector) agency. Two more episodes within 90 days (one
 * through the service, one through the form) make the child repeat missing: the episode page shows the flag
 * and a strategy discussion task is created for the MASH, which the hub's practitioner finds in "My work" and
 * marks as done (audited; issue 13, journey b). Every page is checked for the OFFICIAL-SENSITIVE
 * marking, CSP violations, broken assets and serious accessibility problems (axe-core).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { MASH_TASK_REPEAT_MISSING } from '../../src/missing/service.ts';
import { createAgencyWithTeam, type TestUser } from '../support/app.ts';
import { describeInBrowser, pageActions } from '../support/browser.ts';
import { browserJourney } from '../support/browser-journey.ts';
import { TMP } from '../support/engines.ts';
import { memberOf, reportMissing, wallClock } from '../support/factories/index.ts';
import type { TestServer } from '../support/server.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describeInBrowser('missing children in Chromium', () => {
  const journey = browserJourney();
  let server: TestServer;
  let page: Page;
  const { submit, follow, expectHeading, expectNotice } = pageActions(() => page);
  let officer: TestUser;
  let hubPractitioner: TestUser;
  let voluntaryAgencyName = '';
  let childId = '';
  let firstEpisodeUrl = '';

  beforeAll(async () => {
    server = journey.server;

    const police = await createAgencyWithTeam(server, { type: 'POLICE', area: 'BLACKPOOL' });
    const voluntary = await createAgencyWithTeam(server, {
      type: 'VOLUNTARY',
      area: 'BLACKPOOL',
      providesReturnInterviews: true,
    });
    voluntaryAgencyName = (
      await server.superuserQuery('SELECT name FROM agency WHERE id = $1', [voluntary.agencyId])
    ).rows[0].name;
    officer = await memberOf(server, police, ['CSE_OFFICER']);
    const council = await createAgencyWithTeam(server, { type: 'CHILDRENS_SOCIAL_CARE', area: 'BLACKPOOL' });
    hubPractitioner = await memberOf(server, council, ['MASH_PRACTITIONER']);
    childId = (
      await server.superuserQuery(
        `INSERT INTO person (forename, surname, dob, gender, areas)
         VALUES ('Evie', 'Example', '2010-09-14', 'FEMALE', '{BLACKPOOL}') RETURNING id`,
      )
    ).rows[0].id;
    mkdirSync(TMP, { recursive: true });
  });

  async function check(): Promise<void> {
    await journey.check();
  }

  /** Fills a date-and-time question: the GOV.UK date input in its fieldset, then the time field after it. */
  async function fillWhen(prefix: string, legend: string, at: Date): Promise<void> {
    const { day, month, year, time } = wallClock(at);
    const group = page.getByRole('group', { name: legend, exact: true });
    // By name, not by label: whenInput (src/missing/views/macros.njk) gives the date input's container and
    // its Day field the same id, so the browser ties the "Day" label to the <div> and the field has no name.
    await group.locator(`input[name="${prefix}-day"]`).fill(day);
    await group.getByLabel('Month').fill(month);
    await group.getByLabel('Year').fill(year);
    await page.locator(`#${prefix}Time`).fill(time);
  }

  async function choose(question: string, answer: string): Promise<void> {
    await page.getByRole('group', { name: question }).getByLabel(answer, { exact: true }).check();
  }

  /** From the child's page to the new episode form, filled in for an episode reported at `reportedAt`. */
  async function fillNewEpisode(reportedAt: Date, reference: string): Promise<void> {
    await page.goto(`/people/${childId}`);
    await expectHeading('Evie Example');
    await check();
    await follow('Record a missing episode');
    await expectHeading('Record a missing episode');
    await check();
    await choose('What kind of absence is it?', 'Missing');
    await choose('Where did the child go missing from?', 'Home (family or kinship carers)');
    await page.getByLabel('Postcode they went missing from (optional)').fill('FY1 4AA');
    await fillWhen('reported', 'When was the child reported missing?', reportedAt);
    await fillWhen(
      'lastSeen',
      'When was the child last seen? (optional)',
      new Date(reportedAt.getTime() - HOUR),
    );
    await page.getByLabel('Who reported the child missing?').fill('Mother');
    await page.getByLabel('Police report number (optional)').fill(reference);
    await choose('Police risk grade', 'Medium');
    await page.getByLabel('Circumstances (optional)').fill('Left after an argument; seen with older youths.');
    await choose('Is exploitation suspected?', 'Yes');
    await choose('Has the child been found or returned?', 'Not yet');
  }

  it('a police CSE officer signs in and records a missing episode through the form', async () => {
    await journey.signInAs(officer);
    page = journey.page;

    await fillNewEpisode(new Date(Date.now() - 3 * DAY), 'BP-2024-0001');
    await submit('Record the episode');
    await expectNotice('Episode recorded');
    await expectHeading(/^\s*Missing\s*$/);
    await check();
    firstEpisodeUrl = new URL(page.url()).pathname;
    expect(firstEpisodeUrl).toMatch(/^\/missing\/episodes\/[0-9a-f-]{36}$/);
    const summary = page.locator('#summary');
    await expect.poll(() => summary.textContent()).toContain('BP-2024-0001');
    await expect.poll(() => summary.textContent()).toContain('Medium');
    await expect.poll(() => summary.textContent()).toMatch(/Found or returned\s*Not yet/);
  });

  it('records the return, lists the interview as due, and records the return home interview', async () => {
    const returnedAt = new Date(Date.now() - 2 * DAY);
    await fillWhen('returned', 'When was the child found or returned?', returnedAt);
    await page.getByLabel('Where were they found?').fill('A friend’s flat');
    await page.getByLabel('Postcode where found (optional)').fill('FY1 3BB');
    await submit('Record the return');
    await expectNotice('Saved');
    await check();
    await expect.poll(() => page.locator('#summary').textContent()).toContain('A friend’s flat FY1 3BB');
    await expect.poll(() => page.locator('#rhi-status').textContent()).toContain('Due');

    await follow('Interviews due', page.getByRole('navigation'));
    await expectHeading('Return home interviews due');
    await check();
    await expect.poll(() => page.locator('#due').textContent()).toContain('Evie Example');
    await follow('Evie Example', page.locator('#due'));
    expect(new URL(page.url()).pathname).toBe(firstEpisodeUrl);
    await check();

    await choose('Was an interview offered?', 'Yes, an interview was offered');
    await fillWhen('offered', 'When was it offered?', new Date(Date.now() - DAY));
    await choose('The child’s response', 'Accepted');
    await fillWhen('completed', 'When was the interview completed? (if it was)', new Date(Date.now() - HOUR));
    await page
      .getByLabel('Independent agency holding the interview')
      .selectOption({ label: voluntaryAgencyName });
    await page.getByLabel('Name of the interviewer').fill('Jo Worker');
    await page.getByLabel('What the child disclosed (optional)').fill('Spoke about an older boyfriend.');
    await submit('Save the interview');
    await expectNotice('Return home interview saved');
    await check();
    await expect.poll(() => page.locator('#rhi-status').textContent()).toContain('Completed within 72 hours');
    await expect
      .poll(() => page.locator('#interview').textContent())
      .toContain(`Jo Worker, ${voluntaryAgencyName}`);

    await page.goto('/missing/rhi-due');
    await check();
    await expect.poll(() => page.locator('main').textContent()).toContain('No interviews are due');
  });

  it('after two more episodes within 90 days the child is repeat missing and the MASH has a task', async () => {
    // The second episode through the service, as the police feed would send it.
    const second = await reportMissing(server, officer, {
      personId: childId,
      type: 'MISSING',
      from: { kind: 'HOME', postcode: 'FY1 4AA' },
      reportedAt: new Date(Date.now() - DAY).toISOString(),
      reportedBy: 'Mother',
      riskGrade: 'LOW',
      exploitationSuspected: true,
      externalRef: 'BP-2024-0002',
      returned: { returnedAt: new Date(Date.now() - 20 * HOUR).toISOString(), foundWhere: 'Home' },
    });
    expect(second.repeatMissing).toBe(false);
    expect(second.mashTaskId).toBeNull();

    // The third through the form: the one that makes her repeat missing.
    await fillNewEpisode(new Date(Date.now() - 5 * 60_000), 'BP-2024-0003');
    await submit('Record the episode');
    await expectNotice('The child is now repeat missing: a strategy discussion task was sent to the MASH.');
    await check();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).locator('.govuk-tag').textContent())
      .toContain('Repeat missing');
    await page.screenshot({ path: join(TMP, 'e2e-missing.png'), fullPage: true });

    // The first episode's page shows the child's flag too.
    await page.goto(firstEpisodeUrl);
    await check();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('Repeat missing');

    const { rows: people } = await server.superuserQuery(
      'SELECT repeat_missing, missing_more_than_once FROM person WHERE id = $1',
      [childId],
    );
    expect(people[0]).toEqual({ repeat_missing: true, missing_more_than_once: true });
    const { rows: tasks } = await server.superuserQuery(
      `SELECT t.kind, t.area, t.done_at, e.external_ref FROM mash_task t
         JOIN missing_episode e ON e.id = t.source_episode_id WHERE t.person_id = $1`,
      [childId],
    );
    expect(tasks).toEqual([
      { kind: MASH_TASK_REPEAT_MISSING, area: 'BLACKPOOL', done_at: null, external_ref: 'BP-2024-0003' },
    ]);
    expect((await server.superuserQuery('SELECT count(*)::int AS n FROM missing_episode')).rows[0].n).toBe(3);
  });

  it('the hub’s practitioner finds the strategy discussion task in My work and marks it done', async () => {
    await journey.signInAs(hubPractitioner);
    page = journey.page;
    await follow('My work', page.getByRole('navigation'));
    await expectHeading('My work');
    await check();
    const row = page.locator('#my-work tbody tr', { hasText: 'Evie Example' });
    await expect.poll(() => row.textContent()).toContain('MASH task');
    await expect.poll(() => row.textContent()).toContain('Your hub');
    await submit('Mark as done', row);
    await expectNotice('done');
    await check();
    expect(await page.locator('#my-work tbody tr', { hasText: 'Evie Example' }).count()).toBe(0);
    const { rows } = await server.superuserQuery(
      `SELECT t.done_at IS NOT NULL AS done,
              (SELECT count(*)::int FROM audit_event a WHERE a.action = 'MASH_TASK_COMPLETE' AND a.subject_id = t.id::text) AS audited
         FROM mash_task t WHERE t.person_id = $1`,
      [childId],
    );
    expect(rows).toEqual([{ done: true, audited: 1 }]);
  });
});
