/**
 * Issue 17 item 1 (in part) through the pages (both engines): a suspect's identifiers are checked by field
 * (a PNC reference needs the date it was checked; only a reference has one), found by any part of them with
 * spaces and punctuation ignored, by a POST so that nothing sits in a URL, and only for people the reader may
 * see; a MASH practitioner may search but not add.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp, type TestUser } from '../support/app.ts';
import { pursuePartnership, referChildNamingSuspect } from '../support/pursue-case.ts';

let t: TestApp;
let officer: TestUser;
let away: TestUser;
let practitioner: TestUser;
let suspectId = '';
const count = async () =>
  Number((await t.superuserQuery('SELECT count(*)::int AS n FROM person_identifier')).rows[0].n);

beforeAll(async () => {
  t = await createTestApp();
  const p = await pursuePartnership(t);
  ({ officer, practitioner } = p);
  away = p.otherAreaOfficer;
  ({ suspectId } = await referChildNamingSuspect(t, p.school));
});
afterAll(() => t?.close());

describe('a suspect’s identifiers', () => {
  it('refuses a PNC reference without its date checked, and a date on a vehicle, saving nothing', async () => {
    const client = await signIn(t, officer);
    await client.get(`/pursue/people/${suspectId}/identifiers/new`);
    const pnc = await client.post(`/pursue/people/${suspectId}/identifiers`, {
      kind: 'PNC_REFERENCE',
      value: '12/345678X',
    });
    expect(pnc.statusCode).toBe(400);
    expect(pnc.body).toContain('Enter the date it was checked');
    expect(pnc.body).toContain('value="12/345678X"');
    const car = await client.post(`/pursue/people/${suspectId}/identifiers`, {
      kind: 'VEHICLE',
      value: 'PN66 XYZ',
      'checkedOn-day': '1',
      'checkedOn-month': '12',
      'checkedOn-year': '2026',
    });
    expect(car.body).toContain('A date checked is recorded only for a PNC or PND reference');
    expect(await count()).toBe(0);
  });

  it('finds the person by any part of an identifier, for those who may see them only', async () => {
    const client = await signIn(t, officer);
    await client.get(`/pursue/people/${suspectId}/identifiers/new`);
    expect(
      (await client.post(`/pursue/people/${suspectId}/identifiers`, { kind: 'VEHICLE', value: 'PN66 XYZ' }))
        .statusCode,
    ).toBe(303);
    expect(
      (await client.post(`/pursue/people/${suspectId}/identifiers`, { kind: 'PHONE', value: '07700 900123' }))
        .statusCode,
    ).toBe(303);
    const register = (await client.get(`/pursue/people/${suspectId}`)).body;
    expect(register).toContain('PN66 XYZ');
    expect(register).toMatch(/Added by [^<]+, \d{1,2} [A-Z][a-z]+ \d{4}/);
    await client.get('/pursue/identifier-search');
    for (const q of ['pn6 6', '900-123', 'xyz']) {
      const found = await client.post('/pursue/identifier-search', { q });
      expect(found.body, q).toContain('Dale Exampleson');
    }
    const short = await client.post('/pursue/identifier-search', { q: 'p-n' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Enter at least 3 letters or digits');
    const other = await signIn(t, away);
    await other.get('/pursue/identifier-search');
    expect((await other.post('/pursue/identifier-search', { q: 'PN66' })).body).not.toContain(
      'Dale Exampleson',
    );
    const mash = await signIn(t, practitioner);
    await mash.get('/pursue/identifier-search');
    expect((await mash.post('/pursue/identifier-search', { q: 'PN66' })).body).toContain('Dale Exampleson');
    expect(
      (await mash.post(`/pursue/people/${suspectId}/identifiers`, { kind: 'ALIAS', value: 'Big D' }))
        .statusCode,
    ).toBe(403);
    expect(await count()).toBe(2);
  });
});
