/** SQL for placements (children's homes and other care placements) and the episodes counted against them. */
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

export interface PlacementSummaryRow extends PlacementRow {
  episodes: number;
  episodes_recent: number;
  children: number;
}

/**
 * A page of placements with the episodes the caller may see: all of them and those reported since `since`,
 * busiest first (LIMIT/OFFSET in SQL; the id breaks ties so pages never overlap). The counts come from
 * `lantern_placement_children` (migration 035): one scope check per child, not per episode.
 */
export function placementSummaries(
  tx: Tx,
  since: Date,
  page: { limit: number; offset: number },
): Promise<PlacementSummaryRow[]> {
  return tx.query<PlacementSummaryRow>(
    `SELECT pl.id, pl.code, pl.name, pl.kind, pl.area, pl.postcode, pl.agency_id,
            coalesce(sum(c.episodes), 0)::int AS episodes, coalesce(sum(c.episodes_recent), 0)::int AS episodes_recent,
            count(c.person_id)::int AS children
       FROM placement pl
       LEFT JOIN lantern_placement_children((SELECT coalesce(array_agg(id), '{}') FROM placement), $1) c
         ON c.placement_id = pl.id
      GROUP BY pl.id
      ORDER BY coalesce(sum(c.episodes_recent), 0) DESC, coalesce(sum(c.episodes), 0) DESC, pl.name, pl.id
      LIMIT $2 OFFSET $3`,
    [since, page.limit, page.offset],
  );
}

/** How many placements there are (every placement shows on the list, with or without episodes). */
export async function countPlacements(tx: Tx): Promise<number> {
  const rows = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM placement');
  return rows[0]?.n ?? 0;
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

/** How many children placed there the caller may see, and their episodes reported since `since`. */
export async function placementTotals(
  tx: Tx,
  placementId: string,
  since: Date,
): Promise<{ children: number; episodes_recent: number }> {
  return tx.one<{ children: number; episodes_recent: number }>(
    `SELECT count(*)::int AS children, coalesce(sum(episodes_recent), 0)::int AS episodes_recent
       FROM lantern_placement_children(ARRAY[$1::uuid], $2)`,
    [placementId, since],
  );
}

/** A page of the children placed there whose episodes the caller may see: the most recently active first. */
export function placementChildren(
  tx: Tx,
  placementId: string,
  since: Date,
  page: { limit: number; offset: number },
): Promise<PlacementChildRow[]> {
  return tx.query<PlacementChildRow>(
    `SELECT p.id AS person_id, p.forename, p.surname, to_char(p.dob, 'YYYY-MM-DD') AS dob, p.cse_risk_level,
            p.repeat_missing, c.episodes, c.episodes_recent, c.last_reported_at
       FROM lantern_placement_children(ARRAY[$1::uuid], $2) c JOIN person p ON p.id = c.person_id
      ORDER BY c.episodes_recent DESC, c.last_reported_at DESC, p.id
      LIMIT $3 OFFSET $4`,
    [placementId, since, page.limit, page.offset],
  );
}
