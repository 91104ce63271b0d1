/**
 * Bulk writers for the MASH's tables (mash_episode, rag_change, research_request, contribution,
 * sharing_decision, strategy_discussion, strategy_action, mash_decision), for loads of many rows at once
 * (the synthetic population). Each call is one statement over unnest'ed column arrays, so a batch costs one
 * round trip and one run of the statement-level statistics triggers; the caller chooses the batch size.
 */
import { arrayLiteral, columnsOf } from '../platform/db/bulk.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { NewStrategyAction } from './store.ts';

export interface EpisodeBulkRow {
  id: string;
  referralId: string;
  personId: string;
  area: string;
  receivedAt: string;
  stage: 'TRIAGE' | 'RESEARCH' | 'DISCUSSION' | 'CLOSED';
  rag: string | null;
  ragDeadline: string | null;
  decisionDeadline: string;
  breachedAt: string | null;
  allocatedLabel: string | null;
  decidedAt: string | null;
  closedAt: string | null;
}

export interface RagChangeBulkRow {
  id: string;
  episodeId: string;
  area: string;
  fromRag: string | null;
  toRag: string;
  rationale: string;
  changedByLabel: string;
  changedAt: string;
}

export interface ResearchRequestBulkRow {
  id: string;
  episodeId: string;
  area: string;
  agencyId: string;
  requestedByLabel: string;
  requestedAt: string;
  /** When the agency's answer is due (research-rules.ts); null for requests without one. */
  dueAt: string | null;
  status: 'REQUESTED' | 'CONTRIBUTED';
}

export interface ContributionBulkRow {
  id: string;
  episodeId: string;
  area: string;
  agencyId: string;
  contributedByLabel: string;
  contributedAt: string;
  summary: string;
  relevantHistory: string | null;
  riskInformation: string | null;
  releasable: boolean;
  handlingCode: string | null;
}

export interface SharingDecisionBulkRow {
  id: string;
  episodeId: string;
  area: string;
  decision: 'SHARE' | 'NOT_SHARE';
  decidedByLabel: string;
  agencyId: string;
  decidedAt: string;
  purpose: string;
  information: string;
  recipients: Array<{ agency: string | null; name: string | null }>;
  channel: string | null;
  legalBasis: string;
  consentSought: boolean;
  consentNotSoughtReason: string | null;
  necessityProportionality: string;
}

export interface StrategyDiscussionBulkRow {
  id: string;
  episodeId: string;
  area: string;
  heldAt: string;
  attendees: Array<{ agencyId: string | null; name: string; role: string | null }>;
  decisions: string;
  recordedByLabel: string;
  /** Whether the discussion decided on a section 47 enquiry (the conference is then due); null: not recorded. */
  section47: boolean | null;
}

export interface StrategyActionBulkRow extends NewStrategyAction {
  id: string;
  completedAt: string | null;
  completedByLabel: string | null;
}

export interface DecisionBulkRow {
  id: string;
  episodeId: string;
  referralId: string;
  area: string;
  decidedByLabel: string;
  decidedAt: string;
  contactOutcome: string;
  referralOutcome: string | null;
  socialCareOutcome: string;
  statutoryMeasures: string[];
  cinFactors: string[];
  nfaReason: string | null;
  rationale: string;
  feedbackToReferrer: string;
  withinStandard: boolean;
}

export async function insertEpisodesBulk(tx: Tx, rows: readonly EpisodeBulkRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO mash_episode (id, referral_id, person_id, area, received_at, stage, rag, rag_deadline, decision_deadline,
       breached_at, allocated_label, decided_at, closed_at, created_at)
     SELECT id, referral_id, person_id, area, received_at, stage, rag, rag_deadline, decision_deadline, breached_at,
            allocated_label, decided_at, closed_at, received_at
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[], $6::text[], $7::text[],
                   $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::text[], $12::timestamptz[],
                   $13::timestamptz[])
         AS x(id, referral_id, person_id, area, received_at, stage, rag, rag_deadline, decision_deadline, breached_at,
              allocated_label, decided_at, closed_at)`,
    columnsOf(rows, (e) => [
      e.id,
      e.referralId,
      e.personId,
      e.area,
      e.receivedAt,
      e.stage,
      e.rag,
      e.ragDeadline,
      e.decisionDeadline,
      e.breachedAt,
      e.allocatedLabel,
      e.decidedAt,
      e.closedAt,
    ]),
  );
}

export async function insertRagChangesBulk(tx: Tx, rows: readonly RagChangeBulkRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO rag_change (id, episode_id, area, from_rag, to_rag, rationale, changed_by_label, changed_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                          $8::timestamptz[])`,
    columnsOf(rows, (c) => [
      c.id,
      c.episodeId,
      c.area,
      c.fromRag,
      c.toRag,
      c.rationale,
      c.changedByLabel,
      c.changedAt,
    ]),
  );
}

export async function insertResearchRequestsBulk(
  tx: Tx,
  rows: readonly ResearchRequestBulkRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO research_request (id, episode_id, area, agency_id, requested_by_label, requested_at, status, due_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::timestamptz[], $7::text[],
                          $8::timestamptz[])`,
    columnsOf(rows, (r) => [
      r.id,
      r.episodeId,
      r.area,
      r.agencyId,
      r.requestedByLabel,
      r.requestedAt,
      r.status,
      r.dueAt,
    ]),
  );
}

export async function insertContributionsBulk(tx: Tx, rows: readonly ContributionBulkRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO contribution (id, episode_id, area, agency_id, contributed_by_label, contributed_at, summary,
       relevant_history, risk_information, releasable, handling_code)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::timestamptz[], $7::text[],
                          $8::text[], $9::text[], $10::boolean[], $11::text[])`,
    columnsOf(rows, (c) => [
      c.id,
      c.episodeId,
      c.area,
      c.agencyId,
      c.contributedByLabel,
      c.contributedAt,
      c.summary,
      c.relevantHistory,
      c.riskInformation,
      c.releasable,
      c.handlingCode,
    ]),
  );
}

export async function insertSharingDecisionsBulk(
  tx: Tx,
  rows: readonly SharingDecisionBulkRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO sharing_decision (id, episode_id, area, decision, decided_by_label, agency_id, decided_at, purpose,
       information, recipients, channel, legal_basis, consent_sought, consent_not_sought_reason,
       necessity_proportionality, created_at)
     SELECT id, episode_id, area, decision, decided_by_label, agency_id, decided_at, purpose, information, recipients,
            channel, legal_basis, consent_sought, consent_not_sought_reason, necessity_proportionality, decided_at
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::timestamptz[],
                   $8::text[], $9::text[], $10::jsonb[], $11::text[], $12::text[], $13::boolean[], $14::text[],
                   $15::text[])
         AS x(id, episode_id, area, decision, decided_by_label, agency_id, decided_at, purpose, information,
              recipients, channel, legal_basis, consent_sought, consent_not_sought_reason, necessity_proportionality)`,
    columnsOf(rows, (s) => [
      s.id,
      s.episodeId,
      s.area,
      s.decision,
      s.decidedByLabel,
      s.agencyId,
      s.decidedAt,
      s.purpose,
      s.information,
      JSON.stringify(s.recipients),
      s.channel,
      s.legalBasis,
      s.consentSought,
      s.consentNotSoughtReason,
      s.necessityProportionality,
    ]),
  );
}

export async function insertStrategyDiscussionsBulk(
  tx: Tx,
  rows: readonly StrategyDiscussionBulkRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO strategy_discussion (id, episode_id, area, held_at, attendees, decisions, recorded_by_label, section_47, created_at)
     SELECT id, episode_id, area, held_at, attendees, decisions, recorded_by_label, section_47, held_at
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::jsonb[], $6::text[], $7::text[], $8::boolean[])
         AS x(id, episode_id, area, held_at, attendees, decisions, recorded_by_label, section_47)`,
    columnsOf(rows, (d) => [
      d.id,
      d.episodeId,
      d.area,
      d.heldAt,
      JSON.stringify(d.attendees),
      d.decisions,
      d.recordedByLabel,
      d.section47,
    ]),
  );
}

export async function insertStrategyActionsBulk(
  tx: Tx,
  rows: readonly StrategyActionBulkRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO strategy_action (id, discussion_id, episode_id, area, description, owner_agency_id, owner_name, due_date,
       completed_at, completed_by_label)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::text[],
                          $8::date[], $9::timestamptz[], $10::text[])`,
    columnsOf(rows, (a) => [
      a.id,
      a.discussionId,
      a.episodeId,
      a.area,
      a.description,
      a.ownerAgencyId,
      a.ownerName,
      a.dueDate,
      a.completedAt,
      a.completedByLabel,
    ]),
  );
}

export async function insertDecisionsBulk(tx: Tx, rows: readonly DecisionBulkRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO mash_decision (id, episode_id, area, decided_by_label, decided_at, contact_outcome, referral_outcome,
       social_care_outcome, statutory_measures, cin_factors, nfa_reason, rationale, feedback_to_referrer, within_standard)
     SELECT id, episode_id, area, decided_by_label, decided_at, contact_outcome, referral_outcome, social_care_outcome,
            measures::text[], factors::text[],
            nfa_reason, rationale, feedback, within_standard
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[],
                   $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::boolean[])
         AS x(id, episode_id, area, decided_by_label, decided_at, contact_outcome, referral_outcome,
              social_care_outcome, measures, factors, nfa_reason, rationale, feedback, within_standard)`,
    columnsOf(rows, (d) => [
      d.id,
      d.episodeId,
      d.area,
      d.decidedByLabel,
      d.decidedAt,
      d.contactOutcome,
      d.referralOutcome,
      d.socialCareOutcome,
      arrayLiteral(d.statutoryMeasures),
      arrayLiteral(d.cinFactors),
      d.nfaReason,
      d.rationale,
      d.feedbackToReferrer,
      d.withinStandard,
    ]),
  );
}
