/**
 * The MASH pages' test fixture: an app with the MASH pages, a hub of five agencies (school, council, police,
 * health, a charity outside the hub), their users signed in, and one referral from the school whose episode
 * the tests work on. Shared by the MASH flow and the CSE risk pages' tests; its bindings are live, so tests
 * read them after `useMashPages()` has set them up.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { mashPageRoutes } from '../../src/mash/routes.ts';
import type { Role } from '../../src/platform/access/permissions.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { type PageClient, signIn, type TestApp, type TestUser } from '../support/app.ts';
import { countRows } from '../support/audit.ts';
import { createTestDatabase } from '../support/engines.ts';
import { createAgencies, HUB_PARTNERS, memberOf, referVictim } from '../support/factories/index.ts';

/** The app with the MASH pages, registered here while app.ts does not register them. */
async function createMashApp(): Promise<TestApp> {
  const registered = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'app.ts'), 'utf8').includes(
    'mashPageRoutes',
  );
  const database = await createTestDatabase();
  const config = loadConfig({ LANTERN_SIGN_IN_RATE_LIMIT: '1000', LOG_LEVEL: 'silent' });
  const app = await buildApp({
    config,
    db: database.db,
    logger: false,
    plugins: registered ? [] : [mashPageRoutes],
  });
  return {
    ...database,
    app,
    config,
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}

export let t: TestApp;
export const users: Record<string, TestUser> = {};
export const clients: Record<string, PageClient> = {};
export const agencies: Record<string, string> = {};
export let episodeId: string;
export let personId: string;

export const count = (table: string) => countRows(t, table);

export async function events(action: string) {
  const { rows } = await t.superuserQuery(
    'SELECT outcome, details, recipients FROM audit_event WHERE action = $1 ORDER BY seq',
    [action],
  );
  return rows as Array<{ outcome: string; details: Record<string, unknown>; recipients: unknown }>;
}

/** Posts a form of the episode page after loading it (for its CSRF token); answers the response. */
export async function post(who: string, path: string, fields: Record<string, string | string[]>) {
  const client = clients[who]!;
  await client.get(`/mash/episodes/${episodeId}`);
  return client.post(path, fields);
}

export function expectRedirectWithNotice(response: { statusCode: number; headers: Record<string, unknown> }) {
  expect(response.statusCode).toBe(303);
  expect(String(response.headers['location'])).toMatch(
    new RegExp(`^/mash/episodes/${episodeId}\\?notice=[a-z-]+$`),
  );
}

export const today = new Date();
export const dateFields = (prefix: string, d = today) => ({
  [`${prefix}-day`]: String(d.getUTCDate()),
  [`${prefix}-month`]: String(d.getUTCMonth() + 1),
  [`${prefix}-year`]: String(d.getUTCFullYear()),
});

/** A referral from the school, through the service as the school's form would send it. */
export async function refer(): Promise<void> {
  await referVictim(t.db, users['referrer']!);
}

/** Each test file that uses the fixture gets its own database, hub, users and first referral. */
export function useMashPages(): void {
  beforeAll(async () => {
    t = await createMashApp();
    const teams: Record<string, string> = {};
    await createAgencies(t, HUB_PARTNERS, agencies, teams);
    const make = async (name: string, role: Role, agency: string) => {
      users[name] = await memberOf(t, { agencyId: agencies[agency]!, teamId: teams[agency]! }, [role]);
    };
    await make('referrer', 'REFERRER', 'school');
    await make('manager', 'MASH_MANAGER', 'council');
    await make('police', 'MASH_PRACTITIONER', 'police');
    await make('health', 'MASH_PRACTITIONER', 'health');
    // Outside the MASH: a CSE team officer reads cases in the area but is no part of the hub.
    await make('outside', 'CSE_OFFICER', 'charity');
    for (const name of Object.keys(users)) clients[name] = await signIn(t, users[name]!);

    await refer();
    const { rows } = await t.superuserQuery('SELECT id, person_id FROM mash_episode');
    episodeId = rows[0].id;
    personId = rows[0].person_id;
  });

  afterAll(async () => {
    await t?.close();
  });
}
