/**
 * The loader's own SQL: its bookkeeping tables (`synth_chunk`, the claim on each chunk and part, and
 * `synth_truth`, the ground truth of each source record), what the database holds before a load, which of
 * the parts' tables exist, and fresh planner statistics afterwards. The rows of the registry, referrals,
 * MASH, risk and missing tables go through their modules' bulk writers (`src/<module>/bulk-store.ts`).
 */
import type { Database } from '../platform/db/database.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { ChunkIdentity } from './load-plan.ts';
import type { Schema } from './load-schema.ts';

export interface LoadState {
  /** Keys of the chunks and parts loaded before. */
  loaded: Set<string>;
  /** Victim and suspect referrals in the database. */
  referrals: number;
  /** Agency ids by code. */
  agencyIds: Map<string, string>;
}

export async function readLoadState(tx: Tx): Promise<LoadState> {
  const loaded = await tx.query<{ chunk_key: string }>('SELECT chunk_key FROM synth_chunk');
  const referrals = await tx.one<{ n: number }>(
    'SELECT (SELECT count(*) FROM victim_referral) + (SELECT count(*) FROM suspect_referral) AS n',
  );
  const agencies = await tx.query<{ id: string; code: string }>('SELECT id, code FROM agency');
  return {
    loaded: new Set(loaded.map((r) => r.chunk_key)),
    referrals: Number(referrals.n),
    agencyIds: new Map(agencies.map((a) => [a.code, a.id] as const)),
  };
}

/**
 * Whether a table of the public schema has a column. Read from pg_attribute: information_schema.columns
 * is a view over many catalogs, slow on the embedded engine.
 */
function hasColumn(table: string, column: string): string {
  return `EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.${table}') AND attname = '${column}'
                    AND NOT attisdropped)`;
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
            ${hasColumn('person', 'repeat_missing')} AND ${hasColumn('person', 'missing_more_than_once')}
              AS "repeatMissing",
            ${hasColumn('person', 'repeat_missing_since')} AS "repeatMissingSince",
            ${hasColumn('victim_referral', 'division')} AS division`,
  );
  return row;
}

/**
 * Claims a chunk or a part of one (its `synth_chunk` row is the lock); false when another load claimed it
 * first. A chunk's row records its sizes; a part's records zeros.
 */
export async function claimChunk(
  tx: Tx,
  identity: ChunkIdentity,
  key: string,
  sizes: { sourceRecords: number; victimReferrals: number; suspectReferrals: number } = {
    sourceRecords: 0,
    victimReferrals: 0,
    suspectReferrals: 0,
  },
): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO synth_chunk (chunk_key, seed, chunk_index, source_records, victim_referrals, suspect_referrals)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (chunk_key) DO NOTHING RETURNING chunk_key`,
    [
      key,
      identity.seed,
      identity.chunkIndex,
      sizes.sourceRecords,
      sizes.victimReferrals,
      sizes.suspectReferrals,
    ],
  );
  return rows.length > 0;
}

/** Claims parts of a chunk at once (zeros for their sizes); returns the keys claimed, not those claimed before. */
export async function claimParts(
  tx: Tx,
  identity: ChunkIdentity,
  keys: readonly string[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await tx.query<{ chunk_key: string }>(
    `INSERT INTO synth_chunk (chunk_key, seed, chunk_index, source_records, victim_referrals, suspect_referrals)
     SELECT key, $2, $3, 0, 0, 0 FROM unnest($1::text[]) AS key
     ON CONFLICT (chunk_key) DO NOTHING RETURNING chunk_key`,
    [keys, identity.seed, identity.chunkIndex],
  );
  return new Set(rows.map((r) => r.chunk_key));
}

/** The true identity behind each source record, kept apart from the registry for the tests and reports. */
export async function insertTruthBulk(
  tx: Tx,
  rows: readonly { id: string; trueId: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    'INSERT INTO synth_truth (source_record_id, true_id) SELECT * FROM unnest($1::uuid[], $2::text[])',
    [rows.map((r) => r.id), rows.map((r) => r.trueId)],
  );
}

/**
 * Fresh planner statistics after a bulk load, so that search uses its indexes at once (the embedded
 * engine has no autovacuum). Runs as the connection's own role, which owns the tables.
 */
export async function analyseLoadedTables(db: Database, schema: Schema): Promise<void> {
  const tables = [
    'person',
    'source_record',
    'source_address',
    'victim_referral',
    'referral_person',
    'suspect_referral',
    'suspect_child_link',
    'synth_truth',
    ...(schema.mash
      ? ['mash_episode', 'rag_change', 'research_request', 'contribution', 'mash_decision', 'risk_assessment']
      : []),
    ...(schema.missing ? ['missing_episode'] : []),
    ...(schema.returnInterviews ? ['return_home_interview'] : []),
    ...(schema.disposal ? ['disposal'] : []),
  ];
  await db.pool.query(`ANALYZE ${tables.join(', ')}`);
}
