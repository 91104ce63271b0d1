/**
 * Issue 17 item 7 (in part) through the API, as partner systems with tokens (both engines): a police system
 * records a tactic and a breach (idempotent, field-named errors that save nothing) and reads the register
 * with labels beside codes; a school's system gives intelligence and reads back only what it sent and the
 * feedback, while the police system reads it whole; a token without the permission is refused and audited.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLocalDate, toLocalDate } from '../../src/platform/time/zoned-time.ts';
import { callApi, issueTestToken } from '../support/api.ts';
import { createAgencyWithTeam, createTestApp, type TestApp } from '../support/app.ts';
import { seedPostcodeDistricts } from '../support/factories/index.ts';
import { referChildNamingSuspect } from '../support/pursue-case.ts';

let t: TestApp;
let police = '';
let school = '';
let suspectId = '';
const today = formatLocalDate(toLocalDate(new Date()));
const count = async (table: string) =>
  Number((await t.superuserQuery(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);

beforeAll(async () => {
  t = await createTestApp();
  await seedPostcodeDistricts(t);
  const schoolAgency = await createAgencyWithTeam(t, { type: 'EDUCATION', area: 'LANCASHIRE' });
  const policeAgency = await createAgencyWithTeam(t, { type: 'POLICE', area: 'LANCASHIRE' });
  police = await issueTestToken(t, policeAgency.agencyId, ['case:read', 'case:work', 'referral:create']);
  school = await issueTestToken(t, schoolAgency.agencyId, ['referral:create', 'referral:read-own-agency']);
  // A partner system sees its own agency's records: the police refer the child and name the man.
  ({ suspectId } = await referChildNamingSuspect(t, policeAgency));
});
afterAll(() => t?.close());

describe('the Pursue API', () => {
  it('refuses an order without a court date by field, saving nothing', async () => {
    const response = await callApi(t, police, 'POST', `/api/v1/people/${suspectId}/tactics`, {
      tactic: 'SRO',
      startedOn: today,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual([{ field: 'courtDate', message: 'Enter the court date' }]);
    expect(await count('disposal')).toBe(0);
  });

  it('records a tactic once for a repeated Idempotency-Key, then a breach, and reads them labelled', async () => {
    const body = { tactic: 'CAWN_S2', startedOn: today, childPersonId: null, conditions: 'No contact.' };
    const headers = { 'idempotency-key': 'tactic-1' };
    const first = await callApi(t, police, 'POST', `/api/v1/people/${suspectId}/tactics`, body, headers);
    // A notice must name a child linked to the person: the referral links one.
    expect(first.statusCode).toBe(400);
    expect(first.json().details[0].field).toBe('child');
    const { rows } = await t.superuserQuery(
      `SELECT v.person_id FROM victim_referral v JOIN referral_person rp ON rp.referral_id = v.id WHERE rp.person_id = $1`,
      [suspectId],
    );
    const named = { ...body, childPersonId: rows[0].person_id };
    const created = await callApi(t, police, 'POST', `/api/v1/people/${suspectId}/tactics`, named, {
      'idempotency-key': 'tactic-2',
    });
    expect(created.statusCode).toBe(201);
    const again = await callApi(t, police, 'POST', `/api/v1/people/${suspectId}/tactics`, named, {
      'idempotency-key': 'tactic-2',
    });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(created.json());
    expect(await count('disposal')).toBe(1);
    const breach = await callApi(t, police, 'POST', `/api/v1/tactics/${created.json().id}/breaches`, {
      breachedOn: today,
      details: 'Seen together.',
    });
    expect(breach.statusCode).toBe(201);
    const register = await callApi(t, police, 'GET', `/api/v1/people/${suspectId}/disruption`);
    expect(register.statusCode).toBe(200);
    expect(register.json().tactics).toEqual([
      expect.objectContaining({
        type: 'CAWN_S2',
        typeLabel: 'Child Abduction Warning Notice (s2 Child Abduction Act 1984)',
      }),
    ]);
    expect(register.json().breaches).toHaveLength(1);
    expect(register.json().childLinks).toEqual([expect.objectContaining({ basis: 'NAMED' })]);
  });

  it('gives intelligence as a school system, which reads back only what it sent; the police read it whole', async () => {
    const sent = await callApi(t, school, 'POST', '/api/v1/intelligence', {
      about: 'Dale, about 30',
      what: 'Collects a pupil after school.',
    });
    expect(sent.statusCode).toBe(201);
    expect(sent.json().reference).toMatch(/^INT-\d{4}-\d{5}$/);
    const asSchool = await callApi(t, school, 'GET', `/api/v1/intelligence/${sent.json().id}`);
    expect(asSchool.statusCode).toBe(200);
    expect(asSchool.json()).toMatchObject({ status: 'Waiting for the police', feedback: null });
    expect(asSchool.json()).not.toHaveProperty('grading');
    const asPolice = await callApi(t, police, 'GET', `/api/v1/intelligence/${sent.json().id}`);
    expect(asPolice.json()).toMatchObject({ grading: null, gradingLabel: 'Not yet graded', sanitised: null });
  });

  it('refuses a school system recording a tactic, and audits the denial', async () => {
    const before = await count('disposal');
    const response = await callApi(t, school, 'POST', `/api/v1/people/${suspectId}/tactics`, {
      tactic: 'ARREST',
      startedOn: today,
    });
    expect(response.statusCode).toBe(403);
    expect(await count('disposal')).toBe(before);
    const { rows } = await t.superuserQuery(
      `SELECT count(*)::int AS n FROM audit_event WHERE outcome = 'DENIED' AND actor_label LIKE 'token:%'`,
    );
    expect(rows[0].n).toBeGreaterThan(0);
  });
});
