/**
 * SECURITY 3 on the disruption register (issue 17, Access; both engines): a restricted suspect's register
 * opens only to their case team, who say why on every opening (asked and audited; the reason recorded on
 * the view); anyone else gets 404 and an audited denial. Recording on them needs a reason too, checked
 * with the form's fields (nothing saved, what was typed kept) and recorded on the write's audit event. The
 * API, whose tokens are on no case team, answers 404; the priorities and the identifier search do not list
 * the person to anyone outside the team.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLocalDate, toLocalDate } from '../../src/platform/time/zoned-time.ts';
import { callApi, issueTestToken } from '../support/api.ts';
import {
  createTestApp,
  createTestUser,
  type PageClient,
  signIn,
  type TestApp,
  type TestUser,
} from '../support/app.ts';
import { auditedBy, countRows } from '../support/audit.ts';
import { pursuePartnership, referChildNamingSuspect } from '../support/pursue-case.ts';

let t: TestApp;
let officer: TestUser;
let colleague: TestUser;
let member: PageClient;
let outsider: PageClient;
let token = '';
let suspectId = '';
let childId = '';
let tacticId = '';
const [year, month, day] = formatLocalDate(toLocalDate(new Date())).split('-');
const started = { 'startedOn-day': day!, 'startedOn-month': month!, 'startedOn-year': year! };
const register = () => `/pursue/people/${suspectId}`;
const REASON = 'Preparing the disruption meeting on Friday';
const ASKS = 'Why are you opening this disruption register?';
const RECORD_LABEL = 'Why you need to record this';

beforeAll(async () => {
  t = await createTestApp();
  const p = await pursuePartnership(t);
  officer = p.officer;
  // A colleague in the same police team: in scope of the suspect in every way but the case team.
  colleague = await createTestUser(t, ['CSE_OFFICER'], {
    agencyId: p.police.agencyId,
    teamIds: [p.police.teamId],
  });
  ({ childId, suspectId } = await referChildNamingSuspect(t, p.school));
  token = await issueTestToken(t, p.police.agencyId, ['case:read', 'case:work']);
  member = await signIn(t, officer);
  outsider = await signIn(t, colleague);
  // Before the restriction: a notice protecting the child, and a vehicle, recorded as anyone would.
  await member.get(`${register()}/tactics/new`);
  const notice = await member.post(`${register()}/tactics`, {
    tactic: 'CAWN_S49',
    ...started,
    child: childId,
  });
  expect(notice.statusCode).toBe(303);
  const identifier = await member.post(`${register()}/identifiers`, { kind: 'VEHICLE', value: 'PN66 XYZ' });
  expect(identifier.statusCode).toBe(303);
  const { rows } = await t.superuserQuery('SELECT id FROM disposal WHERE person_id = $1', [suspectId]);
  tacticId = rows[0].id;
});
afterAll(() => t?.close());

/** The names the priorities and an identifier search show the outsider. */
async function listedToOutsider(): Promise<{ priorities: string; search: string }> {
  const priorities = (await outsider.get('/pursue/priorities')).body;
  await outsider.get('/pursue/identifier-search');
  const search = (await outsider.post('/pursue/identifier-search', { q: 'PN66XYZ' })).body;
  return { priorities, search };
}

async function restrict() {
  await t.superuserQuery('UPDATE person SET restricted = true, case_team = ARRAY[$1]::uuid[] WHERE id = $2', [
    officer.id,
    suspectId,
  ]);
}

describe('before the suspect is restricted', () => {
  it('opens the register, lists and API to the colleague, and asks no reason on a form', async () => {
    expect((await outsider.get(register())).body).toContain('Dale Exampleson');
    const form = await outsider.get(`${register()}/tactics/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain(RECORD_LABEL);
    const listed = await listedToOutsider();
    expect(listed.priorities).toContain('Dale Exampleson');
    expect(listed.search).toContain('Dale Exampleson');
    expect((await callApi(t, token, 'GET', `/api/v1/people/${suspectId}/disruption`)).statusCode).toBe(200);
    await restrict();
  });
});

describe('a restricted suspect’s register', () => {
  it('asks the case team why before showing anything, and audits the asking', async () => {
    const { result, events } = await auditedBy(t, () => member.get(register()));
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain(ASKS);
    expect(result.body).toContain('Reason for opening the register');
    expect(result.body).toContain(`action="/pursue/people/${suspectId}"`);
    expect(result.body).not.toContain('Exampleson');
    expect(result.body).not.toContain('Abduction Warning');
    expect(events).toEqual([
      expect.objectContaining({ action: 'PERSON_JUSTIFICATION_ASKED', subject_id: suspectId }),
    ]);
  });

  it('refuses a reason too short with an error naming the field, showing nothing', async () => {
    const { result, events } = await auditedBy(t, () =>
      member.post(register(), { justification: 'because' }),
    );
    expect(result.statusCode).toBe(400);
    expect(result.body).toContain('href="#justification"');
    expect(result.body).toContain('Explain why you need to open this register, in 10 to 1000 characters');
    expect(result.body).toContain('>because</textarea>');
    expect(result.body).not.toContain('Exampleson');
    expect(events).toEqual([]);
  });

  it('opens with a good reason, recorded on the view; the next opening asks again', async () => {
    const { result, events } = await auditedBy(t, () => member.post(register(), { justification: REASON }));
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('Dale Exampleson');
    expect(result.body).toContain('Child Abduction Warning Notice');
    expect(events).toEqual([
      expect.objectContaining({ action: 'DISRUPTION_VIEW', subject_id: suspectId, justification: REASON }),
    ]);
    const again = await member.get(register());
    expect(again.body).toContain(ASKS);
    expect(again.body).not.toContain('Exampleson');
  });

  it('answers anyone outside the case team 404, audited, with or without a reason', async () => {
    for (const open of [
      () => outsider.get(register()),
      () => outsider.post(register(), { justification: REASON }),
    ]) {
      const { result, events } = await auditedBy(t, open);
      expect(result.statusCode).toBe(404);
      expect(result.body).not.toContain('Exampleson');
      expect(events).toEqual([
        expect.objectContaining({ action: 'ACCESS_DENIED', subject_id: suspectId, outcome: 'DENIED' }),
      ]);
    }
    expect((await outsider.get(`${register()}/tactics/new`)).statusCode).toBe(404);
  });
});

describe('recording on a restricted suspect', () => {
  const tactic = { tactic: 'ARREST', ...started, conditions: 'Arrested at the address.' };

  it('asks the case team why on the form', async () => {
    const form = await member.get(`${register()}/tactics/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(RECORD_LABEL);
    expect(form.body).toContain('name="justification"');
  });

  it.each([
    ['no reason', {}],
    ['a reason too short', { justification: 'arrest' }],
  ])('refuses a tactic with %s by field, saving nothing and keeping what was typed', async (_, reason) => {
    const before = await countRows(t, 'disposal');
    const response = await member.post(`${register()}/tactics`, { ...tactic, ...reason });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#justification"');
    expect(response.body).toContain('Explain why you need to record this, in 10 to 1000 characters');
    expect(response.body).toContain('Arrested at the address.');
    expect(response.body).toContain(`value="${year}"`);
    expect(await countRows(t, 'disposal')).toBe(before);
  });

  it('shows the reason error with the form’s own, in the order of the page', async () => {
    const response = await member.post(`${register()}/tactics`, { tactic: 'SRO', ...started });
    expect(response.statusCode).toBe(400);
    const summary = /govuk-error-summary__list[\s\S]*?<\/ul>/.exec(response.body)?.[0] ?? '';
    expect(summary.indexOf('Enter the court date')).toBeGreaterThan(-1);
    expect(summary.indexOf('Enter the court date')).toBeLessThan(summary.indexOf('Explain why you need'));
  });

  it('records the tactic with a reason, the audit of the write carrying it', async () => {
    const before = await countRows(t, 'disposal');
    const { result, events } = await auditedBy(t, () =>
      member.post(`${register()}/tactics`, { ...tactic, justification: REASON }),
    );
    expect(result.statusCode).toBe(303);
    expect(await countRows(t, 'disposal')).toBe(before + 1);
    expect(events).toEqual([
      expect.objectContaining({
        action: 'DISRUPTION_RECORD',
        subject_type: 'disposal',
        justification: REASON,
      }),
    ]);
  });

  it.each([
    [
      'a breach',
      () => `/pursue/tactics/${tacticId}/breaches`,
      {
        'breachedOn-day': day!,
        'breachedOn-month': month!,
        'breachedOn-year': year!,
        details: 'Seen with the child.',
      },
      'disruption_breach',
      'DISRUPTION_BREACH_RECORD',
    ],
    [
      'a status',
      () => `${register()}/status`,
      { status: 'OFFENDER', reason: 'Convicted in 2019.' },
      'pursue_status',
      'PURSUE_STATUS_RECORD',
    ],
    [
      'an identifier',
      () => `${register()}/identifiers`,
      { kind: 'PHONE', value: '07700 900123' },
      'person_identifier',
      'IDENTIFIER_RECORD',
    ],
  ])('needs a reason for %s too, recorded on its audit event', async (_, path, fields, table, action) => {
    const before = await countRows(t, table);
    const refused = await member.post(path(), fields);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(RECORD_LABEL);
    expect(refused.body).toContain('href="#justification"');
    expect(await countRows(t, table)).toBe(before);
    const { result, events } = await auditedBy(t, () =>
      member.post(path(), { ...fields, justification: REASON }),
    );
    expect(result.statusCode).toBe(303);
    expect(await countRows(t, table)).toBe(before + 1);
    expect(events).toEqual([expect.objectContaining({ action, justification: REASON })]);
  });

  it('refuses the outsider’s recording with 404, audited, whatever the reason', async () => {
    const before = await countRows(t, 'disposal');
    const { result, events } = await auditedBy(t, () =>
      outsider.post(`${register()}/tactics`, { ...tactic, justification: REASON }),
    );
    expect(result.statusCode).toBe(404);
    expect(events).toEqual([expect.objectContaining({ action: 'ACCESS_DENIED', subject_id: suspectId })]);
    expect(await countRows(t, 'disposal')).toBe(before);
  });
});

describe('the API and the lists', () => {
  it('answers a token 404 for the restricted register and its recording, even with the header', async () => {
    const headers = { 'lantern-justification': REASON };
    const { result, events } = await auditedBy(t, () =>
      callApi(t, token, 'GET', `/api/v1/people/${suspectId}/disruption`, undefined, headers),
    );
    expect(result.statusCode).toBe(404);
    expect(result.body).not.toContain('CAWN_S49');
    expect(events).toEqual([expect.objectContaining({ action: 'ACCESS_DENIED', subject_id: suspectId })]);
    const before = await countRows(t, 'disposal');
    const body = { tactic: 'ARREST', startedOn: formatLocalDate(toLocalDate(new Date())) };
    const write = await callApi(t, token, 'POST', `/api/v1/people/${suspectId}/tactics`, body, headers);
    expect(write.statusCode).toBe(404);
    expect(await countRows(t, 'disposal')).toBe(before);
  });

  it('leaves the suspect out of the priorities and the identifier search of those outside the team', async () => {
    const listed = await listedToOutsider();
    expect(listed.priorities).not.toContain('Exampleson');
    expect(listed.priorities).not.toContain(suspectId);
    expect(listed.search).not.toContain('Exampleson');
    expect(listed.search).not.toContain(suspectId);
  });
});
