/**
 * The parts of a chunk written beside its people and referrals: the MASH's work, missing episodes, the
 * children's missing facts, disposals and the referral's division. Each part is written only when its tables
 * exist (others add them in their own migrations) and is recorded in `synth_chunk` under its own key, so that
 * a part whose tables arrive later is filled in by running the load again.
 */
import type { Tx } from '../platform/db/transaction.ts';
import type { MashRows } from './load-mash.ts';
import type { DisposalRow, MissingFlagRow, MissingRows, PlacementRow } from './load-missing.ts';

export const PARTS = ['mash', 'missing', 'missing-flags', 'disposals', 'division'] as const;
export type Part = (typeof PARTS)[number];

export function partKeyOf(chunkKey: string, part: Part): string {
  return `${chunkKey}|part=${part}`;
}

/** The chunk key a part key belongs to (a chunk key is its own). */
export function baseKeyOf(key: string): string {
  return key.replace(/\|part=[a-z-]+$/, '');
}

export interface Schema {
  mash: boolean;
  missing: boolean;
  missingPersons: boolean;
  returnInterviews: boolean;
  mashTasks: boolean;
  repeatMissing: boolean;
  repeatMissingSince: boolean;
  disposal: boolean;
  division: boolean;
}

/** Which of the tables and columns the parts write exist in this database. */
export async function detectSchema(tx: Tx): Promise<Schema> {
  const row = await tx.one<Record<keyof Schema, boolean>>(
    `SELECT to_regclass('public.mash_episode') IS NOT NULL AS mash,
            to_regclass('public.missing_episode') IS NOT NULL AND to_regclass('public.placement') IS NOT NULL AS missing,
            to_regclass('public.missing_episode_person') IS NOT NULL AS "missingPersons",
            to_regclass('public.return_home_interview') IS NOT NULL AS "returnInterviews",
            to_regclass('public.mash_task') IS NOT NULL AS "mashTasks",
            to_regclass('public.disposal') IS NOT NULL AS disposal,
            EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'person'
                      AND column_name = 'repeat_missing')
            AND EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'person'
                      AND column_name = 'missing_more_than_once') AS "repeatMissing",
            EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'person'
                      AND column_name = 'repeat_missing_since') AS "repeatMissingSince",
            EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'public'
                      AND table_name = 'victim_referral' AND column_name = 'division') AS division`,
  );
  return row;
}

/** The parts this database can hold, and a line for each it cannot. */
export function partsFor(schema: Schema): { parts: Part[]; notices: string[] } {
  const parts: Part[] = [];
  const notices: string[] = [];
  const want = (part: Part, ok: boolean, missing: string) => {
    if (ok) parts.push(part);
    else notices.push(`Skipped ${part}: ${missing} is not in the database yet; load again once it is.`);
  };
  want('mash', schema.mash, 'the mash_episode table');
  want('missing', schema.missing, 'the missing_episode and placement tables');
  want('missing-flags', schema.repeatMissing, 'person.repeat_missing / person.missing_more_than_once');
  want('disposals', schema.disposal, 'the disposal table');
  want('division', schema.division, 'the victim_referral.division column');
  if (schema.missing) {
    if (!schema.returnInterviews)
      notices.push('Skipped return home interviews: no return_home_interview table.');
    if (!schema.missingPersons) notices.push('Skipped people found with: no missing_episode_person table.');
    if (!schema.mashTasks) notices.push('Skipped repeat missing MASH tasks: no mash_task table.');
  }
  return { parts, notices };
}

export type BulkInsert = <T>(
  items: readonly T[],
  sql: string,
  columns: (item: T) => unknown[],
) => Promise<void>;

/** Multi-row INSERT ... SELECT FROM unnest, `batchSize` rows a statement (one array parameter a column). */
export function bulkInserter(tx: Tx, batchSize: number): BulkInsert {
  return async (items, sql, columns) => {
    for (let i = 0; i < items.length; i += batchSize) {
      const batch = items.slice(i, i + batchSize).map(columns);
      const arrays = (batch[0] ?? []).map((_, c) => batch.map((row) => row[c]));
      if (batch.length) await tx.query(sql, arrays);
    }
  };
}

export async function writeMash(insert: BulkInsert, rows: MashRows): Promise<void> {
  await insert(
    rows.episodes,
    `INSERT INTO mash_episode (id, referral_id, person_id, area, received_at, stage, rag, rag_deadline, decision_deadline,
       breached_at, allocated_label, decided_at, closed_at, created_at)
     SELECT id, referral_id, person_id, area, received_at, stage, rag, rag_deadline, decision_deadline, breached_at,
            allocated_label, decided_at, closed_at, received_at
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[], $6::text[], $7::text[],
                   $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::text[], $12::timestamptz[],
                   $13::timestamptz[])
         AS x(id, referral_id, person_id, area, received_at, stage, rag, rag_deadline, decision_deadline, breached_at,
              allocated_label, decided_at, closed_at)`,
    (e) => [
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
    ],
  );
  await insert(
    rows.ragChanges,
    `INSERT INTO rag_change (id, episode_id, area, from_rag, to_rag, rationale, changed_by_label, changed_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                          $8::timestamptz[])`,
    (c) => [c.id, c.episodeId, c.area, c.fromRag, c.toRag, c.rationale, c.changedByLabel, c.changedAt],
  );
  await insert(
    rows.researchRequests,
    `INSERT INTO research_request (id, episode_id, area, agency_id, requested_by_label, requested_at, status)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::timestamptz[], $7::text[])`,
    (r) => [r.id, r.episodeId, r.area, r.agencyId, r.requestedByLabel, r.requestedAt, r.status],
  );
  await insert(
    rows.contributions,
    `INSERT INTO contribution (id, episode_id, area, agency_id, contributed_by_label, contributed_at, summary,
       relevant_history, risk_information, releasable, handling_code)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::timestamptz[], $7::text[],
                          $8::text[], $9::text[], $10::boolean[], $11::text[])`,
    (c) => [
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
    ],
  );
  await insert(
    rows.sharingDecisions,
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
    (s) => [
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
    ],
  );
  await insert(
    rows.discussions,
    `INSERT INTO strategy_discussion (id, episode_id, area, held_at, attendees, decisions, recorded_by_label, created_at)
     SELECT id, episode_id, area, held_at, attendees, decisions, recorded_by_label, held_at
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::jsonb[], $6::text[], $7::text[])
         AS x(id, episode_id, area, held_at, attendees, decisions, recorded_by_label)`,
    (d) => [d.id, d.episodeId, d.area, d.heldAt, JSON.stringify(d.attendees), d.decisions, d.recordedByLabel],
  );
  await insert(
    rows.actions,
    `INSERT INTO strategy_action (id, discussion_id, episode_id, area, description, owner_agency_id, owner_name, due_date,
       completed_at, completed_by_label)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::text[],
                          $8::date[], $9::timestamptz[], $10::text[])`,
    (a) => [
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
    ],
  );
  await insert(
    rows.decisions,
    `INSERT INTO mash_decision (id, episode_id, area, decided_by_label, decided_at, contact_outcome, referral_outcome,
       social_care_outcome, statutory_measures, cin_factors, nfa_reason, rationale, feedback_to_referrer, within_standard)
     SELECT id, episode_id, area, decided_by_label, decided_at, contact_outcome, referral_outcome, social_care_outcome,
            ARRAY(SELECT jsonb_array_elements_text(measures)), ARRAY(SELECT jsonb_array_elements_text(factors)),
            nfa_reason, rationale, feedback, within_standard
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[],
                   $8::text[], $9::jsonb[], $10::jsonb[], $11::text[], $12::text[], $13::text[], $14::boolean[])
         AS x(id, episode_id, area, decided_by_label, decided_at, contact_outcome, referral_outcome,
              social_care_outcome, measures, factors, nfa_reason, rationale, feedback, within_standard)`,
    (d) => [
      d.id,
      d.episodeId,
      d.area,
      d.decidedByLabel,
      d.decidedAt,
      d.contactOutcome,
      d.referralOutcome,
      d.socialCareOutcome,
      JSON.stringify(d.statutoryMeasures),
      JSON.stringify(d.cinFactors),
      d.nfaReason,
      d.rationale,
      d.feedbackToReferrer,
      d.withinStandard,
    ],
  );
  // The outcome on the referral, as the decision records it for the referrer.
  await insert(
    rows.decisions,
    `UPDATE victim_referral v SET status = 'DECIDED', outcome = x.outcome, outcome_feedback = x.feedback,
            outcome_at = x.decided_at
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) AS x(id, outcome, feedback, decided_at)
      WHERE v.id = x.id`,
    (d) => [d.referralId, d.socialCareOutcome, d.feedbackToReferrer, d.decidedAt],
  );
  await insert(
    rows.riskAssessments,
    `INSERT INTO risk_assessment (id, person_id, episode_id, template_id, template_version, answers, score,
       computed_level, final_level, rationale, overrides, assessed_by_label, assessed_at, next_review_date)
     SELECT id, person_id, episode_id, 'lantern-scored', 1, answers, score, computed_level, final_level, rationale,
            overrides, assessed_by_label, assessed_at, next_review_date
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::jsonb[], $5::int[], $6::text[], $7::text[], $8::text[],
                   $9::jsonb[], $10::text[], $11::timestamptz[], $12::date[])
         AS x(id, person_id, episode_id, answers, score, computed_level, final_level, rationale, overrides,
              assessed_by_label, assessed_at, next_review_date)`,
    (r) => [
      r.id,
      r.personId,
      r.episodeId,
      JSON.stringify(r.answers),
      r.score,
      r.computedLevel,
      r.finalLevel,
      r.rationale,
      JSON.stringify(r.overrides),
      r.assessedByLabel,
      r.assessedAt,
      r.nextReviewDate,
    ],
  );
  await insert(
    rows.personRisk,
    `UPDATE person p SET cse_risk_level = x.level, cse_review_due = x.due
       FROM unnest($1::uuid[], $2::text[], $3::date[]) AS x(id, level, due) WHERE p.id = x.id`,
    (r) => [r.personId, r.level, r.reviewDue],
  );
}

export async function writePlacements(
  tx: Tx,
  placements: readonly PlacementRow[],
  agencyIds: ReadonlyMap<string, string>,
) {
  await tx.query(
    `INSERT INTO placement (code, name, kind, area, postcode, agency_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[])
     ON CONFLICT (code) DO NOTHING`,
    [
      placements.map((p) => p.code),
      placements.map((p) => p.name),
      placements.map((p) => p.kind),
      placements.map((p) => p.area),
      placements.map((p) => p.postcode),
      placements.map((p) => (p.agencyCode ? (agencyIds.get(p.agencyCode) ?? null) : null)),
    ],
  );
}

export async function writeMissing(insert: BulkInsert, rows: MissingRows, schema: Schema): Promise<void> {
  await insert(
    rows.episodes,
    `INSERT INTO missing_episode (id, person_id, type, from_kind, placement_id, from_postcode, reported_at,
       reported_by_agency_id, reported_by_label, recorded_by_label, last_seen_at, returned_at, found_where,
       found_postcode, circumstances, exploitation_suspected, initial_risk_grade, risk_grade, area, external_ref,
       created_at)
     SELECT x.id, x.person_id, x.type, x.from_kind, pl.id, x.from_postcode, x.reported_at, x.agency_id,
            x.reported_by_label, x.recorded_by_label, x.last_seen_at, x.returned_at, x.found_where, x.found_postcode,
            x.circumstances, x.exploitation_suspected, x.risk_grade, x.risk_grade, x.area, x.external_ref, x.reported_at
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                   $8::uuid[], $9::text[], $10::text[], $11::timestamptz[], $12::timestamptz[], $13::text[],
                   $14::text[], $15::text[], $16::boolean[], $17::text[], $18::text[], $19::text[])
         AS x(id, person_id, type, from_kind, placement_code, from_postcode, reported_at, agency_id,
              reported_by_label, recorded_by_label, last_seen_at, returned_at, found_where, found_postcode,
              circumstances, exploitation_suspected, risk_grade, area, external_ref)
       LEFT JOIN placement pl ON pl.code = x.placement_code`,
    (e) => [
      e.id,
      e.personId,
      e.type,
      e.fromKind,
      e.placementCode,
      e.fromPostcode,
      e.reportedAt,
      e.reportedByAgencyId,
      e.reportedByLabel,
      e.recordedByLabel,
      e.lastSeenAt,
      e.returnedAt,
      e.foundWhere,
      e.foundPostcode,
      e.circumstances,
      e.exploitationSuspected,
      e.riskGrade,
      e.area,
      e.externalRef,
    ],
  );
  if (schema.missingPersons)
    await insert(
      rows.foundWith,
      `INSERT INTO missing_episode_person (episode_id, person_id, relation)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[]) ON CONFLICT DO NOTHING`,
      (f) => [f.episodeId, f.personId, f.relation],
    );
  if (schema.returnInterviews)
    await insert(
      rows.interviews,
      `INSERT INTO return_home_interview (episode_id, offered, offered_at, not_offered_reason, not_offered_by_label,
         not_offered_at, response, responded_at, completed_at, by_agency_id, by_name, disclosures, recorded_by_label,
         created_at, updated_at)
       SELECT x.*, coalesce(x.completed_at, x.responded_at, x.offered_at, x.not_offered_at),
              coalesce(x.completed_at, x.responded_at, x.offered_at, x.not_offered_at)
         FROM unnest($1::uuid[], $2::boolean[], $3::timestamptz[], $4::text[], $5::text[], $6::timestamptz[],
                     $7::text[], $8::timestamptz[], $9::timestamptz[], $10::uuid[], $11::text[], $12::text[],
                     $13::text[])
           AS x(episode_id, offered, offered_at, not_offered_reason, not_offered_by_label, not_offered_at, response,
                responded_at, completed_at, by_agency_id, by_name, disclosures, recorded_by_label)`,
      (i) => [
        i.episodeId,
        i.offered,
        i.offeredAt,
        i.notOfferedReason,
        i.notOfferedByLabel,
        i.notOfferedAt,
        i.response,
        i.respondedAt,
        i.completedAt,
        i.byAgencyId,
        i.byName,
        i.disclosures,
        i.recordedByLabel,
      ],
    );
  if (schema.mashTasks)
    await insert(
      rows.tasks,
      `INSERT INTO mash_task (id, person_id, area, kind, description, source_episode_id, created_at, done_at, done_by_label)
       SELECT id, person_id, area, 'REPEAT_MISSING_STRATEGY_DISCUSSION', description, source_episode_id, created_at,
              done_at, done_by_label
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::timestamptz[],
                     $7::timestamptz[], $8::text[])
           AS x(id, person_id, area, description, source_episode_id, created_at, done_at, done_by_label)`,
      (t) => [
        t.id,
        t.personId,
        t.area,
        t.description,
        t.sourceEpisodeId,
        t.createdAt,
        t.doneAt,
        t.doneByLabel,
      ],
    );
}

export async function writeMissingFlags(
  insert: BulkInsert,
  flags: readonly MissingFlagRow[],
  schema: Schema,
) {
  await insert(
    flags,
    schema.repeatMissingSince
      ? `UPDATE person p SET repeat_missing = x.repeat, missing_more_than_once = x.more, repeat_missing_since = x.since
           FROM unnest($1::uuid[], $2::boolean[], $3::boolean[], $4::timestamptz[]) AS x(id, repeat, more, since)
          WHERE p.id = x.id`
      : `UPDATE person p SET repeat_missing = x.repeat, missing_more_than_once = x.more
           FROM unnest($1::uuid[], $2::boolean[], $3::boolean[], $4::timestamptz[]) AS x(id, repeat, more, since)
          WHERE p.id = x.id`,
    (f) => [f.personId, f.repeatMissing, f.missingMoreThanOnce, f.repeatMissingSince],
  );
}

export async function writeDisposals(insert: BulkInsert, disposals: readonly DisposalRow[]) {
  await insert(
    disposals,
    `INSERT INTO disposal (id, person_id, suspect_referral_id, type, disposed_at, sentence_months, order_years,
       expires_on, child_person_id, recorded_by_label)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::date[], $6::numeric[], $7::numeric[],
                          $8::date[], $9::uuid[], $10::text[])`,
    (d) => [
      d.id,
      d.personId,
      d.suspectReferralId,
      d.type,
      d.disposedAt,
      d.sentenceMonths,
      d.orderYears,
      d.expiresOn,
      d.childPersonId,
      d.recordedByLabel,
    ],
  );
}

export async function writeDivision(
  insert: BulkInsert,
  referrals: readonly { id: string; division: string }[],
): Promise<void> {
  await insert(
    referrals,
    `UPDATE victim_referral v SET division = x.division
       FROM unnest($1::uuid[], $2::text[]) AS x(id, division) WHERE v.id = x.id`,
    (r) => [r.id, r.division],
  );
}
