/** SQL for merging and unmerging people: every moved row is returned so that it can be moved back. */
import { actorNameSql } from '../platform/auth/actor-name-store.ts';
import type { Tx } from '../platform/db/transaction.ts';

export interface Moved {
  sourceRecords: string[];
  victimReferrals: string[];
  suspectReferrals: string[];
  referralPeople: Array<{ referralId: string; role: string }>;
  suspectChildLinks: string[];
  survivorBefore: { restricted: boolean; caseTeam: string[] };
}

export async function moveRecords(
  tx: Tx,
  fromId: string,
  toId: string,
): Promise<Omit<Moved, 'survivorBefore'>> {
  const ids = async (sql: string) => (await tx.query<{ id: string }>(sql, [fromId, toId])).map((r) => r.id);
  const sourceRecords = await ids(
    'UPDATE source_record SET person_id = $2 WHERE person_id = $1 RETURNING id',
  );
  const victimReferrals = await ids(
    'UPDATE victim_referral SET person_id = $2 WHERE person_id = $1 RETURNING id',
  );
  const suspectReferrals = await ids(
    'UPDATE suspect_referral SET person_id = $2 WHERE person_id = $1 RETURNING id',
  );
  // Where both people are already on the same referral in the same role, the row stays where it is.
  const referralPeople = await tx.query<{ referralId: string; role: string }>(
    `UPDATE referral_person rp SET person_id = $2 WHERE rp.person_id = $1
        AND NOT EXISTS (SELECT 1 FROM referral_person o WHERE o.referral_id = rp.referral_id AND o.role = rp.role AND o.person_id = $2)
      RETURNING rp.referral_id AS "referralId", rp.role`,
    [fromId, toId],
  );
  const suspectChildLinks = (
    await tx.query<{ id: string }>(
      `UPDATE suspect_child_link l SET child_person_id = $2 WHERE l.child_person_id = $1
          AND NOT EXISTS (SELECT 1 FROM suspect_child_link o WHERE o.suspect_referral_id = l.suspect_referral_id AND o.child_person_id = $2)
        RETURNING l.suspect_referral_id AS id`,
      [fromId, toId],
    )
  ).map((r) => r.id);
  return { sourceRecords, victimReferrals, suspectReferrals, referralPeople, suspectChildLinks };
}

export async function moveBack(tx: Tx, moved: Moved, survivorId: string, mergedId: string): Promise<void> {
  await tx.query('UPDATE source_record SET person_id = $3 WHERE id = ANY($1::uuid[]) AND person_id = $2', [
    moved.sourceRecords,
    survivorId,
    mergedId,
  ]);
  await tx.query('UPDATE victim_referral SET person_id = $3 WHERE id = ANY($1::uuid[]) AND person_id = $2', [
    moved.victimReferrals,
    survivorId,
    mergedId,
  ]);
  await tx.query('UPDATE suspect_referral SET person_id = $3 WHERE id = ANY($1::uuid[]) AND person_id = $2', [
    moved.suspectReferrals,
    survivorId,
    mergedId,
  ]);
  for (const link of moved.referralPeople) {
    await tx.query(
      'UPDATE referral_person SET person_id = $4 WHERE referral_id = $1 AND role = $2 AND person_id = $3',
      [link.referralId, link.role, survivorId, mergedId],
    );
  }
  await tx.query(
    'UPDATE suspect_child_link SET child_person_id = $3 WHERE suspect_referral_id = ANY($1::uuid[]) AND child_person_id = $2',
    [moved.suspectChildLinks, survivorId, mergedId],
  );
}

export async function recompute(tx: Tx, personId: string): Promise<void> {
  await tx.query('SELECT lantern_recompute_person($1)', [personId]);
}

export async function copyScope(tx: Tx, fromId: string, toId: string): Promise<void> {
  await tx.query(
    'UPDATE person t SET agency_ids = f.agency_ids, areas = f.areas FROM person f WHERE t.id = $2 AND f.id = $1',
    [fromId, toId],
  );
}

export async function setMergedInto(tx: Tx, personId: string, into: string | null): Promise<void> {
  await tx.query('UPDATE person SET merged_into = $2, updated_at = now() WHERE id = $1', [personId, into]);
}

export async function setRestriction(
  tx: Tx,
  personId: string,
  restricted: boolean,
  caseTeam: string[],
): Promise<void> {
  await tx.query('UPDATE person SET restricted = $2, case_team = $3 WHERE id = $1', [
    personId,
    restricted,
    caseTeam,
  ]);
}

export async function insertMerge(
  tx: Tx,
  merge: {
    survivorId: string;
    mergedId: string;
    mergedBy: string | null;
    mergedByLabel: string;
    reason: string;
    moved: Moved;
  },
): Promise<string> {
  const row = await tx.one<{ id: string }>(
    `INSERT INTO person_merge (survivor_id, merged_id, merged_by, merged_by_label, reason, moved)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      merge.survivorId,
      merge.mergedId,
      merge.mergedBy,
      merge.mergedByLabel,
      merge.reason,
      JSON.stringify(merge.moved),
    ],
  );
  return row.id;
}

export interface MergeRow {
  id: string;
  survivor_id: string;
  merged_id: string;
  merged_by_label: string;
  /** "Name, Agency" of who merged (the label when no user has that username). */
  merged_by_name?: string;
  merged_at: Date;
  reason: string;
  moved: Moved;
  unmerged_at: Date | null;
  unmerged_by_label: string | null;
  unmerged_by_name?: string | null;
  unmerge_reason: string | null;
}

export function findMerge(tx: Tx, id: string): Promise<MergeRow | null> {
  return tx.maybeOne<MergeRow>(
    `SELECT *, ${actorNameSql('merged_by_label')} AS merged_by_name, ${actorNameSql('unmerged_by_label')} AS unmerged_by_name FROM person_merge WHERE id = $1`,
    [id],
  );
}

export function mergesOf(tx: Tx, personId: string): Promise<MergeRow[]> {
  return tx.query<MergeRow>(
    `SELECT *, ${actorNameSql('merged_by_label')} AS merged_by_name, ${actorNameSql('unmerged_by_label')} AS unmerged_by_name FROM person_merge WHERE survivor_id = $1 OR merged_id = $1 ORDER BY merged_at DESC`,
    [personId],
  );
}

export async function markUnmerged(tx: Tx, id: string, label: string, reason: string): Promise<void> {
  await tx.query(
    'UPDATE person_merge SET unmerged_at = now(), unmerged_by_label = $2, unmerge_reason = $3 WHERE id = $1',
    [id, label, reason],
  );
}
