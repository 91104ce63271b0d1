/**
 * Issue 14 items 1 and 2 (decision 0020) through the pages: a child's chronology as each agency may see it,
 * the one line that stands for research the viewer may not read, filters, and case notes (written by case
 * workers, corrected only by a later note, held by row-level security to those who may see the child).
 */
import { describe, expect, it } from 'vitest';
import { contextFor } from '../../src/platform/access/principal.ts';
import { principalForUser } from '../../src/platform/auth/authenticate.ts';
import { withTransaction } from '../../src/platform/db/transaction.ts';
import {
  agencies,
  clients,
  episodeId,
  events,
  personId,
  post,
  t,
  useMashPages,
} from '../mash/mash-pages-fixture.ts';
import { createAgencyWithTeam, createTeamUser, signIn } from '../support/app.ts';

useMashPages();

const POLICE_SECRET = 'POLICE-SECRET intelligence on the adult.';
const HEALTH_SHARED = 'HEALTH-RELEASABLE: attended a clinic.';

async function agencyName(id: string): Promise<string> {
  return (await t.superuserQuery('SELECT name FROM agency WHERE id = $1', [id])).rows[0].name;
}

describe('the chronology of a child', () => {
  it('shows the hub everything, and a case reader outside the hub one line for research held in the MASH', async () => {
    await post('manager', `/mash/episodes/${episodeId}/rag`, {
      rag: 'AMBER',
      rationale: 'Older adults, not immediate.',
    });
    for (const [who, fields] of [
      ['police', { summary: POLICE_SECRET, releasable: 'no', handlingCode: '4' }],
      ['health', { summary: HEALTH_SHARED, releasable: 'yes' }],
    ] as const) {
      expect((await post(who, `/mash/episodes/${episodeId}/contributions`, fields)).statusCode).toBe(303);
    }
    const police = await agencyName(agencies['police']!);
    const health = await agencyName(agencies['health']!);

    const hub = await clients['manager']!.get(`/people/${personId}/chronology`);
    expect(hub.statusCode).toBe(200);
    expect(hub.body).toContain('Received in the MASH: referral VR-');
    expect(hub.body).toContain('RAG rating set to Amber');
    expect(hub.body).toContain(`${police} gave research, to be held in the MASH`);
    expect(hub.body).toContain(`${health} gave research`);
    expect(hub.body).not.toContain('research held in the MASH</td>');
    // Oldest first: the referral before the MASH's work on it.
    expect(hub.body.indexOf('Referral VR-')).toBeLessThan(hub.body.indexOf('RAG rating set'));
    // Dates in GOV.UK style, UK time.
    expect(hub.body).toMatch(/\d{1,2} [A-Z][a-z]+ \d{4} at (\d{1,2}(:\d{2})?(am|pm)|midday|midnight)/);

    const outside = await clients['outside']!.get(`/people/${personId}/chronology`);
    expect(outside.statusCode).toBe(200);
    expect(outside.body).toContain('Received in the MASH: referral VR-');
    expect(outside.body).toContain(`${police} research held in the MASH`);
    expect(outside.body).toContain(`${health} gave research`);
    expect(outside.body).not.toContain(POLICE_SECRET);
    expect(outside.body).not.toContain(`${police} gave research`);
    // The hub's own records (RAG changes) stay in the hub.
    expect(outside.body).not.toContain('RAG rating set');
    expect((await events('CHRONOLOGY_VIEW')).length).toBe(2);
  });

  it('shows a referrer only its own referral', async () => {
    const page = await clients['referrer']!.get(`/people/${personId}/chronology`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Referral VR-');
    expect(page.body).not.toContain('Received in the MASH: referral VR-');
    expect(page.body).not.toContain('research');
    expect(page.body).not.toContain('Add a case note');
  });

  it('keeps to each reader’s scope when the plans are cached (prepared statements, many readings)', async () => {
    // PostgreSQL plans a prepared statement afresh five times, then may reuse one plan for everyone:
    // row-level security must still read each caller's own settings.
    for (let i = 0; i < 8; i++) {
      const hub = await clients['manager']!.get(`/people/${personId}/chronology`);
      const school = await clients['referrer']!.get(`/people/${personId}/chronology`);
      expect(hub.body).toContain('RAG rating set to Amber');
      expect(school.body).toContain('Referral VR-');
      expect(school.body).not.toContain('RAG rating');
      expect(school.body).not.toContain('Received in the MASH');
    }
  });

  it('answers 404 to someone who may not see the child, and audits the denial', async () => {
    const elsewhere = await createAgencyWithTeam(t, { type: 'POLICE', area: 'LANCASHIRE' });
    const stranger = await createTeamUser(t, ['CSE_OFFICER'], elsewhere);
    const client = await signIn(t, stranger);
    expect((await client.get(`/people/${personId}/chronology`)).statusCode).toBe(404);
    expect((await client.get(`/people/${personId}/notes/new`)).statusCode).toBe(404);
    expect((await events('ACCESS_DENIED')).length).toBeGreaterThanOrEqual(2);
  });

  it('filters by kind and by agency through codes and ids in the address', async () => {
    const health = await agencyName(agencies['health']!);
    const mashOnly = await clients['manager']!.get(`/people/${personId}/chronology?kind=MASH`);
    expect(mashOnly.body).toContain('RAG rating set to Amber');
    expect(mashOnly.body).not.toContain('Referral VR-');
    const healthOnly = await clients['manager']!.get(
      `/people/${personId}/chronology?agency=${agencies['health']}`,
    );
    expect(healthOnly.body).toContain(`${health} gave research`);
    expect(healthOnly.body).not.toContain('RAG rating set');
    expect(healthOnly.body).not.toContain('Referral VR-');
    const junk = await clients['manager']!.get(`/people/${personId}/chronology?kind=NOPE&agency=x`);
    expect(junk.statusCode).toBe(200);
    expect(junk.body).toContain('Referral VR-');
  });
});

describe('case notes', () => {
  let noteId = '';

  it('a case worker writes a note; errors name the field and keep what was typed', async () => {
    const officer = clients['outside']!;
    expect((await officer.get(`/people/${personId}/notes/new`)).statusCode).toBe(200);
    const bad = await officer.post(`/people/${personId}/notes`, {
      noteType: '',
      'occurredOn-day': '31',
      'occurredOn-month': '2',
      'occurredOn-year': '2026',
      occurredTime: 'teatime',
      text: 'KEPT-TEXT: visited at home.',
    });
    expect(bad.statusCode).toBe(400);
    const summary = bad.body.slice(
      bad.body.indexOf('govuk-error-summary'),
      bad.body.indexOf('</ul>', bad.body.indexOf('govuk-error-summary')),
    );
    expect([...summary.matchAll(/href="#([A-Za-z-]+)"/g)].map((m) => m[1])).toEqual([
      'noteType',
      'occurredOn-day',
      'occurredTime',
    ]);
    expect(bad.body).toContain('KEPT-TEXT: visited at home.');
    expect(bad.body).toContain('value="teatime"');

    const saved = await officer.post(`/people/${personId}/notes`, {
      noteType: 'VISIT',
      'occurredOn-day': '2',
      'occurredOn-month': '12',
      'occurredOn-year': '2026',
      occurredTime: '2:05pm',
      text: 'FIRST-NOTE: visited at home, saw the child alone.',
    });
    expect(saved.statusCode).toBe(303);
    noteId = String(saved.headers['location']).split('/').pop()!;
    const note = await officer.get(String(saved.headers['location']));
    expect(note.body).toContain('2 December 2026 at 2:05pm');
    expect((await events('CASE_NOTE_CREATE')).length).toBe(1);
  });

  it('a correction is a new note pointing to the old, which stays as it was', async () => {
    const officer = clients['outside']!;
    await officer.get(`/people/${personId}/notes/new?corrects=${noteId}`);
    const saved = await officer.post(`/people/${personId}/notes`, {
      corrects: noteId,
      noteType: 'VISIT',
      'occurredOn-day': '2',
      'occurredOn-month': '12',
      'occurredOn-year': '2026',
      occurredTime: '',
      text: 'SECOND-NOTE: the visit was with the carer present.',
    });
    expect(saved.statusCode).toBe(303);
    const old = await officer.get(`/people/${personId}/notes/${noteId}`);
    expect(old.body).toContain('Corrected by a later note');
    expect(old.body).toContain('FIRST-NOTE');
    const correction = await officer.get(String(saved.headers['location']));
    expect(correction.body).toContain('Corrects the note of');
    expect(correction.body).toContain(`href="/people/${personId}/notes/${noteId}"`);
    // A note is corrected once.
    const again = await officer.post(`/people/${personId}/notes`, {
      corrects: noteId,
      noteType: 'VISIT',
      'occurredOn-day': '2',
      'occurredOn-month': '12',
      'occurredOn-year': '2026',
      text: 'THIRD',
    });
    expect(again.statusCode).toBe(409);
    const chronology = await clients['manager']!.get(`/people/${personId}/chronology?kind=NOTES`);
    expect(chronology.body).toContain('(corrected by a later note)');
    expect(chronology.body).toContain('(corrects the note of 2 December 2026)');
  });

  it('only case workers write notes; the MASH manager reads them, the referrer does not', async () => {
    expect((await clients['manager']!.get(`/people/${personId}/notes/new`)).statusCode).toBe(403);
    expect((await clients['referrer']!.get(`/people/${personId}/notes/${noteId}`)).statusCode).toBe(403);
    const referrerView = await clients['referrer']!.get(`/people/${personId}/chronology`);
    expect(referrerView.body).not.toContain('FIRST-NOTE');
    expect((await clients['manager']!.get(`/people/${personId}/notes/${noteId}`)).statusCode).toBe(200);
  });

  it('row-level security: no update or delete, and no rows for those who may not see the child', async () => {
    const principal = (await principalForUser(t.db, (await createOfficerElsewhere()).id, 'test'))!;
    const seen = await withTransaction(t.db, contextFor(principal, 'test'), (tx) =>
      tx.query('SELECT id FROM case_note'),
    );
    expect(seen).toEqual([]);
    const officer = (await principalForUser(
      t.db,
      (
        await t.superuserQuery(
          "SELECT id FROM app_user WHERE username LIKE '%' AND 'CSE_OFFICER' = ANY (roles) ORDER BY created_at LIMIT 1",
        )
      ).rows[0].id,
      'test',
    ))!;
    await expect(
      withTransaction(t.db, contextFor(officer, 'test'), (tx) =>
        tx.query("UPDATE case_note SET body = 'changed'"),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      withTransaction(t.db, contextFor(officer, 'test'), (tx) => tx.query('DELETE FROM case_note')),
    ).rejects.toThrow(/permission denied/);
    const mine = await withTransaction(t.db, contextFor(officer, 'test'), (tx) =>
      tx.query('SELECT id FROM case_note'),
    );
    expect(mine.length).toBe(2);
  });
});

async function createOfficerElsewhere() {
  const elsewhere = await createAgencyWithTeam(t, { type: 'POLICE', area: 'LANCASHIRE' });
  return createTeamUser(t, ['CSE_OFFICER'], elsewhere);
}
