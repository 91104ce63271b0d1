/**
 * MASH use-cases: each validates with the pure rules, writes through the store and audits, in the caller's
 * transaction. Row-level security keeps every read inside the hub (and contributions inside their owners'
 * markings); these functions add the field-level checks and the clock.
 */

import { inScopeOrDeny } from '../platform/access/in-scope.ts';
import { mayActOnEpisode } from '../platform/access/policy-mash.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Database } from '../platform/db/database.ts';
import { systemContext, type Tx, withTransaction } from '../platform/db/transaction.ts';
import { ConflictError, type FieldError, ForbiddenError, ValidationError } from '../platform/http/errors.ts';
import { type ListPaging, oneMore, pageOf } from '../platform/http/list-paging.ts';
import { inBatches } from '../platform/jobs/batches.ts';
import * as agencyStore from './agency-store.ts';
import {
  type ContributionInput,
  type DecisionInput,
  type SharingDecisionInput,
  socialCareOutcomeOf,
  validateContribution,
  validateDecision,
  validateSharingDecision,
} from './decision-rules.ts';
import * as queueStore from './queue-store.ts';
import { decidedWithinStandard, decisionDeadline, isRag, slaStatus } from './rag.ts';
import { applyRagChange, type RagHistory } from './rag-change.ts';
import * as rolesStore from './roles-store.ts';
import * as sharingService from './sharing-service.ts';
import * as store from './store.ts';

export type { OverdueActionRow } from './store.ts';

function fieldErrors(errors: readonly { field: string; message: string }[]): FieldError[] {
  return errors.map(({ field, message }) => ({ field, message }));
}

/**
 * The scheduled job: marks open episodes past their RAG deadline, a batch at a time, each batch its own
 * transaction and the event loop free between them (a first start after a large load finds thousands).
 */
export async function markBreaches(
  db: Database,
  now: Date = new Date(),
  options: { batchSize?: number; onBatch?: (rows: number) => void } = {},
): Promise<number> {
  const run = await inBatches(
    (limit) =>
      withTransaction(db, systemContext('mark-breaches'), (tx) => queueStore.markBreaches(tx, now, limit)),
    options,
  );
  return run.rows;
}

/**
 * Every new victim referral opens an episode in its hub's queue; the clock starts when Lantern received it.
 * `hubToConfirm`: routed to the referrer's area for want of the child's postcode (decision 0014).
 */
export async function openEpisodeForReferral(
  tx: Tx,
  referral: { id: string; personId: string; area: string; receivedAt: Date; hubToConfirm?: boolean },
): Promise<string> {
  return store.insertEpisode(
    tx,
    {
      referralId: referral.id,
      personId: referral.personId,
      area: referral.area,
      receivedAt: referral.receivedAt,
      decisionDeadline: decisionDeadline(referral.receivedAt),
    },
    referral.hubToConfirm === true,
  );
}

export function openEpisode(tx: Tx, id: string): Promise<store.EpisodeRow> {
  return inScopeOrDeny('mash_episode', id, {
    find: () => store.findEpisode(tx, id),
    exists: () => store.episodeExists(tx, id),
  });
}

export function requireOpen(episode: store.EpisodeRow): void {
  if (episode.closed_at) throw new ConflictError('This referral has been decided; the MASH record is closed');
}

export type QueueEntry = Awaited<ReturnType<typeof queueView>>['entries'][number];

/** A page of the hub's open episodes, soonest deadline first, and the cursor of the next page. */
export async function queueView(tx: Tx, paging: ListPaging, now: Date = new Date()) {
  // One row more than asked says whether another page follows (pageOf).
  const page = pageOf(await store.queue(tx, oneMore(paging).limit, paging.offset), paging);
  const rows = page.rows;
  await appendAuditEvent(tx, { action: 'MASH_QUEUE_VIEW', details: { shown: rows.length } });
  const entries = rows.map((episode) => ({
    episode,
    sla: episode.rag && isRag(episode.rag) ? slaStatus(episode.received_at, episode.rag, now) : null,
    decisionDue: episode.decision_deadline,
    decisionOverdue: !episode.decided_at && episode.decision_deadline.getTime() < now.getTime(),
  }));
  return { entries, next: page.next };
}

export async function viewEpisode(tx: Tx, id: string, now: Date = new Date()) {
  const episode = await openEpisode(tx, id);
  // One transaction is one connection: its queries run one after another (pg queues overlapping ones).
  const ragChanges = await store.ragHistory(tx, id);
  const research = await store.researchRequests(tx, id);
  const contributionRows = await store.contributions(tx, id);
  const sharing = await store.sharingDecisions(tx, id);
  const discussions = await store.strategyDiscussions(tx, id);
  const decision = await store.findDecision(tx, id);
  const grants = await sharingService.grantsOfEpisode(tx, id);
  await appendAuditEvent(tx, { action: 'MASH_EPISODE_VIEW', subjectType: 'mash_episode', subjectId: id });
  return {
    episode,
    sla:
      episode.rag && isRag(episode.rag)
        ? slaStatus(episode.received_at, episode.rag, now, episode.decided_at)
        : null,
    ragChanges,
    research,
    contributions: contributionRows,
    sharing,
    discussions,
    decision,
    grants,
  };
}

/** Sets the RAG at triage or changes it later; every change keeps who, when and why. */
export async function setRag(
  tx: Tx,
  principal: Principal,
  id: string,
  input: { rag: string; rationale: string; expectedCurrent?: string | null },
  now: Date = new Date(),
) {
  const episode = await openEpisode(tx, id);
  requireOpen(episode);
  // A practitioner sets the first RAG; changing it is a manager's (the access policy decides).
  const facts = { area: episode.area, open: true, agencyKnown: true, rated: episode.rag !== null };
  if (!mayActOnEpisode(principal, 'rag', facts))
    throw new ForbiddenError('A MASH manager changes the RAG rating once it is set');
  if ((input.rationale ?? '').trim().length > 5000) {
    throw new ValidationError([
      { field: 'rationale', message: 'The rationale must be 5000 characters or fewer' },
    ]);
  }
  const changes = await store.ragHistory(tx, id);
  const history: RagHistory = {
    receivedAt: episode.received_at,
    changes: changes.map((c) => ({
      from: (c.from_rag as never) ?? null,
      to: c.to_rag as never,
      changedBy: c.changed_by_label,
      changedAt: c.changed_at,
      rationale: c.rationale,
    })),
  };
  const from =
    input.expectedCurrent === undefined ? (episode.rag as never) : ((input.expectedCurrent || null) as never);
  const result = applyRagChange(
    history,
    {
      from,
      to: input.rag as never,
      changedBy: principal.label,
      changedAt: now,
      rationale: input.rationale ?? '',
    },
    now,
  );
  if (!result.ok)
    throw new ValidationError(
      fieldErrors(result.errors).map((e) => (e.field === 'to' ? { ...e, field: 'rag' } : e)),
    );
  await store.setRag(tx, id, result.rag, result.deadline);
  await store.insertRagChange(tx, {
    episodeId: id,
    area: episode.area,
    from: episode.rag,
    to: result.rag,
    rationale: input.rationale.trim(),
    by: principal.userId,
    label: principal.label,
    at: now,
  });
  await appendAuditEvent(tx, {
    action: 'MASH_RAG_CHANGE',
    subjectType: 'mash_episode',
    subjectId: id,
    justification: input.rationale.trim(),
    details: { from: episode.rag, to: result.rag, triage: episode.rag === null },
  });
  return { rag: result.rag, deadline: result.deadline };
}

/** An agency's research: owned by that agency, marked releasable outside the MASH or not. */
export async function contribute(tx: Tx, principal: Principal, id: string, input: ContributionInput) {
  const episode = await openEpisode(tx, id);
  requireOpen(episode);
  const errors = validateContribution(input, await agencyStore.agencyType(tx, principal.agencyId));
  if (errors.length) throw new ValidationError(errors);
  const contributionId = await store.insertContribution(tx, {
    episodeId: id,
    area: episode.area,
    agencyId: principal.agencyId!,
    by: principal.userId,
    label: principal.label,
    summary: input.summary.trim(),
    relevantHistory: input.relevantHistory?.trim() || null,
    riskInformation: input.riskInformation?.trim() || null,
    releasable: input.releasable,
    handlingCode: input.handlingCode?.trim() || null,
  });
  await appendAuditEvent(tx, {
    action: 'MASH_CONTRIBUTION',
    subjectType: 'mash_episode',
    subjectId: id,
    details: { contributionId, releasable: input.releasable, handlingCode: input.handlingCode ?? null },
  });
  return contributionId;
}

/**
 * Every decision to share or not to share; a disclosure outside the hub is audited with its recipients. A
 * decision to share grants each recipient the items ticked for the period (sharing-service.ts); a decision
 * not to share grants nothing.
 */
export async function recordSharingDecision(
  tx: Tx,
  principal: Principal,
  id: string,
  input: SharingDecisionInput,
  now = new Date(),
) {
  const episode = await openEpisode(tx, id);
  const errors = validateSharingDecision(input, now);
  if (errors.length) throw new ValidationError(errors);
  const recipients = await sharingService.resolveRecipients(tx, input.recipients);
  const share = input.decision === 'SHARE';
  const plan = share ? await sharingService.planGrant(tx, episode, input) : null;
  const decisionId = await store.insertSharingDecision(tx, [
    id,
    episode.area,
    input.decision,
    principal.userId,
    principal.label,
    principal.agencyId,
    new Date(input.decidedAt),
    input.purpose.trim(),
    input.information.trim(),
    JSON.stringify(recipients),
    input.channel || null,
    input.legalBasis,
    input.legalBasisOther?.trim() || null,
    input.consentSought,
    input.consentNotSoughtReason?.trim() || null,
    input.necessityProportionality.trim(),
  ]);
  const grants = plan
    ? await sharingService.writeGrants(tx, principal, episode, decisionId, recipients, plan, now)
    : null;
  await appendAuditEvent(tx, {
    // A decision to share is a disclosure: its recipients, the items and the period are in the event.
    action: 'SHARING_DECISION',
    subjectType: 'mash_episode',
    subjectId: id,
    justification: input.purpose.trim(),
    recipients: share ? recipients : null,
    details: {
      decisionId,
      decision: input.decision,
      legalBasis: input.legalBasis,
      ...(plan && grants
        ? {
            grants: grants.ids,
            items: plan.items,
            contributionIds: plan.contributionIds,
            riskAssessmentId: plan.riskAssessmentId,
            expiresAt: grants.expiresAt.toISOString(),
          }
        : {}),
    },
  });
  return decisionId;
}

/** The decision and outcome: closes the episode and feeds back to the referrer. */
export async function decide(
  tx: Tx,
  principal: Principal,
  id: string,
  input: DecisionInput,
  now = new Date(),
  /** Who proposed the decision, when a manager approves a practitioner's proposal. */
  proposer: { userId: string | null; label: string } | null = null,
) {
  const episode = await openEpisode(tx, id);
  requireOpen(episode);
  const errors = validateDecision(input);
  if (errors.length) throw new ValidationError(errors);
  const socialCareOutcome = socialCareOutcomeOf(input.statutoryMeasures ?? []);
  const withinStandard = decidedWithinStandard(episode.received_at, now);
  await store.insertDecision(tx, [
    id,
    episode.area,
    principal.userId,
    principal.label,
    now,
    input.contactOutcome,
    input.referralOutcome || null,
    socialCareOutcome,
    [...new Set(input.statutoryMeasures ?? [])],
    [...new Set(input.cinFactors ?? [])],
    input.nfaReason?.trim() || null,
    input.rationale.trim(),
    input.feedbackToReferrer.trim(),
    withinStandard,
    proposer?.userId ?? null,
    proposer?.label ?? null,
  ]);
  await store.closeEpisode(tx, id, now);
  // Decided directly, not by approving: a practitioner's proposal still waiting is overtaken by it.
  if (!proposer)
    await rolesStore.supersedePendingProposal(tx, id, {
      userId: principal.userId,
      label: principal.label,
      at: now,
    });
  await store.recordOutcomeOnReferral(
    tx,
    episode.referral_id,
    socialCareOutcome,
    input.feedbackToReferrer.trim(),
    now,
  );
  await appendAuditEvent(tx, {
    action: 'MASH_DECISION',
    subjectType: 'mash_episode',
    subjectId: id,
    details: {
      socialCareOutcome,
      contactOutcome: input.contactOutcome,
      withinStandard,
      proposedBy: proposer?.userId ?? null,
    },
  });
  return { socialCareOutcome, withinStandard };
}

/** The partnership's agencies (reference data, no personal data), for research requests and attendees. */
export function agencies(tx: Tx) {
  return agencyStore.agencies(tx);
}
