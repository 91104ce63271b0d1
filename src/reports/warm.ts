/**
 * The published briefing's disclosure control takes seconds (the least-loss secondary suppression, in the
 * worker thread): the first person to open a period waited for it, 3–14 s on the demo. The service works
 * out the default period's briefings in the background, so the partnership's usual view is ready, and
 * again on a schedule, after new counts change them. Only the counts (by the facts' change marker,
 * briefing-counts.ts) and the suppression (by the counts it was computed from, briefing.ts) are kept;
 * nothing is recorded and nobody's view is audited, as no one views it.
 */
import type { Database } from '../platform/db/database.ts';
import { systemContext, withTransaction } from '../platform/db/transaction.ts';
import { briefingCountCache, briefingFrom, readBriefing, type Scope } from './briefing.ts';
import { DIVISIONS } from './figure-tables.ts';
import { defaultPeriod, todayInUk } from './period.ts';

/** The partnership (with its areas, suppressed as one) and a division (with the partnership's divisions). */
const WARMED_SCOPES: readonly Scope[] = [
  { area: null, division: null },
  ...(DIVISIONS.length ? [{ area: null, division: DIVISIONS[0]!.code }] : []),
];

/** Works out the default period's published briefings; returns how many. */
export async function warmDefaultBriefings(db: Database, now = new Date()): Promise<number> {
  const period = defaultPeriod(todayInUk(now));
  for (const scope of WARMED_SCOPES) {
    const inputs = await withTransaction(db, systemContext('briefing-warm'), (tx) =>
      readBriefing(tx, { period, scope, mode: 'published' }, briefingCountCache(db)),
    );
    await briefingFrom(inputs, now);
  }
  return WARMED_SCOPES.length;
}
