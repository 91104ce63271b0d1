/**
 * A child's CSE risk flag as the pages show it (the person page, search results, the MASH queue): the
 * level's tag, the review date and whether it is overdue. Shared by the people and MASH pages, whose
 * templates include `risk/views/cse-flag.njk` and `risk/views/cse-flag-tag.njk`.
 */

import type { Tx } from '../platform/db/transaction.ts';
import * as service from './service.ts';
import { type CseFlagView, cseFlagViewOf, todayIso } from './view-models.ts';

export type { CseFlagView };
export { todayIso };

/** Children's CSE flags for a list of people (search results), for `risk/views/cse-flag-tag.njk`. */
export async function cseFlagViews(tx: Tx, personIds: readonly string[]): Promise<Map<string, CseFlagView>> {
  const today = todayIso(new Date());
  const flags = await service.cseFlags(tx, personIds);
  return new Map([...flags].map(([id, f]) => [id, cseFlagViewOf(id, f, today)]));
}

/** A child's CSE flag for the person page, for `risk/views/cse-flag.njk`; null when never assessed. */
export async function cseFlagView(tx: Tx, personId: string): Promise<CseFlagView | null> {
  return (await cseFlagViews(tx, [personId])).get(personId) ?? null;
}
