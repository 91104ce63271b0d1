/**
 * Numbered SQL migrations (`migrations/NNN_name.sql`), each applied once in its own transaction and
 * recorded with a checksum. A landed migration must never be edited: a changed checksum stops the start.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database.ts';

export const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', '..', 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  const migrations = files.map((file) => {
    const sql = readFileSync(join(dir, file), 'utf8');
    return {
      version: Number(file.slice(0, 3)),
      name: file.slice(4, -4),
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    };
  });
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migrations must be numbered 001, 002, ... without gaps: ${m.version}`);
  });
  return migrations;
}

const LOCK_KEY = 7_474_001; // any constant: serialises migrators across app instances

export interface MigrateResult {
  applied: string[];
  current: number;
}

export async function migrate(
  db: Database,
  migrations: Migration[] = loadMigrations(),
): Promise<MigrateResult> {
  const client = await db.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migration ORDER BY version',
    );
    const landed = new Map(rows.map((r) => [r.version, r]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const done = landed.get(migration.version);
      if (done) {
        if (done.checksum !== migration.checksum) {
          throw new Error(
            `migration ${migration.version}_${migration.name} was edited after it was applied; add a new migration instead`,
          );
        }
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migration (version, name, checksum) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          migration.checksum,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(
          `migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`,
        );
      }
      applied.push(`${String(migration.version).padStart(3, '0')}_${migration.name}`);
    }
    return { applied, current: migrations.at(-1)?.version ?? 0 };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    client.release();
  }
}

/** For /readyz: true when every migration this build knows has been applied. */
export async function migrationsCurrent(
  db: Database,
  migrations: Migration[] = loadMigrations(),
): Promise<boolean> {
  const { rows } = await db.pool.query<{ max: number | null }>(
    'SELECT max(version) AS max FROM schema_migration',
  );
  return (rows[0]?.max ?? 0) >= (migrations.at(-1)?.version ?? 0);
}
