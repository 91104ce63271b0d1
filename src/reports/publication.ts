/**
 * A closed period's briefing says when it has been revised (decision 0025): its first production is
 * recorded, and a later one whose cells differ carries what changed since. An open period (one that
 * includes today) is still filling and is never recorded.
 */
import type { Tx } from '../platform/db/transaction.ts';
import type { Briefing } from './briefing.ts';
import { todayInUk } from './period.ts';
import { firstPublication, recordPublication } from './publication-store.ts';
import { cellsDigest, publishedCells, revisionOf } from './revision.ts';

/** The briefing with its revision (null when first produced or unchanged), in the caller's transaction. */
export async function withRevision(tx: Tx, b: Briefing, now = new Date()): Promise<Briefing> {
  if (b.period.to >= todayInUk(now)) return b;
  const key = { ...b.period, area: b.scope.area, division: b.scope.division, mode: b.mode };
  const cells = publishedCells(b.figures);
  const digest = cellsDigest(cells);
  const first = await firstPublication(tx, key);
  if (!first) {
    await recordPublication(tx, key, now, digest, cells);
    return b;
  }
  if (first.digest === digest) return b;
  return { ...b, revision: revisionOf(first, cells) };
}
