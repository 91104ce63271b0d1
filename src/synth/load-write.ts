/**
 * Writes a planned chunk through the owning modules' bulk writers, `batchSize` rows a statement: the core
 * (people, source records, addresses, referrals and links, with the ground truth beside them) and each
 * part (the MASH's work, missing episodes, the children's missing facts, disposals, the division).
 *
 * A referral is written once, in its final state, when its outcome and division are known as it is
 * written (a fresh load writes the chunk and its parts in one transaction): each statement on
 * victim_referral runs the statistics triggers, and an insert followed by two updates ran them three
 * times. A part loaded later (its tables arrived after the chunk) updates the referrals instead; the rows
 * and the statistics facts come out the same either way.
 */

import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  insertContributionsBulk,
  insertDecisionsBulk,
  insertEpisodesBulk,
  insertRagChangesBulk,
  insertResearchRequestsBulk,
  insertSharingDecisionsBulk,
  insertStrategyActionsBulk,
  insertStrategyDiscussionsBulk,
} from '../mash/bulk-store.ts';
import {
  insertFoundWithBulk,
  insertMissingEpisodesBulk,
  insertRepeatMissingTasksBulk,
  insertReturnInterviewsBulk,
  upsertPlacementsBulk,
} from '../missing/bulk-store.ts';
import type { MissingFlagsBulkRow } from '../people/bulk-store.ts';
import {
  insertPeopleBulk,
  insertSourceAddressesBulk,
  insertSourceRecordsBulk,
  setCseRiskBulk,
  setMissingFlagsBulk,
} from '../people/bulk-store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { type DisposalBulkRow, insertDisposalsBulk } from '../pursue/bulk-store.ts';
import {
  insertReferralPeopleBulk,
  insertSuspectChildLinksBulk,
  insertSuspectReferralsBulk,
  insertVictimReferralsBulk,
  type ReferralFinalState,
  raiseReferenceCountersBulk,
  setReferralDivisionsBulk,
  setReferralOutcomesBulk,
} from '../referrals/bulk-store.ts';
import { insertRiskAssessmentsBulk } from '../risk/bulk-store.ts';
import type { MashRows } from './load-mash.ts';
import type { MissingRows, PlacementRow } from './load-missing.ts';
import type { ChunkRows } from './load-plan-rows.ts';
import type { Schema } from './load-schema.ts';
import { insertTruthBulk } from './load-store.ts';

/** Writes `rows` through `write`, `size` rows a statement. */
export type Batched = <T>(rows: readonly T[], write: (batch: readonly T[]) => Promise<void>) => Promise<void>;

export function batched(size: number): Batched {
  return async (rows, write) => {
    for (let i = 0; i < rows.length; i += size) {
      await write(rows.slice(i, i + size));
      // The embedded engine's statements resolve without I/O: without a turn of the event loop between them
      // no timer fires for the whole load, and the progress line without a terminal (#22) is never written.
      await nextTurn();
    }
  };
}

/** What is known of each victim referral (by id) as the chunk is written. */
export type FinalStates = (referralId: string) => ReferralFinalState;

/** The outcome each MASH decision records on its referral. */
export function outcomesOf(mash: MashRows): Map<string, NonNullable<ReferralFinalState['outcome']>> {
  return new Map(
    mash.decisions.map((d) => [
      d.referralId,
      { outcome: d.socialCareOutcome, feedback: d.feedbackToReferrer, decidedAt: d.decidedAt },
    ]),
  );
}

export async function writeCore(
  tx: Tx,
  rows: ChunkRows,
  inBatches: Batched,
  final: FinalStates,
  schema: Schema,
): Promise<void> {
  await inBatches(rows.persons, (b) => insertPeopleBulk(tx, b));
  await inBatches(rows.sourceRecords, (b) => insertSourceRecordsBulk(tx, b));
  await inBatches(rows.addresses, (b) => insertSourceAddressesBulk(tx, b));
  await inBatches(rows.sourceRecords, (b) => insertTruthBulk(tx, b));
  await inBatches(rows.victimReferrals, (b) =>
    insertVictimReferralsBulk(tx, b, (v) => final(v.id), { withDivision: schema.division }),
  );
  await inBatches(rows.referralPeople, (b) => insertReferralPeopleBulk(tx, b));
  await inBatches(rows.suspectReferrals, (b) => insertSuspectReferralsBulk(tx, b));
  await inBatches(rows.suspectChildLinks, (b) => insertSuspectChildLinksBulk(tx, b));
  // References continue after the loaded ones, so that the service never issues one twice.
  await inBatches(rows.counters, (b) => raiseReferenceCountersBulk(tx, b));
}

/** `outcomesWritten`: the referrals were written with their outcomes (see the file comment). */
export async function writeMash(
  tx: Tx,
  inBatches: Batched,
  rows: MashRows,
  outcomesWritten: boolean,
): Promise<void> {
  await inBatches(rows.episodes, (b) => insertEpisodesBulk(tx, b));
  await inBatches(rows.ragChanges, (b) => insertRagChangesBulk(tx, b));
  await inBatches(rows.researchRequests, (b) => insertResearchRequestsBulk(tx, b));
  await inBatches(rows.contributions, (b) => insertContributionsBulk(tx, b));
  await inBatches(rows.sharingDecisions, (b) => insertSharingDecisionsBulk(tx, b));
  await inBatches(rows.discussions, (b) => insertStrategyDiscussionsBulk(tx, b));
  await inBatches(rows.actions, (b) => insertStrategyActionsBulk(tx, b));
  await inBatches(rows.decisions, (b) => insertDecisionsBulk(tx, b));
  if (!outcomesWritten) {
    // The outcome on the referral, as the decision records it for the referrer.
    const outcomes = outcomesOf(rows);
    await inBatches([...outcomes], (b) =>
      setReferralOutcomesBulk(
        tx,
        b.map(([referralId, o]) => ({ referralId, ...o })),
      ),
    );
  }
  await inBatches(rows.riskAssessments, (b) => insertRiskAssessmentsBulk(tx, b));
  await inBatches(rows.personRisk, (b) => setCseRiskBulk(tx, b));
}

export async function writePlacements(
  tx: Tx,
  placements: readonly PlacementRow[],
  agencyIds: ReadonlyMap<string, string>,
): Promise<void> {
  await upsertPlacementsBulk(
    tx,
    placements.map(({ agencyCode, ...p }) => ({
      ...p,
      agencyId: agencyCode ? (agencyIds.get(agencyCode) ?? null) : null,
    })),
  );
}

export async function writeMissing(
  tx: Tx,
  inBatches: Batched,
  rows: MissingRows,
  schema: Schema,
): Promise<void> {
  await inBatches(rows.episodes, (b) => insertMissingEpisodesBulk(tx, b));
  if (schema.missingPersons) await inBatches(rows.foundWith, (b) => insertFoundWithBulk(tx, b));
  if (schema.returnInterviews) await inBatches(rows.interviews, (b) => insertReturnInterviewsBulk(tx, b));
  if (schema.mashTasks) await inBatches(rows.tasks, (b) => insertRepeatMissingTasksBulk(tx, b));
}

export async function writeMissingFlags(
  tx: Tx,
  inBatches: Batched,
  flags: readonly MissingFlagsBulkRow[],
  schema: Schema,
): Promise<void> {
  await inBatches(flags, (b) => setMissingFlagsBulk(tx, b, { withSince: schema.repeatMissingSince }));
}

export async function writeDisposals(
  tx: Tx,
  inBatches: Batched,
  disposals: readonly DisposalBulkRow[],
): Promise<void> {
  await inBatches(disposals, (b) => insertDisposalsBulk(tx, b));
}

export async function writeDivision(
  tx: Tx,
  inBatches: Batched,
  referrals: readonly { id: string; division: string }[],
): Promise<void> {
  await inBatches(referrals, (b) => setReferralDivisionsBulk(tx, b));
}
