/**
 * One access decision (issue 12): the access policy and the SQL scope functions of row-level security agree.
 * Generated principals (agency, hub areas, permissions, case-team membership) read generated people under
 * row-level security; what each sees must be exactly what `mayReadRecord` predicts. Same for the MASH hub
 * check (`lantern_in_mash` in SQL, `inMashHub` in the policy).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/platform/access/permissions.ts';
import { mayReadRecord } from '../../src/platform/access/policy.ts';
import { inMashHub } from '../../src/platform/access/policy-mash.ts';
import { contextFor } from '../../src/platform/access/principal.ts';
import { withTransaction } from '../../src/platform/db/transaction.ts';
import { createTestDatabase, type TestDatabase } from '../support/engines.ts';
import { generatedPrincipal } from '../support/principals.ts';

const AREAS = ['LANCASHIRE', 'BLACKPOOL', 'BLACKBURN_WITH_DARWEN'];
const PERMISSIONS: Permission[] = ['case:read', 'referral:read-own-agency', 'mash:triage', 'referral:create'];
const AGENCIES = [randomUUID(), randomUUID(), randomUUID()];
const USERS = [randomUUID(), randomUUID(), randomUUID()];

const subset = <T>(items: readonly T[]) => fc.subarray([...items]);

const principalArb = fc.record({
  userId: fc.constantFrom(...USERS),
  agencyId: fc.constantFrom(...AGENCIES),
  areas: subset(AREAS),
  permissions: subset(PERMISSIONS),
});

const personArb = fc.record({
  agencyIds: subset(AGENCIES),
  areas: subset(AREAS),
  restricted: fc.boolean(),
  caseTeam: subset(USERS),
});

let database: TestDatabase;
interface GeneratedPerson {
  id: string;
  agencyIds: string[];
  areas: string[];
  restricted: boolean;
  caseTeam: string[];
}
const people: GeneratedPerson[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const generated = fc.sample(personArb, { numRuns: 60, seed: 12 });
  for (const person of generated) {
    const { rows } = await database.superuserQuery(
      `INSERT INTO person (forename, agency_ids, areas, restricted, case_team)
       VALUES ('Generated', $1::uuid[], $2::text[], $3, $4::uuid[]) RETURNING id`,
      [person.agencyIds, person.areas, person.restricted, person.caseTeam],
    );
    people.push({ id: rows[0]!.id as string, ...person });
  }
});
afterAll(async () => {
  await database?.dispose();
});

describe('the access policy and row-level security agree', () => {
  it('on which people each generated principal can read', async () => {
    const principals = fc.sample(principalArb, { numRuns: 40, seed: 21 });
    let someSeeSome = 0;
    for (const generated of principals) {
      const principal = generatedPrincipal(generated);
      const seen = await withTransaction(database.db, contextFor(principal, randomUUID()), (tx) =>
        tx.query<{ id: string }>(`SELECT id FROM person WHERE forename = 'Generated'`),
      );
      const expected = people
        .filter((p) =>
          mayReadRecord(principal, {
            agencyIds: p.agencyIds,
            areas: p.areas,
            restricted: p.restricted,
            caseTeamUserIds: p.caseTeam,
          }),
        )
        .map((p) => p.id)
        .sort();
      expect(seen.map((r) => r.id).sort(), JSON.stringify(generated)).toEqual(expected);
      if (expected.length > 0 && expected.length < people.length) someSeeSome += 1;
    }
    // The comparison means something only if principals see some people and not others.
    expect(someSeeSome).toBeGreaterThan(5);
  });

  it('on whether a principal works in the MASH hub of an area', async () => {
    const principals = fc.sample(principalArb, { numRuns: 40, seed: 34 });
    for (const generated of principals) {
      const principal = generatedPrincipal(generated);
      for (const area of AREAS) {
        const inHub = await withTransaction(database.db, contextFor(principal, randomUUID()), (tx) =>
          tx.one<{ in_hub: boolean }>('SELECT lantern_in_mash($1) AS in_hub', [area]),
        );
        expect(inHub.in_hub, `${JSON.stringify(generated)} in ${area}`).toBe(inMashHub(principal, area));
      }
    }
  });
});
