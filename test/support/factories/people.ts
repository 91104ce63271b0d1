/**
 * Person details as a referral or a record carries them. The default is a girl of about fourteen with a
 * date of birth and nothing else; states add what a test needs to be there.
 */
import type { PersonDetails } from '../../../src/people/rules.ts';
import { recordPerson, refreshPeople } from '../../../src/people/service.ts';
import { contextFor } from '../../../src/platform/access/principal.ts';
import { principalForUser } from '../../../src/platform/auth/authenticate.ts';
import type { Database } from '../../../src/platform/db/database.ts';
import { withTransaction } from '../../../src/platform/db/transaction.ts';
import type { TestUser } from '../app.ts';
import { defineFactory } from './factory.ts';

export const personDetails = defineFactory<PersonDetails, PersonState>(
  () => ({ forename: 'Ava', surname: 'Example', dob: '2012-02-02', gender: 'FEMALE' }),
  {
    /** A child with a known date of birth (the default, named for reading). */
    child: () => ({ dob: '2012-02-02' }),
    /** An adult man, as a suspect usually is: an estimated age, no date of birth. */
    adult: () => ({ forename: 'Dale', surname: 'Exampleson', gender: 'MALE', dob: null, estimatedAge: 25 }),
    /** A valid (check-digit) NHS number. */
    withNhsNumber: () => ({ nhsNumber: '943 476 5919' }),
    /** A home address in Blackpool, living at home. */
    withAddress: () => ({
      address: { line1: '1 Example Row', town: 'Blackpool', postcode: 'FY1 2AB' },
      livingSituation: 'FAMILY_HOME',
    }),
    /** In the care of the local authority, living in a children's home. */
    lookedAfter: () => ({ lookedAfter: true, livingSituation: 'RESIDENTIAL_CHILDRENS_HOME' }),
  },
);

export type PersonState = 'child' | 'adult' | 'withNhsNumber' | 'withAddress' | 'lookedAfter';

/**
 * A person an agency has recorded in an area (by `user`, as intake would, under row-level security), with
 * their areas worked out: searchable by name by those who may see them. Answers the person's id.
 */
export async function recordedBy(
  db: Database,
  user: TestUser,
  person: { forename: string; surname: string; area: string; dob: string; role?: 'ASSOCIATE' | 'SUSPECT' },
): Promise<string> {
  const principal = await principalForUser(db, user.id, 'test');
  if (!principal) throw new Error(`no principal for ${user.username}`);
  return withTransaction(db, contextFor(principal, 'test'), async (tx) => {
    const r = await recordPerson(tx, principal, {
      details: { forename: person.forename, surname: person.surname, dob: person.dob },
      role: person.role ?? 'ASSOCIATE',
      provenance: 'Test record',
      area: person.area,
      now: new Date(),
      field: 'person',
      confirmedNew: true,
    });
    await refreshPeople(tx, [r.personId]);
    return r.personId;
  });
}
