/**
 * Creates the roles the app runs as. Roles are cluster-wide, so on a server this is a separate step run
 * once by a superuser (`npx lantern db bootstrap`); on the embedded engine it runs at every open.
 */
import pg from 'pg';
import type { Database } from './database.ts';
import { APP_ROLE, OWNER_ROLE } from './roles.ts';

const CREATE_APP_ROLE = `
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
    CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $$;`;

/** Embedded engine: the only login is a superuser, so requests switch to APP_ROLE with SET LOCAL ROLE. */
export async function bootstrapEmbedded(db: Database): Promise<void> {
  await db.pool.query(CREATE_APP_ROLE);
}

export interface ServerBootstrapOptions {
  /** A superuser connection to the server (any database). */
  adminUrl: string;
  /** The database to create (if missing) and own by OWNER_ROLE. */
  database: string;
  /** Password for OWNER_ROLE's login; omit where the server trusts local connections. */
  ownerPassword?: string;
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name "${name}": use a-z, 0-9 and _`);
  return `"${name}"`;
}

/** Server: creates APP_ROLE, the OWNER_ROLE login (a member of APP_ROLE) and the database it owns. */
export async function bootstrapServer(options: ServerBootstrapOptions): Promise<void> {
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  try {
    await admin.query(CREATE_APP_ROLE);
    await admin.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${OWNER_ROLE}') THEN
          CREATE ROLE ${OWNER_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE;
        END IF;
      END $$;`);
    await admin.query(`GRANT ${APP_ROLE} TO ${OWNER_ROLE}`);
    if (options.ownerPassword) {
      const { rows } = await admin.query<{ q: string }>('SELECT quote_literal($1) AS q', [
        options.ownerPassword,
      ]);
      await admin.query(`ALTER ROLE ${OWNER_ROLE} PASSWORD ${rows[0]!.q}`);
    }
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${quoteIdent(options.database)} OWNER ${OWNER_ROLE}`);
    }
  } finally {
    await admin.end();
  }
}

export interface RoleFacts {
  sessionUser: string;
  sessionSuper: boolean;
  sessionBypassRls: boolean;
  appRoleExists: boolean;
  appSuper: boolean;
  appBypassRls: boolean;
  memberOfApp: boolean;
}

export async function readRoleFacts(db: Database): Promise<RoleFacts> {
  const { rows } = await db.pool.query(
    `SELECT s.rolname AS session_user, s.rolsuper AS session_super, s.rolbypassrls AS session_bypass,
            a.rolname IS NOT NULL AS app_exists, coalesce(a.rolsuper, false) AS app_super,
            coalesce(a.rolbypassrls, false) AS app_bypass,
            a.rolname IS NOT NULL AND pg_has_role(session_user, a.oid, 'MEMBER') AS member_of_app
       FROM pg_roles s LEFT JOIN pg_roles a ON a.rolname = $1
      WHERE s.rolname = session_user`,
    [APP_ROLE],
  );
  const r = rows[0];
  return {
    sessionUser: r.session_user,
    sessionSuper: r.session_super,
    sessionBypassRls: r.session_bypass,
    appRoleExists: r.app_exists,
    appSuper: r.app_super,
    appBypassRls: r.app_bypass,
    memberOfApp: r.member_of_app,
  };
}

/**
 * Refuses to run where row-level security could be bypassed: the app role must be neither superuser nor
 * BYPASSRLS, and on a server the login itself must not be either (the embedded engine's login is always
 * a superuser, which is why every request switches role).
 */
export function roleProblems(facts: RoleFacts, engine: Database['engine']): string[] {
  const problems: string[] = [];
  if (!facts.appRoleExists)
    problems.push(`the role ${APP_ROLE} does not exist: run \`npx lantern db bootstrap\``);
  if (facts.appSuper || facts.appBypassRls)
    problems.push(`the role ${APP_ROLE} must not be SUPERUSER or BYPASSRLS`);
  if (engine === 'postgres') {
    if (facts.sessionSuper || facts.sessionBypassRls) {
      problems.push(
        `DATABASE_URL logs in as "${facts.sessionUser}", a SUPERUSER or BYPASSRLS role; use ${OWNER_ROLE} (see \`npx lantern db bootstrap\`)`,
      );
    }
    if (facts.appRoleExists && !facts.memberOfApp) {
      problems.push(
        `"${facts.sessionUser}" is not a member of ${APP_ROLE}: GRANT ${APP_ROLE} TO ${facts.sessionUser}`,
      );
    }
  }
  return problems;
}
