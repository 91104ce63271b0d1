/** SQL for missing episodes: the episode rows, the police risk grade history and the people found with the child. */

import { randomUUID } from 'node:crypto';
import { actorNameSql } from '../platform/auth/actor-name-store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { RationaleChange } from '../platform/forms/rationale.ts';

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
  ${actorNameSql('e.reported_by_label')} AS reported_by_label, e.reporter_name, ${actorNameSql('e.recorded_by_label')} AS recorded_by_label, e.last_seen_at, e.returned_at, e.found_where,
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
    `SELECT from_grade, to_grade, rationale, ${actorNameSql('changed_by_label')} AS changed_by_label, changed_at FROM missing_risk_grade_change
      WHERE episode_id = $1 ORDER BY changed_at, id`,
    [episodeId],
  );
}

export async function insertGradeChange(tx: Tx, c: RationaleChange & { episodeId: string }): Promise<void> {
  await tx.query(
    `INSERT INTO missing_risk_grade_change (episode_id, from_grade, to_grade, rationale, changed_by, changed_by_label, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [c.episodeId, c.from, c.to, c.rationale, c.by, c.label, c.at],
  );
  await tx.query('UPDATE missing_episode SET risk_grade = $2 WHERE id = $1', [c.episodeId, c.to]);
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
