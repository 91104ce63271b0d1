/**
 * Issue 17 item 7: `POST /api/v1/imports/disposals` (both engines), the same import as the file's
 * (import.test.ts). A police system's dry run reports without writing; the real run imports the good rows
 * and names the bad by row and field; a re-send is already imported; a person the token may not see is the
 * row's error, answered as an unknown one and listed in the audit; a token of an agency that is not the
 * police, or without case work, is refused and the denial audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLocalDate, toLocalDate } from '../../src/platform/time/zoned-time.ts';
import { callApi, issueTestToken } from '../support/api.ts';
import { createAgencyWithTeam, createTestApp, type TestApp } from '../support/app.ts';
import { seedPostcodeDistricts } from '../support/factories/index.ts';
import { referChildNamingSuspect } from '../support/pursue-case.ts';

const URL = '/api/v1/imports/disposals';
let t: TestApp;
let police = '';
let council = '';
let school = '';
let suspectId = '';
let hiddenId = '';
const yesterday = formatLocalDate(toLocalDate(new Date(Date.now() - 86_400_000)));
const count = async () =>
  Number((await t.superuserQuery('SELECT count(*)::int AS n FROM disposal')).rows[0].n);

const rows = () => [
  { policeReference: 'API-1', pncReference: '12/345678X', tactic: 'Arrest', startedOn: yesterday },
  { policeReference: 'API-2', pncReference: '12345678X', tactic: 'SHPO', startedOn: yesterday },
  {
    policeReference: 'API-3',
    personId: suspectId,
    tactic: 'conviction',
    startedOn: yesterday,
    courtDate: yesterday,
    sentenceYears: 2,
    issuingOfficer: 'DS 9 Example',
  },
];

beforeAll(async () => {
  t = await createTestApp();
  await seedPostcodeDistricts(t);
  const policeAgency = await createAgencyWithTeam(t, { type: 'POLICE', area: 'LANCASHIRE' });
  const councilAgency = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'LANCASHIRE' });
  const schoolAgency = await createAgencyWithTeam(t, { type: 'EDUCATION', area: 'LANCASHIRE' });
  police = await issueTestToken(t, policeAgency.agencyId, ['case:read', 'case:work']);
  council = await issueTestToken(t, councilAgency.agencyId, ['case:read', 'case:work']);
  school = await issueTestToken(t, schoolAgency.agencyId, ['referral:create']);
  // A partner system sees its own agency's records: the police named this man; the school named another.
  ({ suspectId } = await referChildNamingSuspect(t, policeAgency));
  ({ suspectId: hiddenId } = await referChildNamingSuspect(t, schoolAgency, {
    details: { forename: 'Hidden', surname: 'Exampleton', estimatedAge: 40, gender: 'MALE' },
  }));
  await t.superuserQuery(
    `INSERT INTO person_identifier (person_id, kind, value, search_key, checked_on, recorded_by_label, agency_id)
     VALUES ($1, 'PNC_REFERENCE', '12/345678X', '12345678X', $2, 'test', $3)`,
    [suspectId, yesterday, policeAgency.agencyId],
  );
});
afterAll(() => t?.close());

describe('the disposal import API', () => {
  it('reports a dry run without writing anything', async () => {
    const response = await callApi(t, police, 'POST', URL, { dryRun: true, disposals: rows() });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      dryRun: true,
      rows: 3,
      imported: 2,
      alreadyImported: 0,
      rejected: 1,
    });
    expect(response.json().results[1]).toEqual({
      row: 2,
      policeReference: 'API-2',
      status: 'REJECTED',
      errors: [{ field: 'courtDate', message: 'Enter the court date' }],
    });
    expect(response.json().results[0]).not.toHaveProperty('id');
    expect(await count()).toBe(0);
    const audit = await t.superuserQuery(
      `SELECT details->>'dryRun' AS dry FROM audit_event WHERE action = 'DISRUPTION_IMPORT'`,
    );
    expect(audit.rows).toEqual([{ dry: 'true' }]);
  });

  it('imports the good rows, names the bad by row and field, and a re-send is already imported', async () => {
    const response = await callApi(t, police, 'POST', URL, { disposals: rows() });
    expect(response.json()).toMatchObject({ imported: 2, alreadyImported: 0, rejected: 1 });
    expect(response.json().results.map((r: { status: string }) => r.status)).toEqual([
      'IMPORTED',
      'REJECTED',
      'IMPORTED',
    ]);
    expect(response.json().results[0]).toMatchObject({ personId: suspectId, id: expect.any(String) });
    expect(await count()).toBe(2);
    const register = await callApi(t, police, 'GET', `/api/v1/people/${suspectId}/disruption`);
    expect(register.json().tactics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'ARREST', source_reference: 'API-1' }),
        expect.objectContaining({
          type: 'CONVICTION',
          source_reference: 'API-3',
          sentence_months: '24',
          recorded_by: 'DS 9 Example',
        }),
      ]),
    );
    const again = await callApi(t, police, 'POST', URL, { disposals: rows() });
    expect(again.json()).toMatchObject({ imported: 0, alreadyImported: 2, changed: 0, rejected: 1 });
    expect(await count()).toBe(2);
    // API-1 again with another tactic: changed in the force's system, reported, not applied.
    const changed = await callApi(t, police, 'POST', URL, {
      disposals: [{ ...rows()[0], tactic: 'NFA' }],
    });
    expect(changed.json()).toMatchObject({ imported: 0, alreadyImported: 0, changed: 1, rejected: 0 });
    expect(changed.json().results[0]).toMatchObject({ policeReference: 'API-1', status: 'CHANGED' });
    expect(await count()).toBe(2);
  });

  it('answers a person the token may not see as an unknown one, and lists the row in the audit', async () => {
    const response = await callApi(t, police, 'POST', URL, {
      disposals: [
        { policeReference: 'API-4', personId: hiddenId, tactic: 'NFA', startedOn: yesterday },
        {
          policeReference: 'API-5',
          personId: '0b7a3f0e-5c4d-4e8a-9a53-1f2e3d4c5b6a',
          tactic: 'NFA',
          startedOn: yesterday,
        },
      ],
    });
    const errors = response.json().results.map((r: { errors: unknown }) => r.errors);
    expect(errors).toEqual([
      [{ field: 'personId', message: 'No person you may see has this id' }],
      [{ field: 'personId', message: 'No person you may see has this id' }],
    ]);
    expect(await count()).toBe(2);
    const audit = await t.superuserQuery(
      `SELECT details->'outOfScopeRows' AS rows FROM audit_event WHERE action = 'DISRUPTION_IMPORT' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit.rows[0].rows).toEqual([1]);
  });

  it.each([
    ['a council token with case work', () => council],
    ['a school token without it', () => school],
  ])('refuses %s, writing nothing, and audits the denial', async (_, token) => {
    const denials = async () =>
      Number(
        (
          await t.superuserQuery(
            `SELECT count(*)::int AS n FROM audit_event
              WHERE action = 'ACCESS_DENIED' AND outcome = 'DENIED' AND details->>'route' = $1`,
            [`POST ${URL}`],
          )
        ).rows[0].n,
      );
    const before = await denials();
    const response = await callApi(t, token(), 'POST', URL, {
      disposals: [{ policeReference: 'X-1', pncReference: '12345678X', tactic: 'NFA', startedOn: yesterday }],
    });
    expect(response.statusCode).toBe(403);
    expect(await count()).toBe(2);
    expect(await denials()).toBe(before + 1);
  });
});
