/**
 * Gets a database ready for the app: the app role (embedded engine), the role safety check, then the
 * migrations. Refuses to continue where row-level security could be bypassed.
 */
import { bootstrapEmbedded, readRoleFacts, roleProblems } from './bootstrap.ts';
import type { Database } from './database.ts';
import { type MigrateResult, migrate } from './migrate.ts';

export class UnsafeDatabaseRoleError extends Error {}

export async function assertSafeRoles(db: Database): Promise<void> {
  const problems = roleProblems(await readRoleFacts(db), db.engine);
  if (problems.length) {
    throw new UnsafeDatabaseRoleError(
      `Lantern will not run with these database roles:\n  - ${problems.join('\n  - ')}`,
    );
  }
}

export async function prepareDatabase(db: Database): Promise<MigrateResult> {
  if (db.engine === 'pglite') await bootstrapEmbedded(db);
  await assertSafeRoles(db);
  return migrate(db);
}
