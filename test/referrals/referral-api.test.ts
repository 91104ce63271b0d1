/**
 * Victim and suspect referrals through the partner API: intake, idempotency, field-level errors that save
 * nothing, scope (404 with an audited denial), repeat-referral facts, search and the person timeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/platform/access/permissions.ts';
import type { VictimReferralInput } from '../../src/referrals/rules.ts';
import { callApi, issueTestToken } from '../support/api.ts';
import { createAgencyWithTeam, createTeamUser, createTestApp, type TestApp } from '../support/app.ts';
import { countRows } from '../support/audit.ts';
import { victimReferral } from '../support/factories/index.ts';

let t: TestApp;
let school: string;
let otherSchool: string;
let blackpoolMash: string;
let lancashireMash: string;

const token = (agencyId: string, permissions: Permission[]) => issueTestToken(t, agencyId, permissions);

function call(
  secret: string,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return callApi(t, secret, method, url, body, headers);
}

const count = (table: string) => countRows(t, table);

/** A school's referral with every part filled in, as a partner system would send it. */
const referral = (overrides: Partial<VictimReferralInput> = {}) =>
  victimReferral.with('complete').build(overrides);

let schoolToken: string;
let mashToken: string;
let lancashireToken: string;
let childId: string;
let referralId: string;

/** The child known from the first referral, referred again by the token's agency (no indicators this time). */
const referChildAgain = (secret: string, cinReferralSource?: string) =>
  call(
    secret,
    'POST',
    '/api/v1/referrals',
    referral({
      indicators: [],
      child: { personId: childId },
      ...(cinReferralSource ? { cinReferralSource } : {}),
    }),
  );

beforeAll(async () => {
  t = await createTestApp();
  school = (await createAgencyWithTeam(t, { type: 'EDUCATION', area: 'BLACKPOOL' })).agencyId;
  otherSchool = (await createAgencyWithTeam(t, { type: 'EDUCATION', area: 'BLACKPOOL' })).agencyId;
  const blackpool = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'BLACKPOOL' });
  const lancashire = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'LANCASHIRE' });
  blackpoolMash = blackpool.agencyId;
  lancashireMash = lancashire.agencyId;
  // A token sees what its agency's staff holding its permissions see (SECURITY 25): each MASH has them.
  for (const hub of [blackpool, lancashire]) await createTeamUser(t, ['MASH_PRACTITIONER'], hub);
  schoolToken = await token(school, ['referral:create', 'referral:read-own-agency']);
  mashToken = await token(blackpoolMash, [
    'referral:create',
    'referral:read-own-agency',
    'case:read',
    'case:search',
  ]);
  lancashireToken = await token(lancashireMash, ['referral:read-own-agency', 'case:read', 'case:search']);
});
afterAll(async () => {
  await t?.close();
});

describe('victim referral intake', () => {
  it('takes a referral of a new child with a suspect, and answers with its reference', async () => {
    const indicators = (await import('../../src/platform/codes/referral.ts')).CSE_INDICATORS.slice(0, 2).map(
      (c) => c.code,
    );
    const response = await call(schoolToken, 'POST', '/api/v1/referrals', referral({ indicators }), {
      'idempotency-key': 'first-referral',
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body.reference).toMatch(/^VR-\d{4}-\d{6}$/);
    // A referrer learns its reference, not what the registry knew (SECURITY: referrers never see other
    // agencies' facts); the tests read the child's id from the database.
    expect(Object.keys(body).sort()).toEqual(['id', 'reference']);
    referralId = body.id;
    const { rows } = await t.superuserQuery(
      'SELECT area, indicators, consent, person_id FROM victim_referral WHERE id = $1',
      [referralId],
    );
    childId = rows[0].person_id;
    expect(rows[0]).toMatchObject({ area: 'BLACKPOOL', consent: 'NOT_SOUGHT' });
    expect(rows[0].indicators).toEqual(indicators);
    const suspects = await t.superuserQuery(
      "SELECT count(*)::int AS n FROM referral_person WHERE referral_id = $1 AND role = 'SUSPECT'",
      [referralId],
    );
    expect(suspects.rows[0].n).toBe(1);
  });

  it('applies a retried request with the same Idempotency-Key once', async () => {
    const before = await count('victim_referral');
    const body = referral({ indicators: [] });
    const again = await call(schoolToken, 'POST', '/api/v1/referrals', body, {
      'idempotency-key': 'retry-me',
    });
    const retry = await call(schoolToken, 'POST', '/api/v1/referrals', body, {
      'idempotency-key': 'retry-me',
    });
    expect(retry.statusCode).toBe(201);
    expect(retry.json().reference).toBe(again.json().reference);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await count('victim_referral')).toBe(before + 1);
    // The same key with a different body is a client error, not a second referral.
    const changed = await call(
      schoolToken,
      'POST',
      '/api/v1/referrals',
      { ...body, urgency: 'ROUTINE' },
      { 'idempotency-key': 'retry-me' },
    );
    expect(changed.statusCode).toBe(409);
    expect(await count('victim_referral')).toBe(before + 1);
  });

  it.each([
    ['an invalid NHS number', { nhsNumber: '9434765918' }, 'child.nhsNumber'],
    ['a future date of birth', { dob: '2099-01-01' }, 'child.dob'],
    ['someone over 18 without an explanation', { dob: '2000-01-01' }, 'child.ageExplanation'],
    ['an impossible date', { dob: '2011-02-30' }, 'child.dob'],
  ])('refuses %s with a field-level error and saves nothing', async (_label, change, field) => {
    const tables = ['victim_referral', 'person', 'source_record', 'referral_person', 'audit_event'];
    const before = await Promise.all(tables.map(count));
    const body = referral({ indicators: [] });
    (body.child as { details: Record<string, unknown> }).details = { ...body.child.details, ...change };
    const response = await call(schoolToken, 'POST', '/api/v1/referrals', body);
    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });

  it('refuses unknown codes and unknown fields', async () => {
    const unknownCode = await call(
      schoolToken,
      'POST',
      '/api/v1/referrals',
      referral({ indicators: [], exploitationModel: 'NOT_A_MODEL' }),
    );
    expect(unknownCode.statusCode).toBe(400);
    expect(JSON.stringify(unknownCode.json().details)).toContain('exploitationModel');
    const unknownField = await call(schoolToken, 'POST', '/api/v1/referrals', {
      ...referral({ indicators: [] }),
      favouriteColour: 'blue',
    });
    expect(unknownField.statusCode).toBe(400);
    expect(JSON.stringify(unknownField.json().details)).toContain('favouriteColour');
  });

  it('answers 404 for a person outside the caller’s scope, audits the denial and saves nothing', async () => {
    const otherToken = await token(otherSchool, ['referral:create', 'referral:read-own-agency']);
    const before = await count('victim_referral');
    const response = await referChildAgain(otherToken);
    expect(response.statusCode).toBe(404);
    expect(await count('victim_referral')).toBe(before);
    const denial = await t.superuserQuery(
      "SELECT outcome FROM audit_event WHERE action = 'ACCESS_DENIED' AND subject_type = 'person' AND subject_id = $1",
      [childId],
    );
    expect(denial.rows[0]?.outcome).toBe('DENIED');
  });
});

describe('a partner system that only submits', () => {
  it('takes a referral from a token holding referral:create alone, never a 500', async () => {
    // Submitting implies reading what one's agency submitted; a token given only the first still works.
    const submitOnly = await token(otherSchool, ['referral:create']);
    const response = await call(
      submitOnly,
      'POST',
      '/api/v1/referrals',
      referral({
        indicators: [],
        child: {
          details: {
            forename: 'Zara',
            surname: 'Submitonly',
            dob: '2012-05-06',
            gender: 'FEMALE',
            address: { line1: '1 Test Street', town: 'Blackpool', postcode: 'FY1 1AA' },
          },
        },
      }),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(Object.keys(response.json()).sort()).toEqual(['id', 'reference']);
  });
});

describe('reading referrals within scope', () => {
  it('gives the referrer status and feedback, but not earlier referrals from other agencies', async () => {
    const response = await call(schoolToken, 'GET', `/api/v1/referrals/${referralId}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ status: 'RECEIVED', outcome: null, feedback: null });
    expect(body.earlierReferrals).toBeUndefined();
    expect(body.priorReferrals).toBeUndefined();
  });

  it('shows a hub’s referrals to its MASH, and not to another area’s', async () => {
    expect((await call(mashToken, 'GET', `/api/v1/referrals/${referralId}`)).statusCode).toBe(200);
    expect((await call(lancashireToken, 'GET', `/api/v1/referrals/${referralId}`)).statusCode).toBe(404);
    const list = (await call(lancashireToken, 'GET', '/api/v1/referrals')).json();
    expect(list.referrals).toEqual([]);
  });

  it('records that a child was referred before, and shows it to the MASH', async () => {
    const second = await referChildAgain(mashToken, '5A');
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().priorReferralsEver).toBeGreaterThanOrEqual(1);
    expect(second.json().priorReferrals12m).toBeGreaterThanOrEqual(1);
    const view = (await call(mashToken, 'GET', `/api/v1/referrals/${second.json().id}`)).json();
    expect(view.earlierReferrals.length).toBeGreaterThanOrEqual(1);
  });

  it('tells a referrer only its reference, never what other agencies knew of the child', async () => {
    // The same child, referred again by the school: the registry knows her from earlier referrals.
    const again = await referChildAgain(schoolToken, '2A');
    expect(again.statusCode, again.body).toBe(201);
    expect(Object.keys(again.json()).sort()).toEqual(['id', 'reference']);
    // The hub handling it learns the same facts from its own view of the referral.
    const view = (await call(mashToken, 'GET', `/api/v1/referrals/${again.json().id}`)).json();
    expect(view.earlierReferrals.length).toBeGreaterThanOrEqual(2);
    // And the hub's own intake is told what the registry knew.
    const hub = await referChildAgain(mashToken, '5A');
    expect(hub.json()).toMatchObject({ personId: childId, priorReferralsEver: expect.any(Number) });
  });
});

describe('search and the person timeline', () => {
  it('finds the child and the suspect by misspelt names, within scope only', async () => {
    const child = (await call(mashToken, 'POST', '/api/v1/people/search', { name: 'Jesica Smyth' })).json();
    expect(child.results.map((r: { id: string }) => r.id)).toContain(childId);
    const suspect = (
      await call(mashToken, 'POST', '/api/v1/people/search', { name: 'Dail Exampelson' })
    ).json();
    expect(suspect.results.length).toBeGreaterThan(0);
    const elsewhere = (
      await call(lancashireToken, 'POST', '/api/v1/people/search', { name: 'Jessica Smith' })
    ).json();
    expect(elsewhere.results).toEqual([]);
    const audit = await t.superuserQuery(
      "SELECT details FROM audit_event WHERE action = 'PERSON_SEARCH' ORDER BY seq DESC LIMIT 1",
    );
    expect(audit.rows[0].details.terms).toEqual({ name: 'Jessica Smith' });
  });

  it('finds people by identifier, date of birth and postcode sector', async () => {
    for (const terms of [{ identifier: '9434765919' }, { dob: '2011-03-14' }, { postcode: 'FY1 2' }]) {
      const found = (await call(mashToken, 'POST', '/api/v1/people/search', terms)).json();
      expect(found.results[0].matchedOn.length).toBeGreaterThan(0);
      expect(
        found.results.map((r: { id: string }) => r.id),
        JSON.stringify(terms),
      ).toContain(childId);
    }
    expect((await call(mashToken, 'POST', '/api/v1/people/search', {})).statusCode).toBe(400);
  });

  it('shows the person’s timeline with the referral, and audits the view', async () => {
    const response = await call(mashToken, 'GET', `/api/v1/people/${childId}`);
    expect(response.statusCode).toBe(200);
    const person = response.json();
    expect(person.timeline.some((e: { kind: string }) => e.kind === 'VICTIM_REFERRAL')).toBe(true);
    expect(person.sourceRecords[0].nhsNumber).toBe('9434765919');
    expect((await call(lancashireToken, 'GET', `/api/v1/people/${childId}`)).statusCode).toBe(404);
    expect((await call(mashToken, 'GET', '/api/v1/people/not-a-uuid')).statusCode).toBe(400);
  });
});

describe('suspect referrals', () => {
  it('refers a suspect linked to a child the referrer may see', async () => {
    const response = await call(mashToken, 'POST', '/api/v1/suspect-referrals', {
      referrer: { name: 'Sam Example' },
      receivedAt: new Date().toISOString(),
      suspect: {
        details: {
          forename: 'Rita',
          surname: 'Examplewoman',
          estimatedAge: 40,
          gender: 'FEMALE',
          ethnicity: 'WHITE_BRITISH',
        },
      },
      status: 'SUSPECT',
      role: 'ALLOWED_PREMISES_USE',
      source: 'PARTNER_AGENCY',
      division: 'WEST',
      linkedChildren: [{ personId: childId, linkType: 'PREMISES' }],
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().reference).toMatch(/^SR-/);
    const view = (await call(mashToken, 'GET', `/api/v1/suspect-referrals/${response.json().id}`)).json();
    expect(view).toMatchObject({ role: 'ALLOWED_PREMISES_USE', person: { gender: 'FEMALE' } });
    expect(view.linkedChildren[0].personId).toBe(childId);
  });

  it('refuses to link a child outside the referrer’s scope', async () => {
    const otherToken = await token(otherSchool, ['referral:create', 'referral:read-own-agency']);
    const response = await call(otherToken, 'POST', '/api/v1/suspect-referrals', {
      referrer: { name: 'Sam Example' },
      receivedAt: new Date().toISOString(),
      suspect: { details: { forename: 'Someone', gender: 'MALE', estimatedAge: 30 } },
      status: 'SUSPECT',
      role: 'PRIMARY_OFFENDER',
      source: 'PARTNER_AGENCY',
      linkedChildren: [{ personId: childId, linkType: 'ABUSER' }],
    });
    expect(response.statusCode).toBe(404);
  });
});
