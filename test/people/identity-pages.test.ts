/**
 * Identity pages with every control on: the review queue of possible matches (each with its explanation;
 * confirm merges, reject keeps apart, both need a reason and are audited), merging from the person page and
 * undoing it from the history without losing a source record, permission and scope (403 and 404), and the
 * intake candidates a practitioner sees on the referral form, never including a child outside their scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { activeModel, findCandidates, latestRecords } from '../../src/people/candidates-service.ts';
import { explain, serialiseModel, trainOnRecords } from '../../src/people/identity/index.ts';
import { identityPageRoutes } from '../../src/people/identity-routes.ts';
import { queueForReview } from '../../src/people/matching.ts';
import { searchKeys, validatePersonDetails } from '../../src/people/rules.ts';
import { insertPerson, insertSourceRecord } from '../../src/people/store.ts';
import type { Principal } from '../../src/platform/access/principal.ts';
import { contextFor } from '../../src/platform/access/principal.ts';
import { principalForUser } from '../../src/platform/auth/authenticate.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import type { VictimReferralInput } from '../../src/referrals/rules.ts';
import { submitVictimReferral } from '../../src/referrals/service.ts';
import { generatePopulation } from '../../src/synth/index.ts';
import {
  createAgencyWithTeam,
  createTestApp,
  createTestUser,
  type PageClient,
  signIn,
  type TestApp,
  type TestUser,
} from '../support/app.ts';

/** The app with the identity pages, whether or not app.ts registers them yet. */
async function createIdentityApp(): Promise<TestApp> {
  const t = await createTestApp();
  if (t.app.declaredRoutes.some((r) => r.url === '/matches')) return t;
  await t.app.close();
  const app = await buildApp({ config: t.config, db: t.db, logger: false, plugins: [identityPageRoutes] });
  return {
    ...t,
    app,
    async close() {
      await app.close();
      await t.dispose();
    },
  };
}

let t: TestApp;
let referrer: TestUser;
let mash: TestUser;
let farMash: TestUser;
let school: PageClient;
let hub: PageClient;
let farHub: PageClient;

async function principalOf(user: TestUser): Promise<Principal> {
  const principal = await principalForUser(t.db, user.id, 'test');
  if (!principal) throw new Error('no principal');
  return principal;
}

type ChildDetails = NonNullable<VictimReferralInput['child']['details']>;

/** Submits a referral through the service, as the user would through the pages. */
async function refer(user: TestUser, child: VictimReferralInput['child']) {
  const p = await principalOf(user);
  return withTransaction(t.db, contextFor(p, 'test'), (tx) =>
    submitVictimReferral(tx, p, {
      referrer: { name: 'Pat Teacher' },
      cinReferralSource: '2A',
      receivedAt: new Date(Date.now() - 3600_000).toISOString(),
      child,
      exploitationType: 'CSE',
      category: 'RISK_ASSESSED_VULNERABILITY',
      concerns: 'Going missing overnight',
      indicators: ['GOING_MISSING'],
      exploitationModel: 'UNKNOWN',
      contactMethod: 'UNKNOWN',
      suspects: [],
      associates: [],
      placesOfConcern: [],
      consent: 'YES',
      urgency: 'ROUTINE',
    }),
  );
}

async function lastAuditSeq(): Promise<number> {
  const { rows } = await t.superuserQuery('SELECT coalesce(max(seq), 0)::int AS n FROM audit_event');
  return rows[0].n as number;
}

async function auditedBy<T>(work: () => Promise<T>) {
  const before = await lastAuditSeq();
  const result = await work();
  const { rows } = await t.superuserQuery(
    'SELECT action, subject_type, subject_id, outcome, justification, details FROM audit_event WHERE seq > $1 ORDER BY seq',
    [before],
  );
  return { result, events: rows as Array<Record<string, unknown>> };
}

async function sourceRecordIds(personId?: string): Promise<string[]> {
  const { rows } = personId
    ? await t.superuserQuery('SELECT id FROM source_record WHERE person_id = $1 ORDER BY id', [personId])
    : await t.superuserQuery('SELECT id FROM source_record ORDER BY id');
  return rows.map((r) => r.id as string);
}

async function mergedInto(personId: string): Promise<string | null> {
  const { rows } = await t.superuserQuery('SELECT merged_into FROM person WHERE id = $1', [personId]);
  return rows[0].merged_into as string | null;
}

async function pendingMatchBetween(personId: string, candidateId: string): Promise<string> {
  const { rows } = await t.superuserQuery(
    "SELECT id FROM match_candidate WHERE person_id = $1 AND candidate_person_id = $2 AND status = 'PENDING'",
    [personId, candidateId],
  );
  expect(rows, 'a pending possible match').toHaveLength(1);
  return rows[0].id as string;
}

beforeAll(async () => {
  t = await createIdentityApp();
  const schoolAgency = await createAgencyWithTeam(t, { type: 'EDUCATION', area: 'BLACKPOOL' });
  const council = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'BLACKPOOL' });
  const farCouncil = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'PRESTON' });
  referrer = await createTestUser(t, ['REFERRER'], {
    agencyId: schoolAgency.agencyId,
    teamIds: [schoolAgency.teamId],
  });
  mash = await createTestUser(t, ['MASH_PRACTITIONER'], {
    agencyId: council.agencyId,
    teamIds: [council.teamId],
  });
  farMash = await createTestUser(t, ['MASH_PRACTITIONER'], {
    agencyId: farCouncil.agencyId,
    teamIds: [farCouncil.teamId],
  });
  // A model trained on synthetic agency records, stored as the active version.
  const population = generatePopulation({ scale: 0.3, seed: 3 });
  const model = trainOnRecords(
    population.sourceRecords.map((r) => ({
      id: r.sourceRecordId,
      firstName: r.forename,
      surname: r.surname,
      dob: r.dob,
      gender: r.gender,
      postcode: r.postcode,
      nhsNumber: r.identifiers.find((i) => i.kind === 'NHS_NUMBER' && !i.corrupted)?.value ?? null,
    })),
  );
  await withTransaction(t.db, systemContext('test'), (tx) =>
    tx.query(
      "INSERT INTO identity_model (parameters, trained_on, trained_by, active) VALUES ($1, $2, 'test', true)",
      [serialiseModel(model), population.sourceRecords.length],
    ),
  );
  school = await signIn(t, referrer);
  hub = await signIn(t, mash);
  farHub = await signIn(t, farMash);
  for (const client of [school, hub, farHub]) await client.get('/');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('the review queue', () => {
  let known: string;
  let likely: string;
  let matchId: string;

  beforeAll(async () => {
    known = (
      await refer(mash, {
        details: {
          forename: 'Rebecca',
          surname: 'Hollowell',
          dob: '2012-08-21',
          gender: 'FEMALE',
          address: { postcode: 'FY3 7QP' },
        },
      })
    ).personId;
    const second = await refer(referrer, {
      details: { forename: 'Rebecca', surname: 'Hallowell', estimatedAge: 14, gender: 'FEMALE' },
    });
    expect(second.identity.kind).toBe('REVIEW');
    likely = second.personId;
    matchId = await pendingMatchBetween(likely, known);
  });

  it('shows a pending match with both people, its probability and the explanation, audited once', async () => {
    const { result, events } = await auditedBy(() => hub.get('/matches'));
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain(`id="match-${matchId}"`);
    expect(result.body).toContain(`href="/people/${likely}">Rebecca Hallowell</a>`);
    expect(result.body).toContain(`href="/people/${known}">Rebecca Hollowell</a>`);
    expect(result.body).toContain('2012-08-21');
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

describe('candidates at intake', () => {
  const OLIVIA: ChildDetails = {
    forename: 'Olivia',
    surname: 'Pemberton',
    dob: '2011-06-15',
    gender: 'FEMALE',
    address: { postcode: 'FY1 3CD' },
  };
  let inScope: string;
  let outOfScope: string;

  beforeAll(async () => {
    // The school's record of her, in this hub's area...
    inScope = (await refer(referrer, { details: OLIVIA })).personId;
    // ...and another hub's record of her (from before matching, so never linked), which this hub may not see.
    outOfScope = await withTransaction(t.db, systemContext('test'), async (tx) => {
      const { clean } = validatePersonDetails(
        { ...OLIVIA, address: { postcode: 'PR1 2AB' } },
        { role: 'CHILD', now: new Date(), prefix: 'child' },
      );
      const id = await insertPerson(tx, clean, farMash.agencyId, 'PRESTON');
      await insertSourceRecord(tx, {
        personId: id,
        agencyId: farMash.agencyId,
        submittedByUser: null,
        submittedByLabel: 'legacy import',
        provenance: 'Legacy case system',
        role: 'CHILD',
        details: clean,
        keys: searchKeys(clean),
      });
      return id;
    });
    expect(inScope).not.toBe(outOfScope);
    // The engine does find both: the page must filter, not the engine.
    const candidates = await withTransaction(t.db, systemContext('test'), async (tx) => {
      const model = await activeModel(tx);
      const { clean } = validatePersonDetails(
        { ...OLIVIA, forename: 'Olivia', surname: 'Pembertin' },
        { role: 'CHILD', now: new Date(), prefix: 'child' },
      );
      return findCandidates(tx, model!.model, clean);
    });
    expect(candidates.map((c) => c.personId)).toEqual(expect.arrayContaining([inScope, outOfScope]));
    expect(candidates.find((c) => c.personId === outOfScope)!.probability).toBeGreaterThanOrEqual(0.5);
  });

  const childForm = {
    forename: 'Olivia',
    surname: 'Pembertin',
    'dob-day': '15',
    'dob-month': '6',
    'dob-year': '2011',
    gender: 'FEMALE',
    postcode: 'FY1 3CD',
  };

  async function startDraft(client: PageClient): Promise<string> {
    await client.get('/referrals/new');
    const started = await client.post('/referrals/new');
    expect(started.statusCode).toBe(303);
    return /\/referrals\/drafts\/([0-9a-f-]{36})\/child/.exec(started.headers.location as string)![1]!;
  }

  it('shows a practitioner the known children in scope with their explanation, never one out of scope', async () => {
    const draftId = await startDraft(hub);
    await hub.get(`/referrals/drafts/${draftId}/child`);
    const saved = await hub.post(`/referrals/drafts/${draftId}/child`, childForm);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/referrals/drafts/${draftId}/child/matches`);

    const { result, events } = await auditedBy(() => hub.get(`/referrals/drafts/${draftId}/child/matches`));
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('Is this a child already known?');
    expect(result.body).toContain(`id="candidate-${inScope}"`);
    expect(result.body).toContain('Olivia Pemberton: match probability');
    expect(result.body).toContain(`id="explanation-${inScope}"`);
    expect(result.body).toContain('Match weight (bits)');
    expect(result.body).toMatch(
      /Last name<\/th>\s*<td class="govuk-table__cell">[^<]+<\/td>\s*<td[^>]*>\+\d+\.\d<\/td>/,
    );
    expect(result.body).not.toContain(outOfScope);
    expect(result.body).not.toContain('PR1 2AB');
    expect(events).toEqual([
      expect.objectContaining({
        action: 'PERSON_SEARCH',
        details: { kind: 'intake-candidates', shown: 1, draftId },
      }),
    ]);

    // Choosing someone outside scope is refused like a missing record, and audited.
    const denied = await hub.post(`/referrals/drafts/${draftId}/child/matches`, { personId: outOfScope });
    expect(denied.statusCode).toBe(404);

    const chosen = await hub.post(`/referrals/drafts/${draftId}/child/matches`, { personId: inScope });
    expect(chosen.statusCode).toBe(303);
    expect(chosen.headers.location).toBe(`/referrals/drafts/${draftId}/referrer`);
    const { rows } = await t.superuserQuery('SELECT data FROM referral_draft WHERE id = $1', [draftId]);
    expect(rows[0].data.child).toMatchObject({ personId: inScope, details: { surname: 'Pembertin' } });
    const check = await hub.get(`/referrals/drafts/${draftId}/check`);
    expect(check.body).toContain('(already known to Lantern)');
    expect(check.body).toContain('Details you entered (added to their record)');
  });

  it('"None of these" continues with a new record', async () => {
    const draftId = await startDraft(hub);
    await hub.get(`/referrals/drafts/${draftId}/child`);
    await hub.post(`/referrals/drafts/${draftId}/child`, childForm);
    await hub.get(`/referrals/drafts/${draftId}/child/matches`);
    const none = await hub.post(`/referrals/drafts/${draftId}/child/matches`, { personId: 'none' });
    expect(none.statusCode).toBe(303);
    expect(none.headers.location).toBe(`/referrals/drafts/${draftId}/referrer`);
    const { rows } = await t.superuserQuery('SELECT data FROM referral_draft WHERE id = $1', [draftId]);
    expect(rows[0].data.child.personId ?? null).toBeNull();
    expect(rows[0].data.child.newPerson).toBe(true);
  });

  it('shows a referrer no candidates', async () => {
    const draftId = await startDraft(school);
    await school.get(`/referrals/drafts/${draftId}/child`);
    const saved = await school.post(`/referrals/drafts/${draftId}/child`, childForm);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/referrals/drafts/${draftId}/referrer`);
    expect((await school.get(`/referrals/drafts/${draftId}/child/matches`)).statusCode).toBe(403);
    // Another user's draft is not found.
    expect((await hub.get(`/referrals/drafts/${draftId}/child/matches`)).statusCode).toBe(404);
  });
});
