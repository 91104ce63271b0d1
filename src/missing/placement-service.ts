/** Placements (children's homes and other care placements) with the episodes of the children placed there. */
import { isUuid } from '../people/service.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { shiftLocalDays } from '../platform/time/zoned-time.ts';
import * as placementStore from './placement-store.ts';
import * as referenceStore from './reference-store.ts';
import * as store from './store.ts';

// ---------------------------------------------------------------- placements

export const PLACEMENT_RECENT_DAYS = 90;

/** One page of the placements list (page number from 1), with how many placements there are in all. */
export async function placementsView(
  tx: Tx,
  page: { page: number; limit: number; offset: number },
  now: Date = new Date(),
) {
  const since = shiftLocalDays(now, -PLACEMENT_RECENT_DAYS);
  const placements = await placementStore.placementSummaries(tx, since, page);
  const total = await placementStore.countPlacements(tx);
  await appendAuditEvent(tx, {
    action: 'PLACEMENT_LIST_VIEW',
    details: { shown: placements.length, total, page: page.page },
  });
  return { since, placements, total, page: page.page };
}

/** The most recent episodes a placement's page lists (each child's page has all of theirs). */
export const PLACEMENT_LATEST_EPISODES = 25;

/** A placement with a page of the children placed there (page number from 1) and its latest episodes. */
export async function placementView(
  tx: Tx,
  id: string,
  page: { page: number; limit: number; offset: number },
  now: Date = new Date(),
) {
  if (!isUuid(id)) throw new NotFoundError();
  const placement = await placementStore.findPlacement(tx, id);
  if (!placement) throw new NotFoundError();
  const since = shiftLocalDays(now, -PLACEMENT_RECENT_DAYS);
  const totals = await placementStore.placementTotals(tx, id, since);
  const children = await placementStore.placementChildren(tx, id, since, page);
  const episodes = await store.episodesOfPlacement(tx, id, PLACEMENT_LATEST_EPISODES);
  await appendAuditEvent(tx, {
    action: 'PLACEMENT_VIEW',
    subjectType: 'placement',
    subjectId: id,
    details: { children: children.length, episodes: episodes.length, page: page.page },
  });
  return {
    placement,
    since,
    children,
    childrenTotal: totals.children,
    page: page.page,
    episodes,
    recentEpisodes: totals.episodes_recent,
  };
}

/** The demo partnership's children's homes as placements (idempotent), for the loader or `demo`. */
export async function loadPlacements(
  tx: Tx,
  homes: readonly { code: string; name: string; area: string; postcode: string }[],
  kind = 'RESIDENTIAL_CHILDRENS_HOME',
): Promise<number> {
  for (const h of homes) {
    await placementStore.upsertPlacement(tx, {
      code: h.code,
      name: h.name,
      kind,
      area: h.area,
      postcode: h.postcode,
    });
  }
  return homes.length;
}

/** Every placement, for the episode form's choice. */
export function placementChoices(tx: Tx) {
  return placementStore.allPlacements(tx);
}

/** Agencies marked as holding return home interviews (never the police), for the form's choice. */
export function interviewAgencyChoices(tx: Tx) {
  return referenceStore.interviewProviders(tx);
}
