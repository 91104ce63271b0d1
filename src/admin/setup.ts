/**
 * First start on an empty database: a one-time link lets the first administrator create their agency and
 * account. The link stops working once used, once any user exists, or after 24 hours.
 */

import { appendAuditEvent } from '../platform/audit/store.ts';
import { randomToken, sha256 } from '../platform/auth/secrets.ts';
import type { Database } from '../platform/db/database.ts';
import { systemContext, type Tx, withTransaction } from '../platform/db/transaction.ts';
import { ValidationError } from '../platform/http/errors.ts';
import type { AgencyInput } from './rules.ts';
import { createAgency, createUser } from './service.ts';
import { countUsers } from './store.ts';

/** Returns a fresh setup token when the database has no users, else null. */
export async function issueSetupTokenIfEmpty(db: Database): Promise<string | null> {
  return withTransaction(db, systemContext('setup'), async (tx) => {
    if ((await countUsers(tx)) > 0) return null;
    const token = randomToken(24);
    await tx.query(
      "INSERT INTO setup_token (token_hash, expires_at) VALUES ($1, now() + interval '24 hours')",
      [sha256(token)],
    );
    return token;
  });
}

export async function setupTokenUsable(tx: Tx, token: string): Promise<boolean> {
  if (token.length > 100) return false;
  const row = await tx.maybeOne(
    'SELECT 1 FROM setup_token WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()',
    [sha256(token)],
  );
  return row !== null && (await countUsers(tx)) === 0;
}

export interface SetupInput {
  agency: AgencyInput;
  displayName: string;
  username: string;
  email: string;
  password: string;
  confirmPassword: string;
}

export async function completeSetup(db: Database, token: string, input: SetupInput, correlationId: string) {
  return withTransaction(db, systemContext(correlationId), async (tx) => {
    if (!(await setupTokenUsable(tx, token))) return null;
    if (input.password !== input.confirmPassword) {
      throw new ValidationError([{ field: 'confirmPassword', message: 'The passwords do not match' }]);
    }
    const agency = await createAgency(tx, input.agency);
    const user = await createUser(tx, {
      agencyId: agency.id,
      username: input.username.trim().toLowerCase(),
      displayName: input.displayName,
      email: input.email,
      roles: ['ADMINISTRATOR'],
      teamIds: [],
      password: input.password,
    });
    await tx.query('UPDATE setup_token SET used_at = now() WHERE token_hash = $1', [sha256(token)]);
    await appendAuditEvent(tx, { action: 'SETUP_COMPLETED', subjectType: 'user', subjectId: user.id });
    return user;
  });
}
