/**
 * Identity pages with every control on: the review queue of possible matches (each with its explanation;
 * confirm merges, reject keeps apart, both need a reason and are audited), merging from the person page and
 * undoing it from the history without losing a source record, and permission and scope (403 and 404).
 * The intake candidates are in ./identity-intake-candidates.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { activeModel, latestRecords } from '../../src/people/candidates-service.ts';
import { explain } from '../../src/people/identity/index.ts';
import { queueForReview } from '../../src/people/matching.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import {
  auditedBy,
  farHub,
  hub,
  mash,
  mergedInto,
  pendingMatchBetween,
  refer,
  referLikelyMatch,
  referrer,
  school,
  sourceRecordIds,
  t,
  useIdentityWorld,
} from './identity-fixture.ts';

useIdentityWorld();

describe('the review queue', () => {
  let known: string;
  let likely: string;
  let matchId: string;

  beforeAll(async () => {
    ({ known, likely, matchId } = await referLikelyMatch());
  });

  it('shows a pending match with both people, its probability and the explanation, audited once', async () => {
    const { result, events } = await auditedBy(() => hub.get('/matches'));
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain(`id="match-${matchId}"`);
    expect(result.body).toContain(`href="/people/${likely}">Rebecca Hallowell</a>`);
    expect(result.body).toContain(`href="/people/${known}">Rebecca Hollowell</a>`);
    expect(result.body).toContain('21 August 2012');
    expect(result.body).toMatch(/Rebecca Hallowell and Rebecca Hollowell: \d{1,2}\.\d%/);
    const table = result.body.slice(result.body.indexOf(`id="explanation-${matchId}"`));
    expect(table).toContain('Match weight (bits)');
    expect(table).toMatch(
      /First name<\/th>\s*<td class="govuk-table__cell">Exactly the same<\/td>\s*<td[^>]*>\+\d+\.\d<\/td>/,
    );
    expect(table).toMatch(/Last name<\/th>/);
    expect(events).toEqual([expect.objectContaining({ action: 'MATCH_QUEUE_VIEW', outcome: 'SUCCESS' })]);
    expect(events[0]!['details']).toMatchObject({ shown: 1 });
  });

  it('needs a reason to reject or confirm, shown as an error on that match', async () => {
    for (const path of ['reject', 'confirm']) {
      const response = await hub.post(`/matches/${matchId}/${path}`, { reason: 'too short' });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('There is a problem');
      expect(response.body).toContain(`href="#reason-${matchId}"`);
      expect(response.body).toContain('Give the reason in 10 to 2000 characters');
    }
    const { rows } = await t.superuserQuery('SELECT status FROM match_candidate WHERE id = $1', [matchId]);
    expect(rows[0].status).toBe('PENDING');
  });

  it('answers 403 to a user without people:merge and 404 to a match out of scope', async () => {
    expect((await school.get('/matches')).statusCode).toBe(403);
    expect(
      (await school.post(`/matches/${matchId}/confirm`, { reason: 'Same child, checked' })).statusCode,
    ).toBe(403);
    // Another hub's practitioner may merge, but not these people: the match does not exist for them.
    const far = await farHub.get('/matches');
    expect(far.statusCode).toBe(200);
    expect(far.body).not.toContain('Rebecca');
    expect(far.body).toContain('No possible matches are waiting for review.');
    for (const path of ['confirm', 'reject']) {
      expect(
        (await farHub.post(`/matches/${matchId}/${path}`, { reason: 'Same child, checked' })).statusCode,
      ).toBe(404);
      expect((await farHub.post(`/matches/${matchId}/${path}`, { reason: 'short' })).statusCode).toBe(404);
    }
    expect(
      (await hub.post('/matches/not-a-uuid/confirm', { reason: 'Same child, checked' })).statusCode,
    ).toBe(404);
    expect(await mergedInto(likely)).toBeNull();
  });

  it('confirming merges the two people, audited as MATCH_CONFIRM and PERSON_MERGE, losing no record', async () => {
    const recordsBefore = await sourceRecordIds();
    const mine = [...(await sourceRecordIds(known)), ...(await sourceRecordIds(likely))].sort();
    const { result, events } = await auditedBy(() =>
      hub.post(`/matches/${matchId}/confirm`, { reason: 'Same child: surname misspelt by the school' }),
    );
    expect(result.statusCode).toBe(303);
    expect(result.headers.location).toBe('/matches?notice=match-confirmed');
    expect(await mergedInto(likely)).toBe(known);
    expect(events.map((e) => e['action'])).toEqual(['PERSON_MERGE', 'MATCH_CONFIRM']);
    expect(await sourceRecordIds()).toEqual(recordsBefore);
    expect(await sourceRecordIds(known)).toEqual(mine);
    const queue = await hub.get('/matches?notice=match-confirmed');
    expect(queue.body).toContain('Match confirmed');
    expect(queue.body).not.toContain(`id="match-${matchId}"`);
    // The merged record says where it went; the survivor shows the merge in its history.
    const mergedPage = await hub.get(`/people/${likely}`);
    expect(mergedPage.statusCode).toBe(200);
    expect(mergedPage.body).toContain('id="merged-into"');
    // The survivor's summary takes the newest record's name.
    expect(mergedPage.body).toMatch(new RegExp(`href="/people/${known}">Rebecca H[ao]llowell</a>`));
    const survivorPage = await hub.get(`/people/${known}`);
    expect(survivorPage.body).toContain('Merge history');
    expect(survivorPage.body).toContain('Same child: surname misspelt by the school');
  });

  it('rejecting keeps the two apart, audited as MATCH_REJECT', async () => {
    const a = await refer(mash, {
      details: {
        forename: 'Megan',
        surname: 'Ashworth',
        dob: '2011-03-14',
        gender: 'FEMALE',
        address: { postcode: 'FY2 9AB' },
      },
    });
    const b = await refer(referrer, {
      details: { forename: 'Megan', surname: 'Ashby', estimatedAge: 14, gender: 'FEMALE' },
    });
    expect(b.personId).not.toBe(a.personId);
    // Queued as batch matching would, whatever intake made of it.
    await withTransaction(t.db, systemContext('test'), async (tx) => {
      const model = (await activeModel(tx))!;
      const records = await latestRecords(tx, [a.personId, b.personId]);
      const explanation = explain(model.model, records.get(b.personId)!, records.get(a.personId)!);
      await queueForReview(
        tx,
        b.personId,
        [{ personId: a.personId, probability: Math.max(0.6, explanation.matchProbability), explanation }],
        { source: 'BATCH', area: 'BLACKPOOL', modelVersion: model.version },
      );
    });
    const id = await pendingMatchBetween(b.personId, a.personId);
    const { result, events } = await auditedBy(() =>
      hub.post(`/matches/${id}/reject`, { reason: 'Different children: checked with the school' }),
    );
    expect(result.statusCode).toBe(303);
    expect(result.headers.location).toBe('/matches?notice=match-rejected');
    expect(events).toEqual([expect.objectContaining({ action: 'MATCH_REJECT', subject_id: id })]);
    expect(await mergedInto(b.personId)).toBeNull();
    const { rows } = await t.superuserQuery('SELECT status FROM match_candidate WHERE id = $1', [id]);
    expect(rows[0].status).toBe('REJECTED');
  });
});

describe('merging from the person page, and undoing it', () => {
  it('merges another record of the child into this one and undoes it from the history, losing nothing', async () => {
    const first = await refer(referrer, {
      details: {
        forename: 'Tyler',
        surname: 'Graham',
        dob: '2012-01-05',
        gender: 'MALE',
        address: { postcode: 'FY1 4QQ' },
      },
    });
    const second = await refer(mash, {
      details: { forename: 'Ty', surname: 'Grayham', estimatedAge: 12, gender: 'MALE', laId: 'LA77123' },
    });
    const [a, b] = [first.personId, second.personId];
    expect(a).not.toBe(b);
    const all = await sourceRecordIds();
    const ofA = await sourceRecordIds(a);
    const ofB = await sourceRecordIds(b);

    const personPage = await hub.get(`/people/${a}`);
    expect(personPage.body).toContain(`href="/people/${a}/merge"`);
    expect(personPage.body).toContain('Merge with another record');
    expect((await school.get(`/people/${a}`)).body).not.toContain('Merge with another record');

    const { result: mergePage, events: viewEvents } = await auditedBy(() => hub.get(`/people/${a}/merge`));
    expect(mergePage.statusCode).toBe(200);
    expect(mergePage.body).toContain('Merge another record into Tyler Graham');
    expect(viewEvents).toEqual([expect.objectContaining({ action: 'PERSON_VIEW', subject_id: a })]);

    const { result: found, events: searchEvents } = await auditedBy(() =>
      hub.post(`/people/${a}/merge/search`, { name: 'Ty Grayham' }),
    );
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain(`value="${b}"`);
    expect(found.body).not.toContain(`name="otherId" type="radio" value="${a}"`);
    expect(found.body).toMatch(/Match probability with this record: (\d{1,2}\.\d%|under 0\.1%|over 99\.9%)/);
    expect(searchEvents).toEqual([expect.objectContaining({ action: 'PERSON_SEARCH', subject_id: a })]);

    const bad = await hub.post(`/people/${a}/merge`, { otherId: b, reason: 'short', name: 'Ty Grayham' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#reason"');
    expect(bad.body).toContain(`value="${b}" checked`);
    const none = await hub.post(`/people/${a}/merge`, { reason: 'The same child, checked' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choose the record to merge into this one');
    expect(await mergedInto(b)).toBeNull();

    const { result: merged, events } = await auditedBy(() =>
      hub.post(`/people/${a}/merge`, {
        otherId: b,
        reason: 'Same child: council knows him as Ty',
        name: 'Ty Grayham',
      }),
    );
    expect(merged.statusCode).toBe(303);
    expect(merged.headers.location).toBe(`/people/${a}?notice=merged`);
    expect(events.map((e) => e['action'])).toEqual(['PERSON_MERGE']);
    expect(await mergedInto(b)).toBe(a);
    expect(await sourceRecordIds()).toEqual(all);
    expect(await sourceRecordIds(a)).toEqual([...ofA, ...ofB].sort());

    const after = await hub.get(`/people/${a}?notice=merged`);
    expect(after.body).toContain('Records merged');
    expect(after.body).toContain('Merged in');
    expect(after.body).toContain(`href="/people/${b}">Ty Grayham</a>`);
    const { rows } = await t.superuserQuery('SELECT id FROM person_merge WHERE survivor_id = $1', [a]);
    const mergeId = rows[0].id as string;
    expect(after.body).toContain(`action="/people/${a}/merges/${mergeId}/undo"`);
    // The merged person's page is no place to merge from or undo.
    expect((await hub.get(`/people/${b}/merge`)).statusCode).toBe(409);
    expect((await hub.get(`/people/${b}`)).body).not.toContain('/undo"');

    // Undoing needs a reason, a permission and scope.
    const short = await hub.post(`/people/${a}/merges/${mergeId}/undo`, { reason: 'oops' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Undo the merge');
    expect(short.body).toContain('href="#reason"');
    expect(
      (await school.post(`/people/${a}/merges/${mergeId}/undo`, { reason: 'Not the same child' })).statusCode,
    ).toBe(403);
    expect(
      (await farHub.post(`/people/${a}/merges/${mergeId}/undo`, { reason: 'Not the same child' })).statusCode,
    ).toBe(404);
    expect(await mergedInto(b)).toBe(a);

    const { result: undone, events: undoEvents } = await auditedBy(() =>
      hub.post(`/people/${a}/merges/${mergeId}/undo`, { reason: 'Not the same child after all' }),
    );
    expect(undone.statusCode).toBe(303);
    expect(undone.headers.location).toBe(`/people/${a}?notice=unmerged`);
    expect(undoEvents.map((e) => e['action'])).toEqual(['PERSON_UNMERGE']);
    expect(await mergedInto(b)).toBeNull();
    expect(await sourceRecordIds()).toEqual(all);
    expect(await sourceRecordIds(a)).toEqual(ofA);
    expect(await sourceRecordIds(b)).toEqual(ofB);
    const history = await hub.get(`/people/${a}?notice=unmerged`);
    expect(history.body).toContain('Merge undone');
    expect(history.body).toContain('Not the same child after all');
    expect(history.body).not.toContain(`action="/people/${a}/merges/${mergeId}/undo"`);
    // Undone once only.
    expect(
      (await hub.post(`/people/${a}/merges/${mergeId}/undo`, { reason: 'Again, to be sure' })).statusCode,
    ).toBe(409);
  });

  it('answers 403 without people:merge and 404 out of scope or for an unknown person', async () => {
    const child = await refer(referrer, {
      details: { forename: 'Aiden', surname: 'Blakemore', dob: '2010-09-09', gender: 'MALE' },
    });
    expect((await school.get(`/people/${child.personId}/merge`)).statusCode).toBe(403);
    expect(
      (await school.post(`/people/${child.personId}/merge`, { otherId: child.personId })).statusCode,
    ).toBe(403);
    expect((await farHub.get(`/people/${child.personId}/merge`)).statusCode).toBe(404);
    expect(
      (await farHub.post(`/people/${child.personId}/merge/search`, { name: 'Aiden Blakemore' })).statusCode,
    ).toBe(404);
    expect(
      (
        await farHub.post(`/people/${child.personId}/merge`, {
          otherId: child.personId,
          reason: 'Same child, checked',
        })
      ).statusCode,
    ).toBe(404);
    expect((await hub.get('/people/00000000-0000-4000-8000-000000000000/merge')).statusCode).toBe(404);
    expect((await hub.get('/people/nonsense/merge')).statusCode).toBe(404);
    const { rows } = await t.superuserQuery(
      "SELECT count(*)::int AS n FROM audit_event WHERE action = 'ACCESS_DENIED' AND subject_id = $1",
      [child.personId],
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(3);
  });
});
