/**
 * A database with rows in every table: the demo partnership and a small synthetic population (people,
 * source records, referrals, the MASH's work, missing episodes, disposals), then one row written directly
 * in each table the loader leaves empty. For the tests that must see every table hold something (row-level
 * security, backups, "nothing was written") and the pages that need real records.
 */
import type pg from 'pg';
import { loadDemoPartnership } from '../../src/synth/demo-partnership.ts';
import { loadPopulation } from '../../src/synth/load.ts';
import { DEMO_OPEN_WORKING_DAYS } from '../../src/synth/load-mash.ts';
import type { TestDatabase } from './engines.ts';

export type Query = (sql: string, params?: unknown[]) => Promise<pg.QueryResult>;

/** The demo partnership and its synthetic children, suspects and referrals (about 30 people). */
export async function loadCaseData(t: TestDatabase, sessionSecret: string): Promise<void> {
  await loadDemoPartnership(t.db, sessionSecret);
  const result = await loadPopulation(t.db, {
    scale: 0.1,
    seed: 1,
    months: 2,
    openWorkingDays: DEMO_OPEN_WORKING_DAYS,
  });
  if (result.status !== 'loaded') throw new Error(`synthetic population not loaded: ${result.message}`);
}

/** One row, written as a superuser, in each table that the loader leaves empty. */
export async function fillRemainingTables(t: TestDatabase): Promise<void> {
  const q = t.superuserQuery;
  const people = (await q('SELECT id FROM person ORDER BY id LIMIT 4')).rows.map((r) => r.id as string);
  if (people.length < 4) throw new Error('load the case data first');
  const [a, b, c, d] = people;
  await q(
    `INSERT INTO identity_model (parameters, trained_on, trained_by) VALUES ('{"m": 1}', 10, 'populate')`,
  );
  await q(
    `INSERT INTO match_candidate (person_id, candidate_person_id, probability, match_weight, explanation,
       status, source, area)
     VALUES ($1, $2, 0.91, 6.5, '{"surname": 3.2}', 'PENDING', 'BATCH', 'LANCASHIRE')`,
    [a, b],
  );
  await q(
    `INSERT INTO person_merge (survivor_id, merged_id, merged_by_label, reason, moved)
     VALUES ($1, $2, 'populate', 'Same child recorded twice by two schools', '{"sourceRecords": []}')`,
    [c, d],
  );
  await q(
    `INSERT INTO job (kind, status, requested_by_label) VALUES ('IDENTITY_DEDUPE', 'DONE', 'populate')`,
  );
  await q(
    `INSERT INTO referral_draft (user_id, kind, data)
     SELECT id, 'VICTIM', '{"child": {"forename": "Draft"}}' FROM app_user ORDER BY username LIMIT 1`,
  );
  await q(
    `INSERT INTO missing_risk_grade_change (episode_id, from_grade, to_grade, rationale, changed_by_label, changed_at)
     SELECT id, risk_grade, 'HIGH', 'Seen with an adult of concern', 'populate', now()
       FROM missing_episode ORDER BY id LIMIT 1`,
  );
  await q(
    `INSERT INTO api_token (name, agency_id, permissions, token_hash, prefix, expires_at, approval)
     SELECT 'Populate partner system', id, '{case:read}', md5(random()::text), 'lt_pop', now() + interval '30 days',
            'APPROVED'
       FROM agency ORDER BY code LIMIT 1`,
  );
  // A token asked for and waiting: no secret until a case-permission holder of its agency approves it.
  await q(
    `WITH asked AS (
       INSERT INTO api_token (name, agency_id, permissions, expires_at, approval)
       SELECT 'Populate waiting system', id, '{case:read}', now() + interval '30 days', 'PENDING'
         FROM agency ORDER BY code LIMIT 1
       RETURNING id, agency_id, permissions)
     INSERT INTO access_request (kind, agency_id, token_id, permissions, cause, requested_by_label)
     SELECT 'TOKEN', agency_id, id, permissions, 'GRANT', 'populate' FROM asked`,
  );
  // A sharing grant (migration 018): the demo loader records decisions to share but grants nothing.
  await q(
    `INSERT INTO sharing_grant (decision_id, episode_id, referral_id, person_id, area, recipient_kind, recipient_id,
       recipient_label, items, granted_by_label, starts_at, expires_at)
     SELECT d.id, e.id, e.referral_id, e.person_id, e.area, 'TEAM', t.id, t.name, '{REFERRAL}', 'populate', now(),
            now() + interval '90 days'
       FROM sharing_decision d JOIN mash_episode e ON e.id = d.episode_id
      CROSS JOIN LATERAL (SELECT id, name FROM team ORDER BY name LIMIT 1) t
      WHERE d.decision = 'SHARE' ORDER BY d.id LIMIT 1`,
  );
  await q(
    `INSERT INTO idempotency_key (principal, key, route, request_hash, status_code, response)
     VALUES ('token:populate', 'populate-1', 'POST /api/v1/referrals', md5('x'), 201, '{"id": "x"}')`,
  );
  await q(
    `INSERT INTO episode_transfer (episode_id, from_area, to_area, reason, transferred_by_label)
     SELECT id, area, CASE WHEN area = 'LANCASHIRE' THEN 'BLACKPOOL' ELSE 'LANCASHIRE' END,
            'The child lives in the other hub''s area', 'populate'
       FROM mash_episode ORDER BY id LIMIT 1`,
  );
  await q(
    `INSERT INTO setup_token (token_hash, expires_at) VALUES (md5(random()::text), now() + interval '1 day')`,
  );
  await q(
    `INSERT INTO user_session (token_hash, user_id, stage, method, absolute_expires_at)
     SELECT md5(random()::text), id, 'ACTIVE', 'LOCAL', now() + interval '10 hours'
       FROM app_user ORDER BY username LIMIT 1`,
  );
  // A case note on a child, written by a member of an agency (migration 024).
  await q(
    `INSERT INTO case_note (person_id, note_type, occurred_on, body, author_id, author_label, agency_id)
     SELECT $1, 'VISIT', current_date, 'Visited at home', u.id, u.username, u.agency_id
       FROM app_user u ORDER BY u.username LIMIT 1`,
    [a],
  );
  // A breach of a tactic recorded against a suspect (migration 040).
  await q(
    `INSERT INTO disruption_breach (disposal_id, breached_on, details, recorded_by_user, recorded_by_label, agency_id)
     SELECT d.id, d.disposed_at, 'Seen with the child', u.id, u.username, u.agency_id
       FROM disposal d CROSS JOIN (SELECT * FROM app_user ORDER BY username LIMIT 1) u ORDER BY d.id LIMIT 1`,
  );
  // Intelligence given to the police by an agency (migration 041).
  await q(
    `INSERT INTO intelligence (reference, agency_id, submitted_by_user, submitted_by_label, about, what)
     SELECT 'INT-2026-00001', u.agency_id, u.id, u.username, 'A man seen with a child', 'Collects her after school'
       FROM app_user u WHERE u.agency_id IS NOT NULL ORDER BY u.username LIMIT 1`,
  );
  // A suspect's vehicle (migration 042).
  await q(
    `INSERT INTO person_identifier (person_id, kind, value, search_key, recorded_by_label, agency_id)
     SELECT d.person_id, 'VEHICLE', 'PN66 XYZ', 'PN66XYZ', 'populate', a.id
       FROM disposal d CROSS JOIN (SELECT id FROM agency ORDER BY code LIMIT 1) a ORDER BY d.id LIMIT 1`,
  );
  // A suspect's status (migration 043).
  await q(
    `INSERT INTO pursue_status (person_id, status, reason, recorded_by_label, agency_id)
     SELECT d.person_id, 'OFFENDER', 'Convicted', 'populate', a.id
       FROM disposal d CROSS JOIN (SELECT id FROM agency ORDER BY code LIMIT 1) a ORDER BY d.id LIMIT 1`,
  );
  // An operation with one suspect in it (migration 044).
  await q(
    `WITH o AS (INSERT INTO pursue_operation (name, objectives, agency_id, created_by_label)
                SELECT 'Operation Populate', 'Disrupt', id, 'populate' FROM agency ORDER BY code LIMIT 1 RETURNING id)
     INSERT INTO pursue_operation_member (operation_id, person_id, added_by_label)
     SELECT o.id, d.person_id, 'populate' FROM o, (SELECT person_id FROM disposal ORDER BY id LIMIT 1) d`,
  );
  // A task in that operation, given to a user (migration 047).
  await q(
    `INSERT INTO pursue_operation_task (operation_id, description, owner_user_id, owner_label, due_on, created_by_label)
     SELECT o.id, 'Check the CCTV', u.id, u.username, current_date + 7, 'populate'
       FROM pursue_operation o CROSS JOIN (SELECT * FROM app_user ORDER BY username LIMIT 1) u
      WHERE o.name = 'Operation Populate'`,
  );
  // A suspect's ethnicity and nationality as monitored (migration 048).
  await q(
    `INSERT INTO pursue_profile (person_id, ethnicity, nationality, recorded_by_label, agency_id)
     SELECT d.person_id, 'NOT_STATED', 'GB', 'populate', a.id
       FROM disposal d CROSS JOIN (SELECT id FROM agency ORDER BY code LIMIT 1) a ORDER BY d.id LIMIT 1`,
  );
  // A closed period's briefing as first produced (migration 027): what a later revision is compared with.
  await q(
    `INSERT INTO briefing_publication (period_from, period_to, area, division, mode, first_published_at, digest, cells)
     VALUES ('2026-04-01', '2026-09-30', '', '', 'published', now(), 'populate', '[]')`,
  );
  // A practitioner's proposed decision awaiting a manager (migration 016).
  await q(
    `INSERT INTO decision_proposal (episode_id, area, input, proposed_by_label, proposed_at)
     SELECT id, area, '{"contactOutcome": "NFA"}', 'populate', now() FROM mash_episode ORDER BY id LIMIT 1`,
  );
}

/** Every ordinary table (partitions included) of the public schema, by name. */
export async function tableNames(query: Query): Promise<string[]> {
  const { rows } = await query(
    `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY relname`,
  );
  return rows.map((r) => r.relname as string);
}

export interface TableState {
  rows: number;
  /** MD5 over the table's rows (as JSON, sorted): equal states hold the same rows. */
  digest: string;
}

/**
 * The row count and a digest of the contents of each table. `leaveOut` names columns to ignore (a
 * session's last-seen time moves with every request); `only` restricts a table to some rows.
 */
export async function tableStates(
  query: Query,
  options: { leaveOut?: Record<string, string[]>; only?: Record<string, string> } = {},
): Promise<Record<string, TableState>> {
  const tables = await tableNames(query);
  const parts = tables.map((table) => {
    const drop = (options.leaveOut?.[table] ?? []).map((c) => `'${c}'`).join(',');
    const where = options.only?.[table] ? `WHERE ${options.only[table]}` : '';
    return `SELECT '${table}' AS t, count(*)::int AS n, md5(coalesce(string_agg(r, '|' ORDER BY r), '')) AS h
              FROM (SELECT (to_jsonb(x) - ARRAY[${drop}]::text[])::text AS r FROM "${table}" x ${where}) s`;
  });
  const { rows } = await query(parts.join('\nUNION ALL\n'));
  return Object.fromEntries(rows.map((r) => [r.t as string, { rows: r.n as number, digest: r.h as string }]));
}

/** Real ids of each kind of record, to put in route patterns (a child of Lancashire's MASH first). */
export interface CaseIds {
  personId: string;
  childName: { forename: string; surname: string };
  referralId: string;
  suspectReferralId: string;
  episodeId: string;
  actionId: string;
  missingEpisodeId: string;
  placementId: string;
  riskAssessmentId: string;
  matchId: string;
  mergeId: string;
  mergeSurvivorId: string;
  jobId: string;
  draftId: string;
}

export async function caseIds(query: Query): Promise<CaseIds> {
  const one = async (sql: string) => {
    const { rows } = await query(sql);
    if (!rows[0]) throw new Error(`no row for ${sql}`);
    return rows[0] as Record<string, string>;
  };
  const referral = await one(
    `SELECT v.id, v.person_id, p.forename, p.surname, e.id AS episode_id FROM victim_referral v
       JOIN person p ON p.id = v.person_id JOIN mash_episode e ON e.referral_id = v.id
      WHERE v.area = 'LANCASHIRE' AND p.forename IS NOT NULL AND p.surname IS NOT NULL
      ORDER BY (e.stage = 'CLOSED'), v.received_at DESC LIMIT 1`,
  );
  const merge = await one('SELECT id, survivor_id FROM person_merge ORDER BY merged_at LIMIT 1');
  return {
    personId: referral['person_id']!,
    childName: { forename: referral['forename']!, surname: referral['surname']! },
    referralId: referral['id']!,
    suspectReferralId: (await one('SELECT id FROM suspect_referral ORDER BY reference LIMIT 1'))['id']!,
    episodeId: referral['episode_id']!,
    actionId: (await one('SELECT id FROM strategy_action ORDER BY id LIMIT 1'))['id']!,
    missingEpisodeId: (await one('SELECT id FROM missing_episode ORDER BY reported_at DESC LIMIT 1'))['id']!,
    placementId: (await one('SELECT id FROM placement ORDER BY code LIMIT 1'))['id']!,
    riskAssessmentId: (await one('SELECT id FROM risk_assessment ORDER BY id LIMIT 1'))['id']!,
    matchId: (await one('SELECT id FROM match_candidate ORDER BY id LIMIT 1'))['id']!,
    mergeId: merge['id']!,
    mergeSurvivorId: merge['survivor_id']!,
    jobId: (await one('SELECT id FROM job ORDER BY id LIMIT 1'))['id']!,
    draftId: (await one('SELECT id FROM referral_draft ORDER BY id LIMIT 1'))['id']!,
  };
}

const NIL_ID = '00000000-0000-4000-8000-000000000000';

/**
 * A route pattern with real ids in it: the id a route's path names (people, referrals, episodes ...), and
 * for anything else given in `extra` by prefix (e.g. `/admin/users`) or a well-formed id of nothing. API
 * routes are matched without their `/api/v1` prefix.
 */
export function fillRoute(pattern: string, ids: CaseIds, extra: Record<string, string> = {}): string {
  const byPrefix: Array<[string, string]> = [
    ...Object.entries(extra),
    ['/people/:id/merges/:mergeId', ids.mergeSurvivorId],
    ['/people', ids.personId],
    ['/referrals/drafts', ids.draftId],
    ['/referrals', ids.referralId],
    ['/suspect-referrals', ids.suspectReferralId],
    ['/mash/episodes', ids.episodeId],
    ['/mash/actions', ids.actionId],
    ['/missing/episodes', ids.missingEpisodeId],
    ['/missing-episodes', ids.missingEpisodeId],
    ['/placements', ids.placementId],
    ['/matches', ids.matchId],
    ['/identity/jobs', ids.jobId],
  ];
  const path = pattern.replace(/^\/api\/v1/, ''); // the API names records as the pages do
  return pattern.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    if (name === 'page') return 'child';
    if (name === 'mergeId') return ids.mergeId;
    if (name === 'assessmentId') return ids.riskAssessmentId;
    if (name === 'token') return 'not-a-setup-token-0123456789abcdefghijklmnop';
    return byPrefix.find(([prefix]) => path.startsWith(prefix))?.[1] ?? NIL_ID;
  });
}
