/**
 * Issue 17 item 4 through the page (both engines): the priorities rank what was recorded, with the working,
 * and are invariant to ethnicity, religion and nationality: rewriting every recorded ethnicity, religion and
 * nationality (wherever the schema holds one) leaves the page's ranking byte for byte as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLocalDate, toLocalDate } from '../../src/platform/time/zoned-time.ts';
import {
  createAgencyWithTeam,
  createTeamUser,
  createTestApp,
  createTestUser,
  type PageClient,
  signIn,
  type TestApp,
  type TestUser,
} from '../support/app.ts';
import {
  personDetails,
  referVictim,
  seedPostcodeDistricts,
  victimReferral,
} from '../support/factories/index.ts';

let t: TestApp;
let officer: TestUser;
let client: PageClient;
let analyst: PageClient;
const today = formatLocalDate(toLocalDate(new Date()));
const [year, month, day] = today.split('-');

const SUSPECTS = [
  { forename: 'Dale', surname: 'Exampleson' },
  { forename: 'Mark', surname: 'Sampleton' },
  { forename: 'Lee', surname: 'Testwood' },
];

async function suspectIdOf(surname: string): Promise<string> {
  const { rows } = await t.superuserQuery(
    `SELECT DISTINCT rp.person_id FROM referral_person rp JOIN person p ON p.id = rp.person_id WHERE p.surname = $1`,
    [surname],
  );
  return rows[0].person_id;
}

/** The ranking as the page shows it: each row's text, in order. */
async function ranking(): Promise<string[]> {
  const body = (await client.get('/pursue/priorities')).body;
  const table =
    /<table class="govuk-table" id="top">[\s\S]*?<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(body)?.[1] ?? '';
  return [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  await seedPostcodeDistricts(t);
  const school = await createAgencyWithTeam(t, { type: 'EDUCATION', area: 'LANCASHIRE' });
  const police = await createAgencyWithTeam(t, { type: 'POLICE', area: 'LANCASHIRE' });
  officer = await createTeamUser(t, ['CSE_OFFICER'], police);
  const referrer = await createTeamUser(t, ['REFERRER'], school);
  // Dale is named on two children's referrals, Mark on one, Lee on one; each suspect with an ethnicity.
  const refer = (suspect: { personId: string } | { details: Record<string, unknown> }) =>
    referVictim(
      t.db,
      referrer,
      victimReferral.build({
        child: {
          details: personDetails.build({
            address: { line1: '1 Mill Lane', town: 'Preston', postcode: 'PR1 4AB' },
          }),
        },
        suspects: [suspect],
      }),
    );
  const details = (s: (typeof SUSPECTS)[number]) => ({
    details: { ...s, estimatedAge: 30, gender: 'MALE', ethnicity: 'WHITE_BRITISH' },
  });
  await refer(details(SUSPECTS[0]!));
  // The second school referral names the same Dale, picked from the records (as the form offers him).
  await refer({ personId: await suspectIdOf('Exampleson') });
  await refer(details(SUSPECTS[1]!));
  await refer(details(SUSPECTS[2]!));
  client = await signIn(t, officer);
  analyst = await signIn(t, await createTestUser(t, ['ANALYST'], { agencyId: police.agencyId }));
  // Mark is convicted today, with a 3-year sentence: in force.
  const mark = await suspectIdOf('Sampleton');
  await client.get(`/pursue/people/${mark}/tactics/new`);
  const saved = await client.post(`/pursue/people/${mark}/tactics`, {
    tactic: 'CONVICTION',
    'startedOn-day': day!,
    'startedOn-month': month!,
    'startedOn-year': year!,
    sentenceYears: '3',
  });
  expect(saved.statusCode).toBe(303);
});
afterAll(() => t?.close());

describe('Pursue priorities', () => {
  it('ranks Dale (two children) above the convicted man, with the working; only Dale has no tactic in force', async () => {
    const rows = await ranking();
    expect(rows[0]).toContain('Dale Exampleson');
    expect(rows[0]).toContain('frequency 2 (2 events in 12 months) × gravity 3 (linked to 2 children) = 30');
    expect(rows[1]).toContain('Mark Sampleton');
    expect(rows[1]).toContain('× frequency 1 (1 event in 12 months) × gravity 5 (a conviction) = 25');
    expect(rows.length).toBe(3);
    const body = (await client.get('/pursue/priorities')).body;
    const review = /<table class="govuk-table" id="review">([\s\S]*?)<\/table>/.exec(body)?.[1] ?? '';
    expect(review).toContain('Dale Exampleson');
    expect(review).not.toContain('Mark Sampleton');
  });

  it('shows an analyst the same scores in the same order by pseudonym, opening no one', async () => {
    const scores = (body: string) =>
      [...body.matchAll(/govuk-table__cell--numeric">(\d+)</g)].map((m) => Number(m[1]));
    const officerPage = (await client.get('/pursue/priorities')).body;
    const page = await analyst.get('/pursue/priorities');
    expect(page.statusCode).toBe(200);
    expect(scores(page.body)).toEqual(scores(officerPage));
    expect(page.body).toMatch(/Person [0-9A-F]{6}/);
    for (const s of SUSPECTS) expect(page.body).not.toContain(s.surname);
    expect(page.body).not.toContain('/pursue/people/');
    // In the analyst's navigation (the current page's item).
    expect(page.body).toContain('active-fallback">Pursue priorities</strong>');
    const register = await analyst.get(`/pursue/people/${await suspectIdOf('Sampleton')}`);
    expect([403, 404]).toContain(register.statusCode);
    const { rows } = await t.superuserQuery(
      `SELECT details->>'reader' AS reader FROM audit_event WHERE action = 'PRIORITY_VIEW' ORDER BY seq DESC LIMIT 1`,
    );
    expect(rows[0].reader).toBe('ANALYST');
  });

  it('is the same, byte for byte, after every recorded ethnicity, religion and nationality is rewritten', async () => {
    const before = await ranking();
    const { rows: columns } = await t.superuserQuery(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type = 'text'
          AND (column_name LIKE '%ethnicity%' OR column_name LIKE '%religion%' OR column_name LIKE '%nationality%')`,
    );
    expect(columns.length).toBeGreaterThan(0);
    for (const [i, c] of columns.entries()) {
      await t.superuserQuery(`UPDATE "${c.table_name}" SET "${c.column_name}" = $1`, [
        i % 2 ? 'ASIAN_PAKISTANI' : 'ASIAN_INDIAN',
      ]);
    }
    expect(await ranking()).toEqual(before);
    // And varied row by row, so that no two people need share a value.
    for (const c of columns)
      await t.superuserQuery(
        `UPDATE "${c.table_name}" SET "${c.column_name}" = CASE WHEN md5(ctid::text) < '8' THEN 'BLACK_AFRICAN' ELSE 'WHITE_ROMA' END`,
      );
    expect(await ranking()).toEqual(before);
  });
});
