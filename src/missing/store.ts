/** SQL for missing children: placements, episodes, grade history, people found with, interviews, MASH tasks. */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../platform/db/transaction.ts';

export interface PlacementRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  area: string | null;
  postcode: string | null;
  agency_id: string | null;
}

const PLACEMENT_COLUMNS = 'id, code, name, kind, area, postcode, agency_id';

export function findPlacement(tx: Tx, id: string): Promise<PlacementRow | null> {
  return tx.maybeOne<PlacementRow>(`SELECT ${PLACEMENT_COLUMNS} FROM placement WHERE id = $1`, [id]);
}

export function findPlacementByCode(tx: Tx, code: string): Promise<PlacementRow | null> {
  return tx.maybeOne<PlacementRow>(`SELECT ${PLACEMENT_COLUMNS} FROM placement WHERE code = $1`, [code]);
}

export function allPlacements(tx: Tx): Promise<PlacementRow[]> {
  return tx.query<PlacementRow>(`SELECT ${PLACEMENT_COLUMNS} FROM placement ORDER BY name`);
}

export async function upsertPlacement(
  tx: Tx,
  p: Omit<PlacementRow, 'id' | 'agency_id'> & { agency_id?: string | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO placement (code, name, kind, area, postcode, agency_id) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, area = excluded.area,
       postcode = excluded.postcode, agency_id = coalesce(excluded.agency_id, placement.agency_id)`,
    [p.code, p.name, p.kind, p.area, p.postcode, p.agency_id ?? null],
  );
}

export async function knownAreas(tx: Tx): Promise<string[]> {
  const rows = await tx.query<{ area: string }>(
    'SELECT DISTINCT area FROM team WHERE area IS NOT NULL ORDER BY area',
  );
  return rows.map((r) => r.area);
}

export async function agencyOf(
  tx: Tx,
  id: string,
): Promise<{ id: string; name: string; type: string; area: string | null } | null> {
  return tx.maybeOne('SELECT id, name, type, area FROM agency WHERE id = $1', [id]);
}

export async function agencyByCode(
  tx: Tx,
  code: string,
): Promise<{ id: string; name: string; type: string; area: string | null } | null> {
  return tx.maybeOne('SELECT id, name, type, area FROM agency WHERE code = $1', [code]);
}

export interface NewEpisode {
  id?: string;
  personId: string;
  type: string;
  fromKind: string;
  placementId: string | null;
  fromPostcode: string | null;
  reportedAt: Date;
  reportedByAgencyId: string;
  reportedByLabel: string;
  reporterName: string | null;
  recordedByUser: string | null;
  recordedByLabel: string;
  lastSeenAt: Date | null;
  returnedAt: Date | null;
  foundWhere: string | null;
  foundPostcode: string | null;
  circumstances: string | null;
  exploitationSuspected: boolean;
  riskGrade: string;
  area: string;
  externalRef: string | null;
}

const EPISODE_INSERT = `INSERT INTO missing_episode (id, person_id, type, from_kind, placement_id, from_postcode, reported_at,
  reported_by_agency_id, reported_by_label, reporter_name, recorded_by_user, recorded_by_label, last_seen_at, returned_at,
  found_where, found_postcode, circumstances, exploitation_suspected, initial_risk_grade, risk_grade, area, external_ref)`;

function episodeParams(e: NewEpisode, id: string): unknown[] {
  return [
    id,
    e.personId,
    e.type,
    e.fromKind,
    e.placementId,
    e.fromPostcode,
    e.reportedAt,
    e.reportedByAgencyId,
    e.reportedByLabel,
    e.reporterName,
    e.recordedByUser,
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
  ];
}

/** No RETURNING: the id is made here, so that a writer who may not read the row back still knows it. */
export async function insertEpisode(tx: Tx, e: NewEpisode): Promise<string> {
  const id = e.id ?? randomUUID();
  await tx.query(
    `${EPISODE_INSERT} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19, $20, $21)`,
    episodeParams(e, id),
  );
  return id;
}

/** Many episodes in one statement (the import); the caller has validated every row. */
export async function insertEpisodes(
  tx: Tx,
  episodes: readonly (NewEpisode & { id: string })[],
): Promise<void> {
  if (episodes.length === 0) return;
  const columns = 21;
  const values: string[] = [];
  const params: unknown[] = [];
  for (const e of episodes) {
    const base = params.length;
    const p = (i: number) => `$${base + i}`;
    values.push(
      `(${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21].map(p).join(', ')})`,
    );
    params.push(...episodeParams(e, e.id));
    if (params.length - base !== columns) throw new Error('episode parameters out of step');
  }
  await tx.query(`${EPISODE_INSERT} VALUES ${values.join(', ')}`, params);
}

export interface EpisodeRow {
  id: string;
  person_id: string;
  type: string;
  from_kind: string;
  placement_id: string | null;
  placement_code: string | null;
  placement_name: string | null;
  from_postcode: string | null;
  reported_at: Date;
  reported_by_agency_id: string;
  reported_by_agency_name: string;
  reported_by_label: string;
  reporter_name: string | null;
  recorded_by_label: string;
  last_seen_at: Date | null;
  returned_at: Date | null;
  found_where: string | null;
  found_postcode: string | null;
  circumstances: string | null;
  exploitation_suspected: boolean;
  initial_risk_grade: string;
  risk_grade: string;
  area: string;
  external_ref: string | null;
  created_at: Date;
  child_forename: string | null;
  child_surname: string | null;
  child_dob: string | null;
  cse_risk_level: string | null;
  repeat_missing: boolean | null;
}

const EPISODE_COLUMNS = `e.id, e.person_id, e.type, e.from_kind, e.placement_id, pl.code AS placement_code,
  pl.name AS placement_name, e.from_postcode, e.reported_at, e.reported_by_agency_id, a.name AS reported_by_agency_name,
  e.reported_by_label, e.reporter_name, e.recorded_by_label, e.last_seen_at, e.returned_at, e.found_where,
  e.found_postcode, e.circumstances, e.exploitation_suspected, e.initial_risk_grade, e.risk_grade, e.area,
  e.external_ref, e.created_at, p.forename AS child_forename, p.surname AS child_surname,
  to_char(p.dob, 'YYYY-MM-DD') AS child_dob, p.cse_risk_level, p.repeat_missing`;

const EPISODE_FROM = `missing_episode e JOIN agency a ON a.id = e.reported_by_agency_id
  LEFT JOIN placement pl ON pl.id = e.placement_id LEFT JOIN person p ON p.id = e.person_id`;

export function findEpisode(tx: Tx, id: string): Promise<EpisodeRow | null> {
  return tx.maybeOne<EpisodeRow>(`SELECT ${EPISODE_COLUMNS} FROM ${EPISODE_FROM} WHERE e.id = $1`, [id]);
}

export async function episodeExists(tx: Tx, id: string): Promise<boolean> {
  const row = await tx.one<{ e: boolean }>('SELECT lantern_missing_episode_exists($1) AS e', [id]);
  return row.e;
}

export function episodesOfPerson(tx: Tx, personId: string): Promise<EpisodeRow[]> {
  return tx.query<EpisodeRow>(
    `SELECT ${EPISODE_COLUMNS} FROM ${EPISODE_FROM} WHERE e.person_id = $1 ORDER BY e.reported_at DESC`,
    [personId],
  );
}

export function episodesOfPlacement(tx: Tx, placementId: string, limit: number): Promise<EpisodeRow[]> {
  return tx.query<EpisodeRow>(
    `SELECT ${EPISODE_COLUMNS} FROM ${EPISODE_FROM} WHERE e.placement_id = $1 ORDER BY e.reported_at DESC LIMIT $2`,
    [placementId, limit],
  );
}

/** Every episode of the child, whoever reported it (a definer function, for the repeat rule only). */
export async function episodeStarts(tx: Tx, personId: string): Promise<{ id: string; startedAt: Date }[]> {
  const rows = await tx.query<{ episode_id: string; reported_at: Date }>(
    'SELECT episode_id, reported_at FROM lantern_missing_episode_starts($1)',
    [personId],
  );
  return rows.map((r) => ({ id: r.episode_id, startedAt: r.reported_at }));
}

/** Serialises episode writes for one child, so that two at once cannot both start a run. */
export async function lockChild(tx: Tx, personId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7310))', [`missing:${personId}`]);
}

export async function setReturn(
  tx: Tx,
  id: string,
  r: { returnedAt: Date; foundWhere: string | null; foundPostcode: string | null },
): Promise<void> {
  await tx.query(
    'UPDATE missing_episode SET returned_at = $2, found_where = $3, found_postcode = $4 WHERE id = $1',
    [id, r.returnedAt, r.foundWhere, r.foundPostcode],
  );
}

export async function insertEpisodePeople(
  tx: Tx,
  episodeId: string,
  people: readonly { personId: string; relation: string }[],
): Promise<void> {
  for (const p of people) {
    await tx.query(
      `INSERT INTO missing_episode_person (episode_id, person_id, relation) VALUES ($1, $2, $3)
       ON CONFLICT (episode_id, person_id) DO NOTHING`,
      [episodeId, p.personId, p.relation],
    );
  }
}

export interface EpisodePersonRow {
  person_id: string;
  relation: string;
  forename: string | null;
  surname: string | null;
}

export function episodePeople(tx: Tx, episodeId: string): Promise<EpisodePersonRow[]> {
  return tx.query<EpisodePersonRow>(
    `SELECT ep.person_id, ep.relation, p.forename, p.surname FROM missing_episode_person ep
       JOIN person p ON p.id = ep.person_id WHERE ep.episode_id = $1 ORDER BY p.surname, p.forename`,
    [episodeId],
  );
}

export interface GradeChangeRow {
  from_grade: string;
  to_grade: string;
  rationale: string;
  changed_by_label: string;
  changed_at: Date;
}

export function gradeHistory(tx: Tx, episodeId: string): Promise<GradeChangeRow[]> {
  return tx.query<GradeChangeRow>(
    `SELECT from_grade, to_grade, rationale, changed_by_label, changed_at FROM missing_risk_grade_change
      WHERE episode_id = $1 ORDER BY changed_at, id`,
    [episodeId],
  );
}

export async function insertGradeChange(
  tx: Tx,
  c: {
    episodeId: string;
    from: string;
    to: string;
    rationale: string;
    by: string | null;
    label: string;
    at: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO missing_risk_grade_change (episode_id, from_grade, to_grade, rationale, changed_by, changed_by_label, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [c.episodeId, c.from, c.to, c.rationale, c.by, c.label, c.at],
  );
  await tx.query('UPDATE missing_episode SET risk_grade = $2 WHERE id = $1', [c.episodeId, c.to]);
}

export interface InterviewRow {
  episode_id: string;
  offered: boolean;
  offered_at: Date | null;
  not_offered_reason: string | null;
  not_offered_by_label: string | null;
  not_offered_at: Date | null;
  response: 'ACCEPTED' | 'DECLINED' | null;
  responded_at: Date | null;
  completed_at: Date | null;
  by_agency_id: string | null;
  by_agency_name: string | null;
  by_name: string | null;
  disclosures: string | null;
  recorded_by_label: string;
  updated_at: Date;
}

export function findInterview(tx: Tx, episodeId: string): Promise<InterviewRow | null> {
  return tx.maybeOne<InterviewRow>(
    `SELECT r.episode_id, r.offered, r.offered_at, r.not_offered_reason, r.not_offered_by_label, r.not_offered_at,
            r.response, r.responded_at, r.completed_at, r.by_agency_id, a.name AS by_agency_name, r.by_name,
            r.disclosures, r.recorded_by_label, r.updated_at
       FROM return_home_interview r LEFT JOIN agency a ON a.id = r.by_agency_id WHERE r.episode_id = $1`,
    [episodeId],
  );
}

export interface InterviewWrite {
  episodeId: string;
  offered: boolean;
  offeredAt: Date | null;
  notOfferedReason: string | null;
  notOfferedByLabel: string | null;
  notOfferedAt: Date | null;
  response: 'ACCEPTED' | 'DECLINED' | null;
  respondedAt: Date | null;
  completedAt: Date | null;
  byAgencyId: string | null;
  byName: string | null;
  disclosures: string | null;
  recordedByLabel: string;
}

/** One interview record per episode: each recording replaces what was known (offered, then completed). */
export async function saveInterview(tx: Tx, r: InterviewWrite): Promise<void> {
  await tx.query(
    `INSERT INTO return_home_interview (episode_id, offered, offered_at, not_offered_reason, not_offered_by_label,
       not_offered_at, response, responded_at, completed_at, by_agency_id, by_name, disclosures, recorded_by_label)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (episode_id) DO UPDATE SET offered = excluded.offered, offered_at = excluded.offered_at,
       not_offered_reason = excluded.not_offered_reason, not_offered_by_label = excluded.not_offered_by_label,
       not_offered_at = excluded.not_offered_at, response = excluded.response, responded_at = excluded.responded_at,
       completed_at = excluded.completed_at, by_agency_id = excluded.by_agency_id, by_name = excluded.by_name,
       disclosures = excluded.disclosures, recorded_by_label = excluded.recorded_by_label, updated_at = now()`,
    [
      r.episodeId,
      r.offered,
      r.offeredAt,
      r.notOfferedReason,
      r.notOfferedByLabel,
      r.notOfferedAt,
      r.response,
      r.respondedAt,
      r.completedAt,
      r.byAgencyId,
      r.byName,
      r.disclosures,
      r.recordedByLabel,
    ],
  );
}

export interface OpenInterviewRow {
  episode_id: string;
  person_id: string;
  returned_at: Date;
  area: string;
  type: string;
  child_forename: string | null;
  child_surname: string | null;
  placement_name: string | null;
  offered: boolean | null;
  offered_at: Date | null;
  response: string | null;
}

/** Returned episodes whose interview is neither completed, declined nor decided against (within scope). */
export function openInterviews(tx: Tx, limit: number): Promise<OpenInterviewRow[]> {
  return tx.query<OpenInterviewRow>(
    `SELECT e.id AS episode_id, e.person_id, e.returned_at, e.area, e.type, p.forename AS child_forename,
            p.surname AS child_surname, pl.name AS placement_name, r.offered, r.offered_at, r.response
       FROM missing_episode e JOIN person p ON p.id = e.person_id
       LEFT JOIN placement pl ON pl.id = e.placement_id
       LEFT JOIN return_home_interview r ON r.episode_id = e.id
      WHERE e.returned_at IS NOT NULL
        AND (r.episode_id IS NULL OR (r.offered AND r.completed_at IS NULL AND r.response IS DISTINCT FROM 'DECLINED'))
      ORDER BY e.returned_at LIMIT $1`,
    [limit],
  );
}

export async function setPersonFlags(
  tx: Tx,
  personId: string,
  flags: { repeatMissing: boolean; since: Date | null; moreThanOnce: boolean },
): Promise<void> {
  await tx.query(
    `UPDATE person SET repeat_missing = $2, repeat_missing_since = $3, missing_more_than_once = $4 WHERE id = $1`,
    [personId, flags.repeatMissing, flags.since, flags.moreThanOnce],
  );
}

export async function insertMashTask(
  tx: Tx,
  t: { personId: string; area: string; kind: string; description: string; sourceEpisodeId: string | null },
): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO mash_task (id, person_id, area, kind, description, source_episode_id) VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, t.personId, t.area, t.kind, t.description, t.sourceEpisodeId],
  );
  return id;
}

export interface MashTaskRow {
  id: string;
  person_id: string;
  area: string;
  kind: string;
  description: string;
  source_episode_id: string | null;
  created_at: Date;
  done_at: Date | null;
  done_by_label: string | null;
}

export function mashTasksOf(tx: Tx, personId: string): Promise<MashTaskRow[]> {
  return tx.query<MashTaskRow>(
    `SELECT id, person_id, area, kind, description, source_episode_id, created_at, done_at, done_by_label
       FROM mash_task WHERE person_id = $1 ORDER BY created_at`,
    [personId],
  );
}

export interface PlacementSummaryRow extends PlacementRow {
  episodes: number;
  episodes_recent: number;
  children: number;
}

/** Each placement with the episodes the caller may see: all of them and those reported since `since`. */
export function placementSummaries(tx: Tx, since: Date): Promise<PlacementSummaryRow[]> {
  return tx.query<PlacementSummaryRow>(
    `SELECT pl.id, pl.code, pl.name, pl.kind, pl.area, pl.postcode, pl.agency_id,
            count(e.id)::int AS episodes, count(e.id) FILTER (WHERE e.reported_at >= $1)::int AS episodes_recent,
            count(DISTINCT e.person_id)::int AS children
       FROM placement pl LEFT JOIN missing_episode e ON e.placement_id = pl.id
      GROUP BY pl.id ORDER BY count(e.id) FILTER (WHERE e.reported_at >= $1) DESC, count(e.id) DESC, pl.name`,
    [since],
  );
}

export interface PlacementChildRow {
  person_id: string;
  forename: string | null;
  surname: string | null;
  dob: string | null;
  cse_risk_level: string | null;
  repeat_missing: boolean;
  episodes: number;
  episodes_recent: number;
  last_reported_at: Date;
}

export function placementChildren(tx: Tx, placementId: string, since: Date): Promise<PlacementChildRow[]> {
  return tx.query<PlacementChildRow>(
    `SELECT p.id AS person_id, p.forename, p.surname, to_char(p.dob, 'YYYY-MM-DD') AS dob, p.cse_risk_level,
            p.repeat_missing, count(*)::int AS episodes,
            count(*) FILTER (WHERE e.reported_at >= $2)::int AS episodes_recent, max(e.reported_at) AS last_reported_at
       FROM missing_episode e JOIN person p ON p.id = e.person_id
      WHERE e.placement_id = $1
      GROUP BY p.id ORDER BY count(*) FILTER (WHERE e.reported_at >= $2) DESC, max(e.reported_at) DESC`,
    [placementId, since],
  );
}

export function externalRefsTaken(
  tx: Tx,
  agencyId: string,
  refs: readonly string[],
): Promise<{ ref: string }[]> {
  return tx.query<{ ref: string }>(
    'SELECT external_ref AS ref FROM missing_episode WHERE reported_by_agency_id = $1 AND external_ref = ANY($2::text[])',
    [agencyId, refs],
  );
}
