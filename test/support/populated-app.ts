/**
 * A test app on a database with rows in every table (see populate.ts), the ids the routes need, and the
 * Lancashire hub's agency and team: where the tests that look at every page or table put their users.
 */

import { loadConfig } from '../../src/platform/config.ts';
import { createTestApp, type TestApp } from './app.ts';
import type { AgencyWithTeam } from './factories/index.ts';
import { createFilledTestDatabase } from './filled-database.ts';
import { type CaseIds, caseIds, fillRemainingTables, loadCaseData } from './populate.ts';

export async function createPopulatedApp(): Promise<{
  t: TestApp;
  ids: CaseIds;
  lancashireMash: AgencyWithTeam;
}> {
  // The secret the test app's config has (loadConfig's default), which the demo users' TOTP is sealed with.
  const { sessionSecret } = loadConfig({ LOG_LEVEL: 'silent' });
  const database = await createFilledTestDatabase('populated', async (empty) => {
    await loadCaseData(empty, sessionSecret);
    await fillRemainingTables(empty);
  });
  const t = await createTestApp({}, database);
  if (t.config.sessionSecret !== sessionSecret) throw new Error('the test app has another session secret');
  const ids = await caseIds(t.superuserQuery);
  const { rows } = await t.superuserQuery(
    `SELECT a.id AS agency_id, tm.id AS team_id FROM agency a JOIN team tm ON tm.agency_id = a.id
      WHERE a.code = 'LCC-CSC' AND tm.name = 'Lancashire MASH'`,
  );
  return {
    t,
    ids,
    lancashireMash: { agencyId: rows[0].agency_id as string, teamId: rows[0].team_id as string },
  };
}
