/**
 * Issue 14, "done when" (items 1, 2 and 6; decision 0020), in Chromium, each person signing in as themself:
 * a child with a referral, a MASH episode through to its decision, a risk assessment, three missing episodes
 * with returns and a return home interview (recorded through the services: the setup), and two case notes
 * written through the pages, one correcting the other. The Lancashire CSE officer writes the notes and sees
 * the police research held in the MASH as one line; the MASH practitioner sees all of it in order, follows
 * the person page's links, filters by kind and agency, and prints it with the marking on every page; the
 * referring school sees its own referral only. Every page is checked (marking, CSP, assets, axe).
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { createAgencyWithTeam, createTestUser, type TestUser } from '../support/app.ts';
import { describeInBrowser, pageActions } from '../support/browser.ts';
import { browserJourney } from '../support/browser-journey.ts';
import { recordStory, STORY_TEXT } from '../support/chronology-story.ts';
import { type JourneyPartnership, journeyPartnership } from '../support/journey-partnership.ts';

const CHILD_NAME = 'Kelsey Thornbury';

describeInBrowser('a child’s chronology across agencies (issue 14)', () => {
  const journey = browserJourney();
  let page: Page;
  const { submit, follow, expectHeading } = pageActions(() => page);
  let partnership: JourneyPartnership;
  let caseWorker: TestUser;
  let childId = '';
  let reference = '';
  let policeName = '';
  let healthName = '';
  let healthAgencyId = '';
  let rhiName = '';

  const check = () => journey.check();
  async function signInAs(user: TestUser): Promise<void> {
    await journey.signInAs(user);
    page = journey.page;
  }
  const main = () => page.locator('main').textContent() as Promise<string>;
  const column = (table: string, n: number) =>
    page.locator(`#${table} tbody tr td:nth-child(${n})`).allTextContents();

  beforeAll(async () => {
    const t = journey.server;
    partnership = await journeyPartnership(t);
    const name = async (id: string) =>
      (await t.superuserQuery('SELECT name FROM agency WHERE id = $1', [id])).rows[0].name as string;
    const agencyOf = async (user: TestUser) =>
      (await t.superuserQuery('SELECT agency_id FROM app_user WHERE id = $1', [user.id])).rows[0]
        .agency_id as string;
    const lancashirePolice = await createAgencyWithTeam(t, { type: 'POLICE', area: 'LANCASHIRE' });
    caseWorker = await createTestUser(t, ['CSE_OFFICER'], {
      agencyId: lancashirePolice.agencyId,
      teamIds: [lancashirePolice.teamId],
      displayName: 'Alex Case Officer',
    });
    const rhi = await createAgencyWithTeam(t, {
      type: 'VOLUNTARY',
      area: 'LANCASHIRE',
      providesReturnInterviews: true,
    });
    const policeAgencyId = await agencyOf(partnership.users.policeResearcher);
    healthAgencyId = await agencyOf(partnership.users.healthResearcher);
    policeName = await name(policeAgencyId);
    healthName = await name(healthAgencyId);
    rhiName = await name(rhi.agencyId);
    const story = await recordStory(t, {
      ...partnership.users,
      caseWorker,
      rhiAgencyId: rhi.agencyId,
      policeAgencyId,
      healthAgencyId,
    });
    childId = story.childId;
    reference = story.referral.reference;
  });

  it('the Lancashire CSE officer writes a case note, then corrects it with a second', async () => {
    await signInAs(caseWorker);
    await page.goto(`/people/${childId}`);
    await expectHeading(CHILD_NAME);
    await check();
    await follow(/See the full chronology/);
    await expectHeading(CHILD_NAME);
    await check();
    // The police research kept inside the MASH is one line: who holds it, not what it says.
    await expect.poll(main).toContain(`${policeName} research held in the MASH`);
    expect(await main()).not.toContain(STORY_TEXT.policeHeld);

    await follow('Add a case note');
    await expectHeading('Add a case note');
    await check();
    const yesterday = new Date(Date.now() - 24 * 3_600_000);
    const [day, month, year] = yesterday
      .toLocaleDateString('en-GB', { timeZone: 'Europe/London' })
      .split('/')
      .map(Number) as [number, number, number];
    await page.getByLabel('Note', { exact: true }).fill('NOTE-ONE: visited at home, saw the child alone.');
    await submit('Save note');
    await check();
    // The error names the field; what was typed is kept.
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Select the type of note');
    expect(await page.getByLabel('Note', { exact: true }).inputValue()).toContain('NOTE-ONE');
    await page.getByLabel('Visit', { exact: true }).check();
    await page.getByLabel('Day').fill(String(day));
    await page.getByLabel('Month').fill(String(month));
    await page.getByLabel('Year').fill(String(year));
    await page.getByLabel('Time (optional)').fill('10:00');
    await submit('Save note');
    await expectHeading('Visit note');
    await check();
    await expect.poll(main).toContain('at 10am');
    await expect.poll(main).toContain('Alex Case Officer');

    await follow('Correct this note');
    await expectHeading('Correct a case note');
    await check();
    await page.getByLabel('Visit', { exact: true }).check();
    await page.getByLabel('Day').fill(String(day));
    await page.getByLabel('Month').fill(String(month));
    await page.getByLabel('Year').fill(String(year));
    await page.getByLabel('Note', { exact: true }).fill('NOTE-TWO: the carer was present during the visit.');
    await submit('Save note');
    await check();
    await expect.poll(main).toContain('Corrects the note of');
    await follow(/at 10am/);
    await check();
    await expect.poll(main).toContain('Corrected by a later note');
    expect(await main()).toContain('NOTE-ONE');
  });

  it('the MASH practitioner finds every record and linked person from the person page', async () => {
    await signInAs(partnership.users.practitioner);
    await page.goto(`/people/${childId}`);
    await expectHeading(CHILD_NAME);
    await check();
    const records = await page.locator('#record-links a').allTextContents();
    expect(records.filter((r) => r.startsWith('Referral:'))).toHaveLength(1);
    expect(records.filter((r) => r.startsWith('MASH episode opened:'))).toHaveLength(1);
    expect(records.filter((r) => r.startsWith('Missing episode:'))).toHaveLength(3);
    await expect
      .poll(() => page.locator('#linked-people').textContent())
      .toContain('Dale Exampleson (Suspect)');
    await expect.poll(() => page.locator('#recent-events tbody tr').count()).toBe(5);
    await follow(/MASH episode opened/, page.locator('#record-links'));
    await check();
    expect(new URL(page.url()).pathname).toMatch(/^\/mash\/episodes\//);
  });

  it('shows the practitioner the whole story in order, with names and agencies', async () => {
    await page.goto(`/people/${childId}/chronology`);
    await expectHeading(CHILD_NAME);
    await check();
    const kinds = (await column('chronology', 2)).map((k) => k.trim());
    expect(kinds).toContain('Initial child protection conference');
    // The conference is a date without a time (it sorts within its day): left out of the order below.
    expect(kinds.filter((k) => k !== 'Initial child protection conference')).toEqual([
      'Missing episode',
      'Return',
      'Return home interview',
      'Missing episode',
      'Return',
      'Missing episode',
      'Return',
      'Case note',
      'Case note',
      'Referral',
      'MASH episode opened',
      'RAG rating',
      'Research asked for',
      'Research asked for',
      'Research given',
      'Research given',
      'Research given',
      'Information sharing decision',
      'Strategy discussion',
      'Strategy discussion action',
      'MASH decision',
      'CSE risk assessment',
    ]);
    const text = await main();
    expect(text).toContain(`Referral ${reference} made`);
    expect(text).toContain('RAG rating set to Amber');
    expect(text).toContain(`${policeName} gave research, to be held in the MASH`);
    expect(text).toContain('(corrected by a later note)');
    expect(text).toContain(`Return home interview held by ${rhiName}`);
    expect(await column('chronology', 4)).toContain(`Jo Worker, ${rhiName}`);
    expect(text).toContain('CSE risk assessed as High');
    const who = await column('chronology', 4);
    expect(who).toContain(`Sam Social Worker, ${await agencyNameOf('practitioner')}`);
    expect(who.join(' ')).not.toMatch(/user-\d|tester-/);
    // Dates in one style: "4 December 2026 at 2:05pm", or the date alone.
    for (const when of await column('chronology', 1))
      expect(when.trim()).toMatch(
        /^\d{1,2} [A-Z][a-z]+ \d{4}( at (\d{1,2}(:\d{2})?(am|pm)|midday|midnight))?$/,
      );
  });

  it('filters by kind and by agency', async () => {
    await page
      .locator('#chronology-filter')
      .evaluate((form) => form.closest('details')?.setAttribute('open', ''));
    await page.getByLabel('Missing episodes').check();
    await submit('Apply filters');
    await check();
    expect(new URL(page.url()).search).toBe('?kind=MISSING');
    expect(new Set((await column('chronology', 2)).map((k) => k.trim()))).toEqual(
      new Set(['Missing episode', 'Return', 'Return home interview']),
    );
    await follow('Clear filters');
    await check();
    await page
      .locator('#chronology-filter')
      .evaluate((form) => form.closest('details')?.setAttribute('open', ''));
    await page.locator('#chronology-filter').getByLabel(healthName).check();
    await submit('Apply filters');
    await check();
    expect(new URL(page.url()).search).toBe(`?agency=${healthAgencyId}`);
    // The health agency's own line: its research (the request for it is the hub's).
    expect((await column('chronology', 2)).map((k) => k.trim())).toEqual(['Research given']);
  });

  it('prints the chronology with OFFICIAL-SENSITIVE on every printed page', async () => {
    await page.goto(`/people/${childId}/chronology`);
    await follow('Printable chronology');
    await expectHeading(CHILD_NAME);
    await check();
    const marking = page.locator('.lantern-print-marking');
    expect(await marking.isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await marking.isVisible()).toBe(true);
      expect((await marking.textContent())?.trim()).toBe('OFFICIAL-SENSITIVE');
      // A fixed element is repeated on every printed page by Chromium.
      expect(
        await page.evaluate("getComputedStyle(document.querySelector('.lantern-print-marking')).position"),
      ).toBe('fixed');
      expect(await page.locator('.govuk-service-navigation').isVisible()).toBe(false);
      expect(await page.locator('#chronology tbody tr').count()).toBeGreaterThanOrEqual(23);
    } finally {
      await page.emulateMedia({ media: null });
    }
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length).toBeGreaterThanOrEqual(1);
  });

  it('the referring school sees its own referral only', async () => {
    await signInAs(partnership.users.referrer);
    await page.goto(`/people/${childId}/chronology`);
    await expectHeading(CHILD_NAME);
    await check();
    expect((await column('chronology', 2)).map((k) => k.trim())).toEqual(['Referral']);
    const text = await main();
    expect(text).toContain(`Referral ${reference} made`);
    expect(text).not.toContain('NOTE-ONE');
    expect(text).not.toContain('research');
    expect(text).not.toContain('Add a case note');
  });

  async function agencyNameOf(who: 'practitioner'): Promise<string> {
    const { rows } = await journey.server.superuserQuery(
      'SELECT a.name FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE u.id = $1',
      [partnership.users[who].id],
    );
    return rows[0].name as string;
  }
});
