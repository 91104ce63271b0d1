/**
 * The MASH pages' test bed: an app with the MASH pages; a school, the council's hub, police, health and a
 * charity in Blackpool, one signed-in user in each (the charity's CSE officer reads cases but is no part of
 * the hub); and the school's referral, whose MASH episode the tests take through the pages.
 */
import { expect } from 'vitest';
import { mashPageRoutes } from '../../src/mash/routes.ts';
import type { Role } from '../../src/platform/access/permissions.ts';
import { type PageClient, signIn, type TestApp, type TestUser } from './app.ts';
import { createAppWith } from './app-with.ts';
import { countRows } from './audit.ts';
import { createAgencies, HUB_PARTNERS, memberOf, referVictim } from './factories/index.ts';

export interface MashPagesBed {
  t: TestApp;
  users: Record<string, TestUser>;
  clients: Record<string, PageClient>;
  agencies: Record<string, string>;
  episodeId: string;
  personId: string;
}

export async function setUpMashPages(): Promise<MashPagesBed> {
  const t = await createAppWith('/mash', [mashPageRoutes]);
  const users: Record<string, TestUser> = {};
  const clients: Record<string, PageClient> = {};
  const agencies: Record<string, string> = {};
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

  await referVictim(t.db, users['referrer']!);
  const { rows } = await t.superuserQuery('SELECT id, person_id FROM mash_episode');
  return { t, users, clients, agencies, episodeId: rows[0].id, personId: rows[0].person_id };
}

/** What the MASH page tests read and send, over the bed set up before them. */
export function mashPageHelpers(bed: () => MashPagesBed) {
  return {
    count: (table: string) => countRows(bed().t, table),
    async events(action: string) {
      const { rows } = await bed().t.superuserQuery(
        'SELECT outcome, details, recipients FROM audit_event WHERE action = $1 ORDER BY seq',
        [action],
      );
      return rows as Array<{ outcome: string; details: Record<string, unknown>; recipients: unknown }>;
    },
    /** Posts a form of the episode page after loading it (for its CSRF token); answers the response. */
    async post(who: string, path: string, fields: Record<string, string | string[]>) {
      const client = bed().clients[who]!;
      await client.get(`/mash/episodes/${bed().episodeId}`);
      return client.post(path, fields);
    },
    expectRedirectWithNotice(response: { statusCode: number; headers: Record<string, unknown> }) {
      expect(response.statusCode).toBe(303);
      expect(String(response.headers['location'])).toMatch(
        new RegExp(`^/mash/episodes/${bed().episodeId}\\?notice=[a-z-]+$`),
      );
    },
  };
}

/** The day, month and year fields of a date on a form, for today unless another day is given. */
export function dateFields(prefix: string, d = new Date()) {
  return {
    [`${prefix}-day`]: String(d.getUTCDate()),
    [`${prefix}-month`]: String(d.getUTCMonth() + 1),
    [`${prefix}-year`]: String(d.getUTCFullYear()),
  };
}
