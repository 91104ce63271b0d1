/** The trigram-search side of the identity benchmark: the same people in PGlite or PostgreSQL with pg_trgm. */
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { type Latency, latency } from './support.ts';

export interface SqlClient {
  exec(sql: string): Promise<unknown>;
  query(sql: string, params: unknown[]): Promise<{ rows: { id: string }[] }>;
  close(): Promise<void>;
}

/**
 * Loads `names` (keyed by `ids`) into a table with a trigram index and times one similarity query per
 * entry of `queryIndexes` (after 20 warm-up queries): what each found besides the queried record itself.
 */
export async function trigramSearch(
  client: SqlClient,
  people: { ids: readonly string[]; names: readonly string[] },
  queryIndexes: readonly number[],
  top: number,
): Promise<{ latency: Latency; found: string[][]; buildSeconds: number }> {
  const t0 = performance.now();
  await client.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  await client.exec('DROP TABLE IF EXISTS bench_identity_people');
  await client.exec('CREATE TABLE bench_identity_people (id text PRIMARY KEY, name text NOT NULL)');
  const BATCH = 2000;
  for (let start = 0; start < people.ids.length; start += BATCH) {
    const end = Math.min(start + BATCH, people.ids.length);
    const params: string[] = [];
    const values: string[] = [];
    for (let i = start; i < end; i++) {
      values.push(`($${params.length + 1}, $${params.length + 2})`);
      params.push(people.ids[i]!, people.names[i]!);
    }
    await client.query(`INSERT INTO bench_identity_people (id, name) VALUES ${values.join(',')}`, params);
  }
  await client.exec(
    'CREATE INDEX bench_identity_people_name_trgm ON bench_identity_people USING gin (name gin_trgm_ops)',
  );
  await client.exec('ANALYZE bench_identity_people');
  const buildSeconds = (performance.now() - t0) / 1000;
  const sql =
    'SELECT id FROM bench_identity_people WHERE name % $1 AND similarity(name, $1) > 0.3 ' +
    'ORDER BY similarity(name, $1) DESC, id LIMIT $2';
  for (let w = 0; w < Math.min(20, queryIndexes.length); w++) {
    await client.query(sql, [people.names[queryIndexes[w]!]!, top + 1]);
  }
  const samples: number[] = [];
  const found: string[][] = [];
  for (const index of queryIndexes) {
    const started = performance.now();
    const result = await client.query(sql, [people.names[index]!, top + 1]);
    samples.push(performance.now() - started);
    const self = people.ids[index]!;
    found.push(
      result.rows
        .map((r) => r.id)
        .filter((id) => id !== self)
        .slice(0, top),
    );
  }
  await client.exec('DROP TABLE bench_identity_people');
  return { latency: latency(samples), found, buildSeconds };
}

export async function pgliteClient(): Promise<SqlClient> {
  const db = await PGlite.create({ extensions: { pg_trgm } });
  return {
    exec: (sql) => db.exec(sql),
    query: (sql, params) => db.query<{ id: string }>(sql, params),
    close: () => db.close(),
  };
}

export async function postgresClient(url: string): Promise<SqlClient> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // A schema of its own, dropped at the end, so nothing else in the database is touched.
  await client.query('CREATE SCHEMA IF NOT EXISTS bench_identity');
  await client.query('SET search_path = bench_identity, public');
  return {
    exec: (sql) => client.query(sql),
    query: (sql, params) => client.query<{ id: string }>(sql, params),
    close: async () => {
      await client.query('DROP SCHEMA bench_identity CASCADE');
      await client.end();
    },
  };
}
