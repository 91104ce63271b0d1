/**
 * Issue 17 item 2 through the pages (both engines): bad input is a field error that saves nothing and keeps
 * what was typed; only case workers who may open the person record, and every denial is audited; row-level
 * security holds the tables to the same answer when the service is bypassed; the loader's and the pages'
 * tactics reach the briefing's facts alike.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor } from '../../src/platform/access/principal.ts';
import { labelOf } from '../../src/platform/codes/code-list.ts';
import { CONTACT_METHODS } from '../../src/platform/codes/referral.ts';
import { withTransaction } from '../../src/platform/db/transaction.ts';
import { formatLocalDate, toLocalDate } from '../../src/platform/time/zoned-time.ts';
import { createTestApp, type PageClient, signIn, type TestApp, type TestUser } from '../support/app.ts';
import { principalOf } from '../support/factories/index.ts';
import { pursuePartnership, referChildNamingSuspect } from '../support/pursue-case.ts';

const CONTACT_LABEL = labelOf(CONTACT_METHODS, 'ONLINE_SOCIAL_MEDIA');

let t: TestApp;
let officer: TestUser;
let otherAreaOfficer: TestUser;
let practitioner: TestUser;
let suspectId = '';
let childId = '';
const today = formatLocalDate(toLocalDate(new Date()));
const [year, month, day] = today.split('-');
const date = (prefix: string, d = day!, m = month!, y = year!) => ({
  [`${prefix}-day`]: d,
  [`${prefix}-month`]: m,
  [`${prefix}-year`]: y,
});

async function count(table: string): Promise<number> {
  return Number((await t.superuserQuery(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
}

beforeAll(async () => {
  t = await createTestApp();
  const p = await pursuePartnership(t);
  ({ officer, otherAreaOfficer, practitioner } = p);
  ({ childId, suspectId } = await referChildNamingSuspect(t, p.school));
});
afterAll(() => t?.close());

describe('recording a tactic', () => {
  let client: PageClient;
  beforeAll(async () => {
    client = await signIn(t, officer);
  });
  const record = async (fields: Record<string, string>) => {
    await client.get(`/pursue/people/${suspectId}/tactics/new`);
    return client.post(`/pursue/people/${suspectId}/tactics`, fields);
  };

  it.each([
    ['an unknown tactic', { tactic: 'DEPORTATION', ...date('startedOn') }, 'Select the tactic'],
    ['an order without a court date', { tactic: 'SRO', ...date('startedOn') }, 'Enter the court date'],
    [
      'an expiry before the start',
      { tactic: 'ARREST', ...date('startedOn'), ...date('expiresOn', day, month, String(Number(year) - 1)) },
      'The expiry date must be on or after the date it was issued',
    ],
    [
      'a sentence with no conviction',
      { tactic: 'CHARGE', ...date('startedOn'), sentenceYears: '3' },
      'A sentence is recorded only with a conviction',
    ],
    [
      'a notice naming no child',
      { tactic: 'CAWN_S2', ...date('startedOn') },
      'Select the child the notice protects',
    ],
    [
      'a start in the future',
      { tactic: 'ARREST', ...date('startedOn', day, month, String(Number(year) + 1)) },
      'must be today or in the past',
    ],
    [
      'a child not linked to the person',
      { tactic: 'CAWN_S2', ...date('startedOn'), child: '0b7a3f0e-5c4d-4e8a-9a53-1f2e3d4c5b6a' },
      'Select a child linked to this person',
    ],
  ])(
    'refuses %s with a field error, saving nothing and keeping what was typed',
    async (_, fields: Record<string, string>, message) => {
      const before = await count('disposal');
      const response = await record(fields);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain(message);
      expect(response.body).toContain('govuk-error-summary');
      expect(response.body).toContain(`value="${fields['startedOn-year']}"`);
      expect(await count('disposal')).toBe(before);
    },
  );

  it('records a notice naming the child, with the recorder, agency and the briefing facts', async () => {
    const response = await record({
      tactic: 'CAWN_S49',
      ...date('startedOn'),
      child: childId,
      conditions: 'No contact.',
    });
    expect(response.statusCode).toBe(303);
    const { rows } = await t.superuserQuery(
      `SELECT d.type, d.child_person_id, d.recorded_by_user, d.agency_id, d.conditions FROM disposal d WHERE d.person_id = $1`,
      [suspectId],
    );
    expect(rows).toEqual([
      {
        type: 'CAWN_S49',
        child_person_id: childId,
        recorded_by_user: officer.id,
        agency_id: officer.agencyId,
        conditions: 'No contact.',
      },
    ]);
    const facts = await t.superuserQuery(
      `SELECT coalesce(sum(n), 0)::int AS n FROM briefing_count WHERE figure = 'disposal.type' AND category = 'CAWN_S49'`,
    );
    expect(facts.rows[0].n).toBe(1);
    const page = await client.get(`/pursue/people/${suspectId}`);
    expect(page.body).toContain('Child Abduction Warning Notice (s49 Children Act 1989)');
    // The profile: how the child whose referral names him was first contacted (the factory's referral).
    expect(page.body).toContain('How the children were first contacted');
    expect(page.body).toContain(`${CONTACT_LABEL} (1)`);
    expect(page.body).toContain('Named as a suspect on the child’s referral');
  });
});

describe('what comes due', () => {
  it('puts a review falling within two weeks in the recording agency’s My work, with the person’s name', async () => {
    const client = await signIn(t, officer);
    await client.get(`/pursue/people/${suspectId}/tactics/new`);
    const saved = await client.post(`/pursue/people/${suspectId}/tactics`, {
      tactic: 'INTELLIGENCE',
      ...date('startedOn'),
      ...date('reviewOn'),
    });
    expect(saved.statusCode).toBe(303);
    const work = await client.get('/my-work');
    expect(work.body).toContain('Review due: Intelligence gathering for proactive operations');
    expect(work.body).toContain('Dale Exampleson');
    const elsewhere = await signIn(t, practitioner);
    expect((await elsewhere.get('/my-work')).body).not.toContain('Review due: Intelligence');
  });
});

describe('who may see and record disruption', () => {
  it('refuses a MASH practitioner recording, and an officer of another area reading, each denial audited', async () => {
    const mash = await signIn(t, practitioner);
    expect((await mash.get(`/pursue/people/${suspectId}`)).statusCode).toBe(200);
    const before = await count('disposal');
    const denied = await mash.post(`/pursue/people/${suspectId}/tactics`, {
      tactic: 'ARREST',
      ...date('startedOn'),
    });
    expect(denied.statusCode).toBe(403);
    const away = await signIn(t, otherAreaOfficer);
    expect((await away.get(`/pursue/people/${suspectId}`)).statusCode).toBe(404);
    expect(
      (await away.post(`/pursue/people/${suspectId}/tactics`, { tactic: 'ARREST', ...date('startedOn') }))
        .statusCode,
    ).toBe(404);
    expect(await count('disposal')).toBe(before);
    const { rows } = await t.superuserQuery(
      `SELECT actor_user_id AS actor FROM audit_event WHERE outcome = 'DENIED' ORDER BY seq`,
    );
    expect(rows.map((r) => r.actor)).toEqual(expect.arrayContaining([practitioner.id, otherAreaOfficer.id]));
  });

  it('row-level security refuses a tactic written as another user, or against a person out of scope', async () => {
    const principal = await principalOf(t.db, otherAreaOfficer);
    await expect(
      withTransaction(t.db, contextFor(principal, 'test'), (tx) =>
        tx.query(
          `INSERT INTO disposal (person_id, type, disposed_at, recorded_by_label, agency_id, recorded_by_user)
           VALUES ($1, 'ARREST', current_date, 'x', $2, $3)`,
          [suspectId, otherAreaOfficer.agencyId, otherAreaOfficer.id],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    const own = await principalOf(t.db, officer);
    await expect(
      withTransaction(t.db, contextFor(own, 'test'), (tx) =>
        tx.query(
          `INSERT INTO disposal (person_id, type, disposed_at, recorded_by_label, agency_id, recorded_by_user)
           VALUES ($1, 'ARREST', current_date, 'x', $2, $3)`,
          [suspectId, officer.agencyId, practitioner.id],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    const seen = await withTransaction(t.db, contextFor(principal, 'test'), (tx) =>
      tx.query('SELECT id FROM disposal WHERE person_id = $1', [suspectId]),
    );
    expect(seen).toEqual([]);
  });
});
