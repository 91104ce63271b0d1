/**
 * Savepoints of the caller's transaction, for the imports: each row is written inside one, so that a row
 * the rules or the database refuse is rolled back whole while the batch carries on, and a dry run rolls
 * back everything it tried. Names are identifiers of the caller's code, never input.
 */
import type { Tx } from './transaction.ts';

function checked(name: string): string {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`not a savepoint name: ${name}`);
  return name;
}

export async function savepoint(tx: Tx, name: string): Promise<void> {
  await tx.query(`SAVEPOINT ${checked(name)}`);
}

export async function releaseSavepoint(tx: Tx, name: string): Promise<void> {
  await tx.query(`RELEASE SAVEPOINT ${checked(name)}`);
}

export async function rollbackToSavepoint(tx: Tx, name: string): Promise<void> {
  await tx.query(`ROLLBACK TO SAVEPOINT ${checked(name)}`);
  await tx.query(`RELEASE SAVEPOINT ${checked(name)}`);
}
