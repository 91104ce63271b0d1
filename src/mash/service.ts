/**
 * MASH use-cases: each validates with the pure rules, writes through the store and audits, in the caller's
 * transaction. Row-level security keeps every read inside the hub (and contributions inside their owners'
 * markings); these functions add the field-level checks and the clock.
 */

import { repeatMissingFeed } from '../missing/service.ts';
import { ageOn } from '../people/rules.ts';
import { isUuid, recordExists } from '../people/service.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Database } from '../platform/db/database.ts';
import { systemContext, type Tx, withTransaction } from '../platform/db/transaction.ts';
import {
  AccessDeniedError,
  ConflictError,
  type FieldError,
  NotFoundError,
  ValidationError,
} from '../platform/http/errors.ts';
import { finalLevel, reviewDue } from '../risk/final-level.ts';
import { isRiskLevel } from '../risk/levels.ts';
import { applyRepeatMissingFeed } from '../risk/missing-feed.ts';
import { InvalidAssessmentError, scoreAssessment } from '../risk/score-assessment.ts';
import type { AssessmentAnswers, AssessmentAnswersInput } from '../risk/template.ts';
import { riskTemplate } from '../risk/templates/index.ts';
import {
  type ContributionInput,
  type DecisionInput,
  type SharingDecisionInput,
  type StrategyDiscussionInput,
  socialCareOutcomeOf,
  validateContribution,
  validateDecision,
  validateSharingDecision,
  validateStrategyDiscussion,
} from './decision-rules.ts';
import { decidedWithinStandard, decisionDeadline, isRag, slaStatus } from './rag.ts';
import { applyRagChange, type RagHistory } from './rag-change.ts';
import * as store from './store.ts';

function fieldErrors(errors: readonly { field: string; message: string }[]): FieldError[] {
  return errors.map(({ field, message }) => ({ field, message }));
}

/** The scheduled job: marks open episodes past their RAG deadline. */
export function markBreaches(db: Database, now: Date = new Date()): Promise<number> {
  return withTransaction(db, systemContext('mark-breaches'), (tx) => store.markBreaches(tx, now));
}

/** Every new victim referral opens an episode in its hub's queue; the clock starts at receipt. */
export async function openEpisodeForReferral(
  tx: Tx,
  referral: { id: string; personId: string; area: string; receivedAt: Date },
): Promise<string> {
  return store.insertEpisode(tx, {
    referralId: referral.id,
    personId: referral.personId,
    area: referral.area,
    receivedAt: referral.receivedAt,
    decisionDeadline: decisionDeadline(referral.receivedAt),
  });
}

export async function openEpisode(tx: Tx, id: string): Promise<store.EpisodeRow> {
  if (!isUuid(id)) throw new NotFoundError();
  const episode = await store.findEpisode(tx, id);
  if (episode) return episode;
  if (await episodeExists(tx, id)) throw new AccessDeniedError('mash_episode', id, 'OUT_OF_SCOPE');
  throw new NotFoundError();
}

async function episodeExists(tx: Tx, id: string): Promise<boolean> {
  const row = await tx.one<{ e: boolean }>('SELECT lantern_episode_exists($1) AS e', [id]);
  return row.e;
}

function requireOpen(episode: store.EpisodeRow): void {
  if (episode.closed_at) throw new ConflictError('This referral has been decided; the MASH record is closed');
}

export async function queueView(tx: Tx, now: Date = new Date(), limit = 500) {
  const rows = await store.queue(tx, limit);
  await appendAuditEvent(tx, { action: 'MASH_QUEUE_VIEW', details: { shown: rows.length } });
  return rows.map((episode) => ({
    episode,
    sla: episode.rag && isRag(episode.rag) ? slaStatus(episode.received_at, episode.rag, now) : null,
    decisionDue: episode.decision_deadline,
    decisionOverdue: !episode.decided_at && episode.decision_deadline.getTime() < now.getTime(),
  }));
}

export async function viewEpisode(tx: Tx, id: string, now: Date = new Date()) {
  const episode = await openEpisode(tx, id);
  const [ragChanges, research, contributionRows, sharing, discussions, decision] = await Promise.all([
    store.ragHistory(tx, id),
    store.researchRequests(tx, id),
    store.contributions(tx, id),
    store.sharingDecisions(tx, id),
    store.strategyDiscussions(tx, id),
    store.findDecision(tx, id),
  ]);
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

export async function requestResearch(tx: Tx, principal: Principal, id: string, agencyIds: string[]) {
  const episode = await openEpisode(tx, id);
  requireOpen(episode);
  const ids = [...new Set(agencyIds)];
  if (ids.length === 0 || ids.some((a) => !isUuid(a))) {
    throw new ValidationError([{ field: 'agencyIds', message: 'Select the agencies to ask for research' }]);
  }
  const known = await tx.query<{ id: string }>('SELECT id FROM agency WHERE id = ANY($1::uuid[])', [ids]);
  if (known.length !== ids.length)
    throw new ValidationError([{ field: 'agencyIds', message: 'Select agencies from the list' }]);
  await store.requestResearch(tx, id, episode.area, ids, principal.label);
  await appendAuditEvent(tx, {
    action: 'MASH_RESEARCH_REQUEST',
    subjectType: 'mash_episode',
    subjectId: id,
    details: { agencies: ids },
  });
}

/** An agency's research: owned by that agency, marked releasable outside the MASH or not. */
export async function contribute(tx: Tx, principal: Principal, id: string, input: ContributionInput) {
  const episode = await openEpisode(tx, id);
  requireOpen(episode);
  const agency = await tx.one<{ type: string }>('SELECT type FROM agency WHERE id = $1', [
    principal.agencyId,
  ]);
  const errors = validateContribution(input, agency.type);
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

/** Every decision to share or not to share; a disclosure outside the hub is audited with its recipients. */
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
  const recipients = (input.recipients ?? [])
    .map((r) => ({ agency: r.agency?.trim() || null, name: r.name?.trim() || null }))
    .filter((r) => r.agency || r.name);
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
  await appendAuditEvent(tx, {
    // A decision to share is a disclosure: its recipients are in the event.
    action: 'SHARING_DECISION',
    subjectType: 'mash_episode',
    subjectId: id,
    justification: input.purpose.trim(),
    recipients: input.decision === 'SHARE' ? recipients : null,
    details: { decisionId, decision: input.decision, legalBasis: input.legalBasis },
  });
  return decisionId;
}

export async function recordStrategyDiscussion(
  tx: Tx,
  principal: Principal,
  id: string,
  input: StrategyDiscussionInput,
  now = new Date(),
) {
  const episode = await openEpisode(tx, id);
  requireOpen(episode);
  const errors = validateStrategyDiscussion(input, now);
  if (errors.length) throw new ValidationError(errors);
  const discussionId = await store.insertStrategyDiscussion(tx, {
    episodeId: id,
    area: episode.area,
    heldAt: new Date(input.heldAt),
    attendees: input.attendees.filter((a) => a.name.trim()),
    decisions: input.decisions.trim(),
    label: principal.label,
  });
  for (const action of input.actions ?? []) {
    await store.insertAction(tx, {
      discussionId,
      episodeId: id,
      area: episode.area,
      description: action.description.trim(),
      ownerAgencyId: action.ownerAgencyId && isUuid(action.ownerAgencyId) ? action.ownerAgencyId : null,
      ownerName: action.ownerName.trim(),
      dueDate: action.dueDate,
    });
  }
  await store.setStage(tx, id, 'DISCUSSION');
  await appendAuditEvent(tx, {
    action: 'MASH_STRATEGY_DISCUSSION',
    subjectType: 'mash_episode',
    subjectId: id,
    details: { discussionId, actions: input.actions?.length ?? 0 },
  });
  return discussionId;
}

export async function completeAction(tx: Tx, principal: Principal, actionId: string) {
  if (!isUuid(actionId) || !(await store.completeAction(tx, actionId, principal.label)))
    throw new NotFoundError();
  await appendAuditEvent(tx, {
    action: 'MASH_ACTION_COMPLETE',
    subjectType: 'strategy_action',
    subjectId: actionId,
  });
}

export function overdueActions(tx: Tx, now: Date = new Date()) {
  return store.overdueActions(tx, now.toISOString().slice(0, 10));
}

/** The decision and outcome: closes the episode and feeds back to the referrer. */
export async function decide(
  tx: Tx,
  principal: Principal,
  id: string,
  input: DecisionInput,
  now = new Date(),
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
  ]);
  await store.closeEpisode(tx, id, now);
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
    details: { socialCareOutcome, contactOutcome: input.contactOutcome, withinStandard },
  });
  return { socialCareOutcome, withinStandard };
}

/** Form or API answers, typed for the feed; scoring validates every value afterwards. */
function answersOf(input: AssessmentAnswersInput): AssessmentAnswers {
  return {
    indicators: (input.indicators ?? {}) as AssessmentAnswers['indicators'],
    ...(input.domainRatings
      ? { domainRatings: input.domainRatings as AssessmentAnswers['domainRatings'] }
      : {}),
  };
}

export interface AssessmentInput {
  templateId: string;
  answers: AssessmentAnswersInput;
  disclosure: boolean;
  assessorLevel?: string | null;
  rationale?: string | null;
  episodeId?: string | null;
}

/** A CSE risk assessment: the computed level, the assessor's final level, the next review; the child's flag. */
export async function assessRisk(
  tx: Tx,
  principal: Principal,
  personId: string,
  input: AssessmentInput,
  now = new Date(),
) {
  if (!isUuid(personId)) throw new NotFoundError();
  const person = await tx.maybeOne<{ id: string; dob: string | null; estimated_age: number | null }>(
    "SELECT id, to_char(dob, 'YYYY-MM-DD') AS dob, estimated_age FROM person WHERE id = $1",
    [personId],
  );
  if (!person) {
    if (await recordExists(tx, 'person', personId))
      throw new AccessDeniedError('person', personId, 'OUT_OF_SCOPE');
    throw new NotFoundError();
  }
  const template = riskTemplate(input.templateId);
  if (!template) throw new ValidationError([{ field: 'templateId', message: 'Select an assessment tool' }]);
  const learning = await tx.one<{ any: boolean }>(
    'SELECT coalesce(bool_or(learning_disability_or_sen), false) AS any FROM source_record WHERE person_id = $1',
    [personId],
  );
  const ageYears = person.dob ? ageOn(person.dob, now) : (person.estimated_age ?? 15);
  // Repeat missing feeds the tool's missing indicator: the assessor cannot leave it unanswered or lower it.
  const fed = applyRepeatMissingFeed(
    template,
    answersOf(input.answers),
    await repeatMissingFeed(tx, personId),
  );
  let scored: ReturnType<typeof scoreAssessment>;
  try {
    scored = scoreAssessment(template, fed.answers, {
      ageYears,
      learningDisability: learning.any,
      cseConcerns: true,
      disclosure: input.disclosure === true,
    });
  } catch (error) {
    if (error instanceof InvalidAssessmentError) throw new ValidationError(fieldErrors(error.errors));
    throw error;
  }
  const assessorLevel = input.assessorLevel && isRiskLevel(input.assessorLevel) ? input.assessorLevel : null;
  if (input.assessorLevel && !assessorLevel)
    throw new ValidationError([
      { field: 'assessorLevel', message: 'Choose not at risk, low, medium or high' },
    ]);
  const final = finalLevel(scored.computedLevel, assessorLevel, input.rationale, scored.minimumLevel);
  if (!final.ok) throw new ValidationError(fieldErrors(final.errors));
  const nextReview = reviewDue(now, template);
  const id = await tx.one<{ id: string }>(
    `INSERT INTO risk_assessment (person_id, episode_id, template_id, template_version, answers, score, computed_level,
       final_level, rationale, overrides, assessed_by, assessed_by_label, assessed_at, next_review_date)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      personId,
      input.episodeId && isUuid(input.episodeId) ? input.episodeId : null,
      template.id,
      template.version,
      JSON.stringify({ ...fed.answers, disclosure: input.disclosure === true }),
      scored.score,
      scored.computedLevel,
      final.finalLevel,
      final.rationale,
      JSON.stringify(scored.appliedOverrides),
      principal.userId,
      principal.label,
      now,
      nextReview,
    ],
  );
  await tx.query('UPDATE person SET cse_risk_level = $2, cse_review_due = $3 WHERE id = $1', [
    personId,
    final.finalLevel,
    nextReview,
  ]);
  await appendAuditEvent(tx, {
    action: 'RISK_ASSESSMENT',
    subjectType: 'person',
    subjectId: personId,
    justification: final.rationale,
    details: {
      assessmentId: id.id,
      computed: scored.computedLevel,
      final: final.finalLevel,
      template: template.id,
      fedByRepeatMissing: fed.changed,
    },
  });
  return {
    id: id.id,
    computedLevel: scored.computedLevel,
    finalLevel: final.finalLevel,
    score: scored.score,
    nextReview,
    overrides: scored.appliedOverrides,
    sections: scored.sections,
  };
}

export function assessmentsOf(tx: Tx, personId: string) {
  return tx.query(
    `SELECT id, template_id, template_version, score, computed_level, final_level, rationale, overrides, assessed_by_label,
            assessed_at, to_char(next_review_date, 'YYYY-MM-DD') AS next_review_date
       FROM risk_assessment WHERE person_id = $1 ORDER BY assessed_at DESC`,
    [personId],
  );
}

/** Children whose reassessment is due by a date, within scope. */
export function reassessmentsDue(tx: Tx, by: Date = new Date()) {
  return tx.query(
    `SELECT id, forename, surname, to_char(dob, 'YYYY-MM-DD') AS dob, cse_risk_level, to_char(cse_review_due, 'YYYY-MM-DD') AS review_due
       FROM person WHERE cse_review_due IS NOT NULL AND cse_review_due <= $1::date AND merged_into IS NULL ORDER BY cse_review_due`,
    [by.toISOString().slice(0, 10)],
  );
}

export interface DashboardFigures {
  openByRag: Record<string, number>;
  breached: number;
  decided: number;
  decidedWithinStandard: number;
  outcomes: Record<string, number>;
}

/** The managers' dashboard over a period, within the caller's hubs. */
export async function dashboard(tx: Tx, period: { from: Date; to: Date }): Promise<DashboardFigures> {
  const open = await tx.query<{ rag: string | null; n: number }>(
    `SELECT coalesce(rag, 'UNTRIAGED') AS rag, count(*)::int AS n FROM mash_episode WHERE closed_at IS NULL GROUP BY 1`,
  );
  const breached = await tx.one<{ n: number }>(
    'SELECT count(*)::int AS n FROM mash_episode WHERE closed_at IS NULL AND breached_at IS NOT NULL',
  );
  const decisions = await tx.query<{ social_care_outcome: string; within_standard: boolean; n: number }>(
    `SELECT social_care_outcome, within_standard, count(*)::int AS n FROM mash_decision
      WHERE decided_at >= $1 AND decided_at < $2 GROUP BY 1, 2`,
    [period.from, period.to],
  );
  const outcomes: Record<string, number> = {};
  let decided = 0;
  let within = 0;
  for (const row of decisions) {
    outcomes[row.social_care_outcome] = (outcomes[row.social_care_outcome] ?? 0) + row.n;
    decided += row.n;
    if (row.within_standard) within += row.n;
  }
  return {
    openByRag: Object.fromEntries(open.map((r) => [r.rag, r.n])),
    breached: breached.n,
    decided,
    decidedWithinStandard: within,
    outcomes,
  };
}

// ---------------------------------------------------------------- for the pages (additive)

/** One assessment of a child, within scope (row-level security follows the child). */
export function assessmentOf(tx: Tx, personId: string, assessmentId: string) {
  if (!isUuid(personId) || !isUuid(assessmentId)) return Promise.resolve(null);
  return tx.maybeOne(
    `SELECT id, template_id, template_version, score, computed_level, final_level, rationale, overrides, assessed_by_label,
            assessed_at, to_char(next_review_date, 'YYYY-MM-DD') AS next_review_date
       FROM risk_assessment WHERE person_id = $1 AND id = $2`,
    [personId, assessmentId],
  );
}

export interface CseFlag {
  level: string;
  reviewDue: string | null;
}

/** The children's CSE flags (their current level and review date), for those of them the caller may see. */
export async function cseFlags(tx: Tx, personIds: readonly string[]): Promise<Map<string, CseFlag>> {
  const ids = personIds.filter(isUuid);
  if (!ids.length) return new Map();
  const rows = await tx.query<{ id: string; cse_risk_level: string; review_due: string | null }>(
    `SELECT id, cse_risk_level, to_char(cse_review_due, 'YYYY-MM-DD') AS review_due
       FROM person WHERE id = ANY($1::uuid[]) AND cse_risk_level IS NOT NULL`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { level: r.cse_risk_level, reviewDue: r.review_due }]));
}

export async function cseFlag(tx: Tx, personId: string): Promise<CseFlag | null> {
  return (await cseFlags(tx, [personId])).get(personId) ?? null;
}

/** The partnership's agencies (reference data, no personal data), for research requests and attendees. */
export function agencies(tx: Tx) {
  return tx.query<{ id: string; name: string; type: string; area: string | null }>(
    'SELECT id, name, type, area FROM agency ORDER BY name',
  );
}

/** Open episodes past their RAG deadline now (the dashboard's live figure; no audit of its own). */
export async function breachedNow(tx: Tx, now: Date = new Date()): Promise<number> {
  const rows = await store.queue(tx, 10_000);
  return rows.filter((e) => e.rag && isRag(e.rag) && slaStatus(e.received_at, e.rag, now).breached).length;
}
