/**
 * Every unit of work runs in one transaction under the app role, with the acting user's context set as
 * transaction-local settings that row-level security policies read. Nothing is set for the session, so a
 * pooled connection never carries one request's identity into the next.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Database } from './database.ts';
import { APP_ROLE } from './roles.ts';

/**
 * Why a unit of work runs without (or beyond) a signed-in user: `authenticate` lets sign-in find the
 * account being signed into; `system` is for the CLI, start-up and jobs, never for a request.
 */
export type Purpose = 'request' | 'authenticate' | 'system';

export interface DbContext {
  userId: string | null;
  agencyId: string | null;
  teamIds: readonly string[];
  /** Partnership areas whose hub the caller works in (MASH roles see their hub's referrals). */
  areas: readonly string[];
  permissions: ReadonlySet<string> | readonly string[];
  purpose: Purpose;
  correlationId: string;
  /** Who acts, as `user:<id>`, `token:<id>` or `system`: idempotency keys belong to one principal. */
  principalKey: string;
  /** How the actor is named in the audit log (username, token name, `system`). */
  actorLabel: string;
  /** Counts the audit events this request has committed, so a route that declares one can be held to it. */
  auditTally?: { committed: number };
}

export interface Tx {
  readonly context: DbContext;
  /** The database's audit seal key: only the audit store uses it. */
  readonly auditKey: Buffer;
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  one<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T>;
  maybeOne<T extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params?: unknown[],
  ): Promise<T | null>;
  /** Work to run only after the transaction has committed (e.g. a log line or metric). */
  afterCommit(fn: () => void): void;
}

export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the database is unavailable', { cause });
  }
}

/**
 * A query that starts with this comment is sent as a named prepared statement, so that the connection keeps
 * its plan: for large reads under nested row-level security policies (a child's chronology) planning costs
 * far more than running. Row-level security reads its settings when the plan runs, so a cached plan stays
 * right for every caller.
 */
export const PREPARED_MARK = '/* prepared */';
const PREPARED = /^\/\* prepared \*\//;

function statementName(sql: string): string {
  return `lantern_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
}

function makeTx(client: pg.PoolClient, context: DbContext, after: Array<() => void>, auditKey: Buffer): Tx {
  const query = async <T extends pg.QueryResultRow>(sql: string, params?: unknown[]) =>
    (PREPARED.test(sql)
      ? await client.query<T>({ name: statementName(sql), text: sql, values: params as unknown[] })
      : await client.query<T>(sql, params as unknown[])
    ).rows;
  return {
    context,
    auditKey,
    query,
    async one<T extends pg.QueryResultRow>(sql: string, params?: unknown[]) {
      const rows = await query<T>(sql, params);
      if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}`);
      return rows[0]!;
    },
    async maybeOne<T extends pg.QueryResultRow>(sql: string, params?: unknown[]) {
      const rows = await query<T>(sql, params);
      return rows[0] ?? null;
    },
    afterCommit(fn) {
      after.push(fn);
    },
  };
}

async function connect(db: Database): Promise<pg.PoolClient> {
  try {
    return await db.pool.connect();
  } catch (error) {
    throw new DatabaseUnavailableError(error);
  }
}

export interface TransactionOptions {
  /** REPEATABLE READ gives long reads (audit verification, reports) one consistent snapshot. */
  isolation?: 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';
  readOnly?: boolean;
}

export async function withTransaction<T>(
  db: Database,
  context: DbContext,
  work: (tx: Tx) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const client = await connect(db);
  const after: Array<() => void> = [];
  let broken = false;
  try {
    await client.query(
      `BEGIN ISOLATION LEVEL ${options.isolation ?? 'READ COMMITTED'}${options.readOnly ? ' READ ONLY' : ''}`,
    );
    await client.query(`SET LOCAL ROLE ${APP_ROLE}`);
    // JIT off for the transaction, in the same statement (no round trip of its own): PostgreSQL compiles a
    // plan whose estimated cost passes jit_above_cost, and a child's chronology (a 140-node union read) was
    // estimated past it on a freshly loaded database: a second of compiling for an 8 ms query, on every
    // custom plan (decision 0040). Lantern's statements are short; none is long enough to repay compiling.
    // The embedded engine has no JIT and accepts the setting.
    await client.query(
      `SELECT set_config('lantern.user_id', $1, true), set_config('lantern.agency_id', $2, true),
              set_config('lantern.team_ids', $3, true), set_config('lantern.permissions', $4, true),
              set_config('lantern.purpose', $5, true), set_config('lantern.correlation_id', $6, true),
              set_config('lantern.principal', $7, true), set_config('lantern.areas', $8, true),
              set_config('jit', 'off', true)`,
      [
        context.userId ?? '',
        context.agencyId ?? '',
        [...context.teamIds].join(','),
        [...context.permissions].join(','),
        context.purpose,
        context.correlationId,
        context.principalKey,
        [...context.areas].join(','),
      ],
    );
    const result = await work(makeTx(client, context, after, db.auditKey));
    await client.query('COMMIT');
    for (const fn of after) fn();
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch {
      broken = true;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/** A context acting for no user or agency, with no permissions: the system's own work, or signing in. */
export function contextOfNoOne(purpose: Purpose, correlationId: string, actor: string): DbContext {
  return {
    userId: null,
    agencyId: null,
    teamIds: [],
    areas: [],
    permissions: [],
    purpose,
    correlationId,
    principalKey: actor,
    actorLabel: actor,
  };
}

export function systemContext(correlationId: string): DbContext {
  return contextOfNoOne('system', correlationId, 'system');
}
