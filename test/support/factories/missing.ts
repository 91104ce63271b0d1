/**
 * Missing episodes as the police record them (`missingEpisode.build({ personId })`). The default is a
 * medium-risk episode from the placement CH-01, reported two days ago, with the child not yet back; a
 * test that uses it loads a placement with that code first (or overrides `from`).
 */
import type { EpisodeInput } from '../../../src/missing/input.ts';
import { recordEpisode, repeatMissingRuleOf } from '../../../src/missing/service.ts';
import { contextFor } from '../../../src/platform/access/principal.ts';
import type { Config } from '../../../src/platform/config.ts';
import type { Database } from '../../../src/platform/db/database.ts';
import { withTransaction } from '../../../src/platform/db/transaction.ts';
import type { TestUser } from '../app.ts';
import { defineFactory } from './factory.ts';
import { principalOf } from './referrals.ts';
import { ago, DAY } from './time.ts';

export type EpisodeState = 'open' | 'returned' | 'repeat' | 'fromHome';

export const missingEpisode = defineFactory<EpisodeInput, EpisodeState>(
  () => ({
    personId: '',
    type: 'MISSING_FROM_CARE',
    from: { kind: 'PLACEMENT', placementCode: 'CH-01' },
    reportedAt: ago(2 * DAY),
    reportedBy: 'Residential staff',
    reporterName: 'Sam Carer',
    riskGrade: 'MEDIUM',
    circumstances: 'Left the home after an argument; believed to be with older males.',
    exploitationSuspected: true,
  }),
  {
    /** Still missing: no return recorded (the default, named for reading). */
    open: () => ({ returned: null }),
    /** Found a day after the report, in the town centre. */
    returned: () => ({ returned: { returnedAt: ago(DAY), foundWhere: 'Town centre' } }),
    /** A further episode three days ago, after earlier ones (see `missingSeries`). */
    repeat: () => ({ reportedAt: ago(3 * DAY) }),
    /** Missing from the family home rather than a placement. */
    fromHome: () => ({ type: 'MISSING', from: { kind: 'HOME', postcode: 'FY1 2AB' }, reportedBy: 'Parent' }),
  },
);

/** One episode of the child per number of days ago, oldest first as given: a repeat-missing history. */
export function missingSeries(personId: string, daysAgo: readonly number[]): EpisodeInput[] {
  return daysAgo.map((days) => missingEpisode.build({ personId, reportedAt: ago(days * DAY) }));
}

/** Records an episode through the missing service as the user, in their own context, as the police feed would. */
export async function reportMissing(
  app: { db: Database; config: Config },
  who: TestUser,
  input: EpisodeInput,
) {
  const principal = await principalOf(app.db, who);
  return withTransaction(app.db, contextFor(principal, 'test'), (tx) =>
    recordEpisode(tx, principal, input, { rule: repeatMissingRuleOf(app.config), source: 'api' }),
  );
}
