/**
 * An app on a fresh test database (or the one given), with every control on (CSRF, rate limits, RLS under the app role).
 * PageClient drives pages like a browser: it keeps cookies and sends the CSRF token of the last page.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createAgency, createTeam, createUser } from '../../src/admin/service.ts';
import { buildApp } from '../../src/app.ts';
import type { Role } from '../../src/platform/access/permissions.ts';
import { encryptSecret } from '../../src/platform/auth/secrets.ts';
import { newTotpSecret } from '../../src/platform/auth/totp.ts';
import { type Config, loadConfig } from '../../src/platform/config.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { createTestDatabase, type TestDatabase } from './engines.ts';
import { unusedTotpCode } from './totp.ts';

export interface TestApp extends TestDatabase {
  app: FastifyInstance;
  config: Config;
  close(): Promise<void>;
}

export async function createTestApp(
  env: Record<string, string> = {},
  database?: TestDatabase,
): Promise<TestApp> {
  database ??= await createTestDatabase();
  // A generous sign-in limit lets a test file sign in many users from one address; the limit itself is
  // tested with a small value in its own test.
  const config = loadConfig({ LANTERN_SIGN_IN_RATE_LIMIT: '1000', LOG_LEVEL: 'silent', ...env });
  const app = await buildApp({ config, db: database.db, logger: false });
  return testAppOf(database, app, config);
}

/** A test app of this database and app: closing it closes the app, then disposes of the database. */
export function testAppOf(database: TestDatabase, app: FastifyInstance, config: Config): TestApp {
  return {
    ...database,
    app,
    config,
    async close() {
      const gaps = [...app.auditGaps];
      await app.close();
      await database.dispose();
      // Every route that declares an audit action must write it when it succeeds (see access-hooks.ts).
      if (gaps.length)
        throw new Error(`routes succeeded without their declared audit event:\n${gaps.join('\n')}`);
    },
  };
}

export interface TestUser {
  id: string;
  username: string;
  password: string;
  totpSecret: string;
  agencyId: string;
}

let counter = 0;

export async function createAgencyWithTeam(
  t: TestApp,
  options: { code?: string; type?: string; area?: string | null; providesReturnInterviews?: boolean } = {},
): Promise<{ agencyId: string; teamId: string }> {
  counter += 1;
  const code = options.code ?? `AG-${counter}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
  return withTransaction(t.db, systemContext('test'), async (tx) => {
    const agency = await createAgency(tx, {
      code,
      name: `Test agency ${code}`,
      type: options.type ?? 'CHILDRENS_SOCIAL_CARE',
      area: options.area ?? null,
      providesReturnInterviews: options.providesReturnInterviews ?? false,
    });
    const team = await createTeam(tx, {
      agencyId: agency.id,
      name: `Team ${code}`,
      area: options.area ?? null,
    });
    return { agencyId: agency.id, teamId: team.id };
  });
}

/** A user with a password and an enrolled TOTP secret, ready to sign in. */
export async function createTestUser(
  t: TestApp,
  roles: Role[],
  options: { agencyId?: string; teamIds?: string[]; enrolTotp?: boolean; displayName?: string } = {},
): Promise<TestUser> {
  counter += 1;
  const agencyId = options.agencyId ?? (await createAgencyWithTeam(t)).agencyId;
  const username = `user${counter}.${roles[0]!.toLowerCase().replace(/_/g, '')}`;
  const password = `Correct horse ${counter} battery`;
  const totpSecret = newTotpSecret();
  const id = await withTransaction(t.db, systemContext('test'), async (tx) => {
    const user = await createUser(tx, {
      agencyId,
      username,
      displayName: options.displayName ?? `Test User ${counter}`,
      roles,
      teamIds: options.teamIds ?? [],
      password,
    });
    if (options.enrolTotp !== false) {
      await tx.query('UPDATE app_user SET totp_secret_enc = $2, totp_enrolled_at = now() WHERE id = $1', [
        user.id,
        encryptSecret(t.config.sessionSecret, totpSecret),
      ]);
    }
    return user.id;
  });
  return { id, username, password, totpSecret, agencyId };
}

/** A user of a team, as `createAgencyWithTeam` returns it (its agency and team), with these roles. */
export function createTeamUser(
  t: TestApp,
  roles: Role[],
  team: { agencyId: string; teamId: string },
): Promise<TestUser> {
  return createTestUser(t, roles, { agencyId: team.agencyId, teamIds: [team.teamId] });
}

export class PageClient {
  readonly cookies = new Map<string, string>();
  csrf: string | null = null;

  constructor(private readonly app: FastifyInstance) {}

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as Array<{
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }>) {
      const cleared = cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now());
      if (cleared) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const match = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (match) this.csrf = match[1]!;
    return response;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } }),
    );
  }

  /** Posts a form with the CSRF token of the last page fetched (unless the fields give `_csrf`). */
  async post(url: string, fields: Record<string, string | string[]> = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    if (this.csrf && !('_csrf' in fields)) body.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields))
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      }),
    );
  }
}

/** Signs in through the real pages: password, then the current TOTP code. */
export async function signIn(t: TestApp, user: TestUser): Promise<PageClient> {
  const client = new PageClient(t.app);
  await client.get('/sign-in');
  const password = await client.post('/sign-in', { username: user.username, password: user.password });
  if (password.statusCode !== 303 || password.headers.location !== '/sign-in/totp') {
    throw new Error(`password step failed: ${password.statusCode} ${password.headers.location}`);
  }
  await client.get('/sign-in/totp');
  const { rows } = await t.superuserQuery('SELECT totp_last_step FROM app_user WHERE id = $1', [user.id]);
  const code = await unusedTotpCode(user.totpSecret, (rows[0]?.totp_last_step as number | null) ?? null);
  const totp = await client.post('/sign-in/totp', { code });
  if (totp.statusCode !== 303 || totp.headers.location !== '/')
    throw new Error(`TOTP step failed: ${totp.statusCode}`);
  return client;
}

export async function auditActions(t: TestApp): Promise<string[]> {
  const { rows } = await t.superuserQuery('SELECT action FROM audit_event ORDER BY seq');
  return rows.map((r) => r.action as string);
}
