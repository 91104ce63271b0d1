/**
 * A child's CSE risk flag as the pages show it (the person page, search results, the MASH queue): the
 * level's tag, the review date and whether it is overdue. Shared by the people and MASH pages.
 */

import { levelTag, ukDate } from '../mash/form.ts';
import * as service from '../mash/service.ts';
import type { Tx } from '../platform/db/transaction.ts';

/** Today's date in the UK as YYYY-MM-DD. */
export function todayIso(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
}

export interface CseFlagView {
  tag: { text: string; classes: string };
  due: string;
  overdue: boolean;
  href: string;
}

function flagView(personId: string, flag: service.CseFlag, today: string): CseFlagView {
  return {
    tag: levelTag(flag.level),
    due: ukDate(flag.reviewDue),
    overdue: flag.reviewDue !== null && flag.reviewDue < today,
    href: `/people/${personId}/risk-assessments`,
  };
}

/** Children's CSE flags for a list of people (search results), for `mash/views/cse-flag-tag.njk`. */
export async function cseFlagViews(tx: Tx, personIds: readonly string[]): Promise<Map<string, CseFlagView>> {
  const today = todayIso(new Date());
  const flags = await service.cseFlags(tx, personIds);
  return new Map([...flags].map(([id, f]) => [id, flagView(id, f, today)]));
}

/** A child's CSE flag for the person page, for `mash/views/cse-flag.njk`; null when never assessed. */
export async function cseFlagView(tx: Tx, personId: string): Promise<CseFlagView | null> {
  return (await cseFlagViews(tx, [personId])).get(personId) ?? null;
}
