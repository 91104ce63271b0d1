/**
 * The people of the "found with" tests (the return's "who was the child found with" and the suspect pick on
 * a referral): Evie Example, a child in Blackpool, and Dean Sample, an adult there, both recorded by the
 * officer; and Dean Sampler in Lancashire, recorded by an officer elsewhere: a near namesake the officer may
 * not see, so no search of theirs may offer him.
 */
import type { Database } from '../../src/platform/db/database.ts';
import type { TestUser } from './app.ts';
import { recordedBy } from './factories/index.ts';

export async function recordFoundWithCast(
  db: Database,
  officer: TestUser,
  officerElsewhere: TestUser,
): Promise<{ childId: string; adultId: string; outOfScopeId: string }> {
  const childId = await recordedBy(db, officer, {
    forename: 'Evie',
    surname: 'Example',
    area: 'BLACKPOOL',
    dob: '2010-09-14',
  });
  const adultId = await recordedBy(db, officer, {
    forename: 'Dean',
    surname: 'Sample',
    area: 'BLACKPOOL',
    dob: '1999-03-02',
  });
  const outOfScopeId = await recordedBy(db, officerElsewhere, {
    forename: 'Dean',
    surname: 'Sampler',
    area: 'LANCASHIRE',
    dob: '1998-07-21',
  });
  return { childId, adultId, outOfScopeId };
}
