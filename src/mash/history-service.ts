/**
 * The MASH side of an import of history (decision 0026): a past referral's episode closed with the outcome
 * the hub decided, at its real decision time, so that the briefing's "decided within one working day", RAG
 * targets and outcomes fall in the period they happened in. Live decisions stay with `decide` (service.ts),
 * whose clock is always now.
 */
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { socialCareOutcomeOf } from './decision-rules.ts';
import { completedOutcome, type PastOutcomeInput, validatePastOutcome } from './history-rules.ts';
import { decidedWithinStandard, isRag, slaDeadline } from './rag.ts';
import * as store from './store.ts';

export type { PastOutcomeInput } from './history-rules.ts';
export { validatePastOutcome } from './history-rules.ts';

/** The episode an imported referral has just opened (openEpisodeForReferral), as its importer knows it. */
export interface ImportedEpisode {
  id: string;
  referralId: string;
  area: string;
  receivedAt: Date;
}

/**
 * Records the past RAG (as at receipt: the previous system kept no triage time) and the decision at its
 * real time, closes the episode then and feeds the outcome back to the referral. Who decided is named as
 * the previous system: the practitioner may never have been a Lantern user.
 */
export async function recordPastOutcome(
  tx: Tx,
  principal: Principal,
  episode: ImportedEpisode,
  given: PastOutcomeInput,
  system: string,
  now: Date = new Date(),
): Promise<{ socialCareOutcome: string; withinStandard: boolean }> {
  const errors = validatePastOutcome(given, episode.receivedAt, now);
  if (errors.length) throw new ValidationError(errors);
  const input = completedOutcome(given, system);
  const decidedAt = new Date(input.decidedAt);
  const label = `Imported from ${system} by ${principal.label}`;
  if (input.rag && isRag(input.rag)) {
    await store.setRag(tx, episode.id, input.rag, slaDeadline(episode.receivedAt, input.rag));
    await store.insertRagChange(tx, {
      episodeId: episode.id,
      area: episode.area,
      from: null,
      to: input.rag,
      rationale: `As recorded in ${system}`,
      by: null,
      label,
      at: episode.receivedAt,
    });
  }
  const socialCareOutcome = socialCareOutcomeOf(input.statutoryMeasures);
  const withinStandard = decidedWithinStandard(episode.receivedAt, decidedAt);
  await store.insertDecision(tx, [
    episode.id,
    episode.area,
    null,
    label,
    decidedAt,
    input.contactOutcome,
    input.referralOutcome || null,
    socialCareOutcome,
    [...new Set(input.statutoryMeasures)],
    [...new Set(input.cinFactors)],
    input.nfaReason?.trim() || null,
    input.rationale,
    input.feedbackToReferrer,
    withinStandard,
    null,
    null,
  ]);
  await store.closeEpisode(tx, episode.id, decidedAt);
  await store.recordOutcomeOnReferral(
    tx,
    episode.referralId,
    socialCareOutcome,
    input.feedbackToReferrer,
    decidedAt,
  );
  await appendAuditEvent(tx, {
    action: 'MASH_DECISION',
    subjectType: 'mash_episode',
    subjectId: episode.id,
    details: {
      imported: system,
      decidedAt: decidedAt.toISOString(),
      socialCareOutcome,
      contactOutcome: input.contactOutcome,
      withinStandard,
    },
  });
  return { socialCareOutcome, withinStandard };
}
