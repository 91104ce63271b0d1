/**
 * Issue 17 item 5 (in part) through the pages (both engines): an agency's operation is started with a
 * unique name and objectives (refused by field otherwise, nothing saved), suspects are added from their
 * registers (an open operation of the agency only), its page lists them with their linked children, and it
 * closes with an outcome; another agency neither sees it nor adds to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAgencyWithTeam,
  createTeamUser,
  createTestApp,
  type PageClient,
  signIn,
  type TestApp,
  type TestUser,
} from '../support/app.ts';
import { seedPostcodeDistricts } from '../support/factories/index.ts';
import { referChildNamingSuspect } from '../support/pursue-case.ts';

let t: TestApp;
let client: PageClient;
let council: TestUser;
let suspectId = '';
let childId = '';
let operationId = '';
const count = async (table: string) =>
  Number((await t.superuserQuery(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);

beforeAll(async () => {
  t = await createTestApp();
  await seedPostcodeDistricts(t);
  const school = await createAgencyWithTeam(t, { type: 'EDUCATION', area: 'LANCASHIRE' });
  const police = await createAgencyWithTeam(t, { type: 'POLICE', area: 'LANCASHIRE' });
  const councilAgency = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'LANCASHIRE' });
  const officer = await createTeamUser(t, ['CSE_OFFICER'], police);
  council = await createTeamUser(t, ['CSE_OFFICER'], councilAgency);
  ({ suspectId, childId } = await referChildNamingSuspect(t, school));
  client = await signIn(t, officer);
});
afterAll(() => t?.close());

describe('Pursue operations', () => {
  it('refuses an operation without a name or objectives, then starts one and refuses its name again', async () => {
    await client.get('/pursue/operations/new');
    const empty = await client.post('/pursue/operations', { name: '', objectives: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter the name of the operation');
    expect(empty.body).toContain('Enter the objectives');
    expect(await count('pursue_operation')).toBe(0);
    const started = await client.post('/pursue/operations', {
      name: 'Operation Kestrel',
      objectives: 'Disrupt the group.',
    });
    expect(started.statusCode).toBe(303);
    operationId = /operations\/([0-9a-f-]{36})/.exec(started.headers.location as string)![1]!;
    await client.get('/pursue/operations/new');
    const again = await client.post('/pursue/operations', {
      name: 'operation kestrel',
      objectives: 'Again.',
    });
    expect(again.body).toContain('Your agency already has an operation of that name');
  });

  it('adds a suspect from his register and lists him with his linked child; closes with an outcome', async () => {
    const register = await client.get(`/pursue/people/${suspectId}`);
    expect(register.body).toContain('Operation Kestrel');
    expect(
      (await client.post(`/pursue/people/${suspectId}/operations`, { operation: operationId })).statusCode,
    ).toBe(303);
    const page = await client.get(`/pursue/operations/${operationId}`);
    expect(page.body).toContain('Dale Exampleson');
    const child = await t.superuserQuery(
      `SELECT concat_ws(' ', forename, surname) AS name FROM person WHERE id = $1`,
      [childId],
    );
    expect(page.body).toContain(child.rows[0].name);
    expect(await count('pursue_operation_member')).toBe(1);
    const noOutcome = await client.post(`/pursue/operations/${operationId}/close`, { outcome: '' });
    expect(noOutcome.statusCode).toBe(400);
    expect(
      (await client.post(`/pursue/operations/${operationId}/close`, { outcome: 'Two charged.' })).statusCode,
    ).toBe(303);
    expect((await client.get(`/pursue/operations/${operationId}`)).body).toContain('Two charged.');
  });

  it('is not seen by another agency, which cannot add to it', async () => {
    const other = await signIn(t, council);
    expect((await other.get(`/pursue/operations/${operationId}`)).statusCode).toBe(404);
    expect((await other.get('/pursue/operations')).body).not.toContain('Operation Kestrel');
    await other.get(`/pursue/people/${suspectId}`);
    const add = await other.post(`/pursue/people/${suspectId}/operations`, { operation: operationId });
    expect(add.statusCode).toBe(400);
    expect(await count('pursue_operation_member')).toBe(1);
  });
});
