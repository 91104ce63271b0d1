/** SQL for return home interviews: one record per returned episode, and the ones still open. */
import { actorNameSql } from '../platform/auth/actor-name-store.ts';
import type { Tx } from '../platform/db/transaction.ts';

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
    `SELECT r.episode_id, r.offered, r.offered_at, r.not_offered_reason, ${actorNameSql('r.not_offered_by_label')} AS not_offered_by_label, r.not_offered_at,
            r.response, r.responded_at, r.completed_at, r.by_agency_id, a.name AS by_agency_name, r.by_name,
            r.disclosures, ${actorNameSql('r.recorded_by_label')} AS recorded_by_label, r.updated_at
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

/** Candidates read at a time: most callers see most open interviews, so one batch usually fills a page. */
const CANDIDATE_BATCH = 200;
/** At most this many open interviews are considered for one list (the oldest first), as before migration 034. */
const MAX_CANDIDATES = 20_000;

/**
 * Returned episodes whose interview is neither completed, declined nor decided against, within scope, the
 * oldest return first. Candidates come in the list's order from the partial index of open interviews
 * without row-level security (migration 034); each batch is then read under the caller's scope, and the
 * next batch is asked for only while the page is short (those outside the scope drop out).
 */
export async function openInterviews(tx: Tx, limit: number, offset = 0): Promise<OpenInterviewRow[]> {
  const wanted = limit + offset;
  const found: OpenInterviewRow[] = [];
  let afterId: string | null = null;
  for (let considered = 0; found.length < wanted && considered < MAX_CANDIDATES; ) {
    const batch = Math.min(Math.max(CANDIDATE_BATCH, wanted - found.length), MAX_CANDIDATES - considered);
    const { ids }: { ids: string[] } = await tx.one<{ ids: string[] }>(
      'SELECT lantern_open_interview_episode_ids($1::uuid, $2::int)::text[] AS ids',
      [afterId, batch],
    );
    if (ids.length === 0) break;
    found.push(...(await visibleOpenInterviews(tx, ids)));
    considered += ids.length;
    if (ids.length < batch) break;
    afterId = ids[ids.length - 1]!;
  }
  return found.slice(offset, offset + limit);
}

/** The candidates the caller may see (row-level security), in the lists' order. */
function visibleOpenInterviews(tx: Tx, ids: readonly string[]): Promise<OpenInterviewRow[]> {
  return tx.query<OpenInterviewRow>(
    `SELECT e.id AS episode_id, e.person_id, e.returned_at, e.area, e.type, p.forename AS child_forename,
            p.surname AS child_surname, pl.name AS placement_name, r.offered, r.offered_at, r.response
       FROM missing_episode e JOIN person p ON p.id = e.person_id
       LEFT JOIN placement pl ON pl.id = e.placement_id
       LEFT JOIN return_home_interview r ON r.episode_id = e.id
      WHERE e.id = ANY ($1::uuid[]) AND e.returned_at IS NOT NULL AND NOT e.interview_settled
      ORDER BY e.returned_at, e.id`,
    [ids],
  );
}
