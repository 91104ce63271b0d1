/**
 * Moving an episode between hubs (decision 0014). A member of the hub holding an open episode (access
 * policy: mayActOnEpisode 'transfer') transfers it to another hub with a reason, or confirms that a
 * referral routed to the referrer's area for want of the child's postcode belongs there. A transfer moves
 * the episode, everything of it that carries the hub's area and its referral (the one-writer exception in
 * docs/development.md), keeps a history, and the people named on the referral follow to the new hub.
 */
import { refreshPeople } from '../people/service.ts';
import { mayActOnEpisode } from '../platform/access/policy-mash.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import { partnershipAreas } from '../platform/codes/area-store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { type FieldError, ForbiddenError, ValidationError } from '../platform/http/errors.ts';
import { openEpisode } from './service.ts';
import type { EpisodeRow } from './store.ts';
import * as transferStore from './transfer-store.ts';

export type { TransferRow } from './transfer-store.ts';

export interface TransferInput {
  toArea: string;
  reason: string;
}

function requireHolder(principal: Principal, episode: EpisodeRow): void {
  const facts = { area: episode.area, open: !episode.closed_at, agencyKnown: true };
  if (!mayActOnEpisode(principal, 'transfer', facts))
    throw new ForbiddenError(
      episode.closed_at
        ? 'This referral has been decided; it stays with the hub that decided it'
        : 'Only a member of the hub holding this referral can transfer or confirm it',
    );
}

/** The hubs an episode may go to: every hub but the one holding it. */
export async function transferTargets(tx: Tx, episode: Pick<EpisodeRow, 'area'>): Promise<string[]> {
  return (await partnershipAreas(tx)).filter((a) => a !== episode.area);
}

export async function transferEpisode(
  tx: Tx,
  principal: Principal,
  id: string,
  input: TransferInput,
): Promise<{ fromArea: string; toArea: string }> {
  const episode = await openEpisode(tx, id);
  requireHolder(principal, episode);
  const toArea = input.toArea.trim();
  const reason = input.reason.trim();
  const errors: FieldError[] = [];
  if (!toArea) errors.push({ field: 'toArea', message: 'Select the hub to transfer the referral to' });
  else if (toArea === episode.area)
    errors.push({ field: 'toArea', message: 'Select a different hub from the one holding the referral' });
  else if (!(await partnershipAreas(tx)).includes(toArea))
    errors.push({ field: 'toArea', message: 'Select a hub from the list' });
  if (!reason) errors.push({ field: 'reason', message: 'Enter why the referral is being transferred' });
  else if (reason.length > 2000)
    errors.push({ field: 'reason', message: 'Reason must be 2000 characters or fewer' });
  if (errors.length) throw new ValidationError(errors);
  await transferStore.insertTransfer(tx, {
    episodeId: id,
    fromArea: episode.area,
    toArea,
    reason,
    byUser: principal.userId,
    byLabel: principal.label,
  });
  const people = await transferStore.moveEpisode(tx, id, toArea);
  await refreshPeople(tx, people);
  await appendAuditEvent(tx, {
    action: 'MASH_EPISODE_TRANSFER',
    subjectType: 'mash_episode',
    subjectId: id,
    details: { reference: episode.reference, from: episode.area, to: toArea, reason },
  });
  return { fromArea: episode.area, toArea };
}

/** The holding hub confirms a referral routed to it for want of the child's postcode. */
export async function confirmHub(tx: Tx, principal: Principal, id: string): Promise<void> {
  const episode = await openEpisode(tx, id);
  requireHolder(principal, episode);
  await transferStore.setHubToConfirm(tx, id, false);
  await appendAuditEvent(tx, {
    action: 'MASH_HUB_CONFIRM',
    subjectType: 'mash_episode',
    subjectId: id,
    details: { reference: episode.reference, area: episode.area, wasFlagged: episode.hub_to_confirm },
  });
}

/** The episode's transfers, oldest first (both hubs keep sight of them). */
export function transferHistory(tx: Tx, id: string) {
  return transferStore.transfersOf(tx, id);
}
