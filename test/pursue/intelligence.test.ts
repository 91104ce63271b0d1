/**
 * Issue 17 item 3 through the pages (both engines): a submission's bad input is a field error that saves
 * nothing; the submitting agency reads its own submissions and the feedback, never the grading nor another
 * agency's; only police case workers evaluate (a council CSE officer may not), a grade outside 3x5x2 is a
 * field error; every view and denial audited; row-level security says the same when the service is bypassed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor } from '../../src/platform/access/principal.ts';
import { withTransaction } from '../../src/platform/db/transaction.ts';
import {
  createAgencyWithTeam,
  createTeamUser,
  createTestApp,
  signIn,
  type TestApp,
  type TestUser,
} from '../support/app.ts';
import { principalOf } from '../support/factories/index.ts';

let t: TestApp;
let school: TestUser;
let otherSchool: TestUser;
let police: TestUser;
let councilCse: TestUser;
let intelligenceId = '';
// The school keeps one session: a third sign-in within 30 seconds would wait for the next TOTP step.
let schoolClient: Awaited<ReturnType<typeof signIn>> | undefined;
const asSchool = async () => {
  schoolClient ??= await signIn(t, school);
  return schoolClient;
};

const count = async () =>
  Number((await t.superuserQuery('SELECT count(*)::int AS n FROM intelligence')).rows[0].n);
const ORIGINAL = 'Seen collecting a pupil after school in a silver car.';

beforeAll(async () => {
  t = await createTestApp();
  const schoolAgency = await createAgencyWithTeam(t, { type: 'EDUCATION', area: 'LANCASHIRE' });
  const otherAgency = await createAgencyWithTeam(t, { type: 'EDUCATION', area: 'LANCASHIRE' });
  const policeAgency = await createAgencyWithTeam(t, { type: 'POLICE', area: 'LANCASHIRE' });
  const council = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'LANCASHIRE' });
  school = await createTeamUser(t, ['REFERRER'], schoolAgency);
  otherSchool = await createTeamUser(t, ['REFERRER'], otherAgency);
  police = await createTeamUser(t, ['CSE_OFFICER'], policeAgency);
  councilCse = await createTeamUser(t, ['CSE_OFFICER'], council);
});
afterAll(() => t?.close());

describe('giving intelligence', () => {
  it('refuses a submission without who or what, or with a date in the future, keeping what was typed', async () => {
    const client = await asSchool();
    await client.get('/intelligence/new');
    const response = await client.post('/intelligence', {
      about: '',
      what: '',
      whereSeen: 'Bus station',
      'seenOn-day': '1',
      'seenOn-month': '1',
      'seenOn-year': '2999',
    });
    expect(response.statusCode).toBe(400);
    for (const message of [
      'Enter who it is about',
      'Enter what you know',
      'The date must be today or in the past',
    ])
      expect(response.body).toContain(message);
    expect(response.body).toContain('value="Bus station"');
    expect(await count()).toBe(0);
  });

  it('records a submission as the school, numbered, and shows the school its status', async () => {
    const client = await asSchool();
    await client.get('/intelligence/new');
    const response = await client.post('/intelligence', {
      about: 'A man called Dale, about 30',
      what: ORIGINAL,
    });
    expect(response.statusCode).toBe(303);
    intelligenceId = /\/intelligence\/([0-9a-f-]{36})/.exec(response.headers.location as string)![1]!;
    const page = await client.get(`/intelligence/${intelligenceId}`);
    expect(page.body).toMatch(/INT-\d{4}-\d{5}/);
    expect(page.body).toContain('Waiting for the police');
    expect(page.body).not.toContain('evaluation-form');
  });
});

describe('reading and evaluating', () => {
  it('refuses another school the submission, and a council CSE officer the evaluation, each denial audited', async () => {
    const other = await signIn(t, otherSchool);
    expect((await other.get(`/intelligence/${intelligenceId}`)).statusCode).toBe(404);
    expect((await other.get('/intelligence')).body).not.toContain(ORIGINAL);
    const council = await signIn(t, councilCse);
    expect((await council.get(`/intelligence/${intelligenceId}`)).statusCode).toBe(404);
    await council.get('/intelligence');
    const post = await council.post(`/intelligence/${intelligenceId}/evaluation`, {
      sourceGrade: '1',
      intelligenceGrade: 'B',
      handlingCode: 'P',
      sanitised: 'x',
    });
    expect(post.statusCode).toBe(404);
    const { rows } = await t.superuserQuery(
      `SELECT actor_user_id FROM audit_event WHERE outcome = 'DENIED' AND subject_type = 'intelligence'`,
    );
    expect(rows.map((r) => r.actor_user_id)).toEqual(expect.arrayContaining([otherSchool.id, councilCse.id]));
    const graded = await t.superuserQuery('SELECT evaluated_at FROM intelligence WHERE id = $1', [
      intelligenceId,
    ]);
    expect(graded.rows[0].evaluated_at).toBeNull();
  });

  it('refuses a grade outside 3x5x2 and code C without conditions, then records 2/C/C for the police', async () => {
    const client = await signIn(t, police);
    await client.get(`/intelligence/${intelligenceId}`);
    const bad = await client.post(`/intelligence/${intelligenceId}/evaluation`, {
      sourceGrade: '4',
      intelligenceGrade: 'F',
      handlingCode: 'C',
      sanitised: 'A man is seen near a school.',
    });
    expect(bad.statusCode).toBe(400);
    for (const message of [
      'Select the source evaluation, 1 to 3',
      'Select the intelligence assessment, A to E',
      'Enter the conditions of sharing for handling code C',
    ])
      expect(bad.body).toContain(message);
    expect(bad.body).toContain('A man is seen near a school.');
    const good = await client.post(`/intelligence/${intelligenceId}/evaluation`, {
      sourceGrade: '2',
      intelligenceGrade: 'C',
      handlingCode: 'C',
      handlingConditions: 'Not to be shared with the subject.',
      sanitised: 'A man is seen near a school.',
      feedback: 'Thank you; passed to the CSE team.',
    });
    expect(good.statusCode).toBe(303);
    const view = await client.get(`/intelligence/${intelligenceId}`);
    expect(view.body).toContain('2/C/C');
    const schoolView = await (await asSchool()).get(`/intelligence/${intelligenceId}`);
    expect(schoolView.body).toContain('Thank you; passed to the CSE team.');
    expect(schoolView.body).not.toContain('2/C/C');
    expect(schoolView.body).not.toContain('Not to be shared with the subject.');
  });

  it('row-level security: another agency reads none, and only the police may update', async () => {
    const other = await principalOf(t.db, otherSchool);
    const seen = await withTransaction(t.db, contextFor(other, 'test'), (tx) =>
      tx.query('SELECT id FROM intelligence'),
    );
    expect(seen).toEqual([]);
    const council = await principalOf(t.db, councilCse);
    const updated = await withTransaction(t.db, contextFor(council, 'test'), (tx) =>
      tx.query(`UPDATE intelligence SET feedback = 'changed' RETURNING id`),
    );
    expect(updated).toEqual([]);
    const { rows } = await t.superuserQuery('SELECT feedback FROM intelligence WHERE id = $1', [
      intelligenceId,
    ]);
    expect(rows[0].feedback).toBe('Thank you; passed to the CSE team.');
  });
});
