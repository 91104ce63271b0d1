/**
 * The intake candidates a practitioner sees on the referral form, with every control on: known children
 * who may be the one referred, with why, never including a child outside their scope; none for a referrer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeModel, findCandidates } from '../../src/people/matching.ts';
import { searchKeys, validatePersonDetails } from '../../src/people/rules.ts';
import { insertPerson, insertSourceRecord } from '../../src/people/store.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import type { VictimReferralInput } from '../../src/referrals/rules.ts';
import type { PageClient, TestApp, TestUser } from '../support/app.ts';
import { auditedBy } from '../support/audit.ts';
import { referChild, setUpIdentityPages } from '../support/identity-pages.ts';

type ChildDetails = NonNullable<VictimReferralInput['child']['details']>;

let t: TestApp;
let referrer: TestUser;
let farMash: TestUser;
let school: PageClient;
let hub: PageClient;

beforeAll(async () => {
  ({ t, referrer, farMash, school, hub } = await setUpIdentityPages());
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const refer = (user: TestUser, child: VictimReferralInput['child']) => referChild(t, user, child);

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

    const { result, events } = await auditedBy(t, () =>
      hub.get(`/referrals/drafts/${draftId}/child/matches`),
    );
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
