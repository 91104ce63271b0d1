/** SQL for routing: the postcode districts (data per partnership) and a referral's police division. */
import type { Tx } from '../platform/db/transaction.ts';

export interface PostcodeDistrictRow {
  district: string;
  town: string;
  area: string;
  division: string | null;
}

export function findDistrict(tx: Tx, district: string): Promise<PostcodeDistrictRow | null> {
  return tx.maybeOne<PostcodeDistrictRow>(
    'SELECT district, town, area, division FROM postcode_district WHERE district = $1',
    [district],
  );
}

/** Adds or updates districts (system work only: row-level security refuses anyone else). */
export async function upsertDistricts(tx: Tx, rows: readonly PostcodeDistrictRow[]): Promise<void> {
  if (!rows.length) return;
  await tx.query(
    `INSERT INTO postcode_district (district, town, area, division)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
     ON CONFLICT (district) DO UPDATE SET town = EXCLUDED.town, area = EXCLUDED.area, division = EXCLUDED.division`,
    [
      rows.map((r) => r.district),
      rows.map((r) => r.town),
      rows.map((r) => r.area),
      rows.map((r) => r.division),
    ],
  );
}

/** The divisions known: those of the districts. */
export async function knownDivisions(tx: Tx): Promise<string[]> {
  const rows = await tx.query<{ division: string }>(
    'SELECT DISTINCT division FROM postcode_district WHERE division IS NOT NULL ORDER BY division',
  );
  return rows.map((r) => r.division);
}

export async function agencyType(tx: Tx, agencyId: string): Promise<string | null> {
  const row = await tx.maybeOne<{ type: string }>('SELECT type FROM agency WHERE id = $1', [agencyId]);
  return row?.type ?? null;
}

export async function overrideDivision(
  tx: Tx,
  referralId: string,
  division: string,
  reason: string,
  byLabel: string,
): Promise<void> {
  await tx.query('SELECT lantern_override_division($1, $2, $3, $4)', [referralId, division, reason, byLabel]);
}
