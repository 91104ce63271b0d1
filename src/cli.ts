/**
 * `npx lantern <command>`: operations on the same database the service uses (DATABASE_URL or ./data).
 * What a command needs is imported when it runs, so that `lantern match …` (no database) and `--help` do not
 * load both database engines, the web app and the demo generator first.
 */
import { Command } from 'commander';
import { registerApprovalCommands } from './admin/approval-cli.ts';
import { registerImportCommands } from './missing/import-cli.ts';
import { registerMatchCommands } from './people/identity-cli.ts';
import { registerRegistryCommands } from './people/registry-cli.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { DataDirectoryLockedError } from './platform/db/data-dir-lock.ts';
import type { Database } from './platform/db/database.ts';
import type { MigrateResult } from './platform/db/migrate.ts';
import { registerDisposalImportCommands } from './pursue/import-cli.ts';
import { registerReferralImportCommands } from './referrals/import-cli.ts';
import { registerReportCommands } from './reports/cli.ts';
import { parseIsoDate, parseScale, parseWhole } from './synth/load-options.ts';

function config() {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** Opens and migrates the database, runs the work, and always closes it (PGlite keeps Node alive). */
async function withDatabase(
  work: (db: Database, migrated: MigrateResult) => Promise<number | undefined>,
): Promise<never> {
  const c = config();
  const { openDatabase } = await import('./platform/db/database.ts');
  const { prepareDatabase } = await import('./platform/db/prepare.ts');
  let db: Database;
  try {
    db = await openDatabase({ databaseUrl: c.databaseUrl, dataDir: c.dataDir, auditKey: c.auditKey });
  } catch (error) {
    // The service (or another command) holds the embedded data directory: name it, touch nothing.
    if (error instanceof DataDirectoryLockedError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  let code = 0;
  try {
    const migrated = await prepareDatabase(db);
    code = (await work(db, migrated)) ?? 0;
  } catch (error) {
    console.error((error as Error).message);
    code = 1;
  } finally {
    await db.close();
  }
  process.exit(code);
}

const program = new Command('lantern')
  .description('Lantern multi-agency safeguarding hub')
  .showHelpAfterError();

program
  .command('migrate')
  .description('apply any pending database migrations')
  .action(() =>
    withDatabase(async (_db, migrated) => {
      for (const name of migrated.applied) console.log(`applied ${name}`);
      console.log(`migrations are up to date (version ${migrated.current})`);
      return 0;
    }),
  );

const db = program.command('db').description('database administration');
db.command('bootstrap')
  .description(
    'create the lantern_app and lantern_owner roles and the database on a PostgreSQL server (run once, as a superuser)',
  )
  .requiredOption('--admin-url <url>', 'a superuser connection, e.g. postgres://postgres@localhost/postgres')
  .requiredOption('--database <name>', 'the database to create, owned by lantern_owner')
  .option(
    '--owner-password <password>',
    'a password for the lantern_owner login (omit with trust authentication)',
  )
  .action(async (options: { adminUrl: string; database: string; ownerPassword?: string }) => {
    try {
      const { bootstrapServer } = await import('./platform/db/bootstrap.ts');
      await bootstrapServer({
        adminUrl: options.adminUrl,
        database: options.database,
        ownerPassword: options.ownerPassword,
      });
      console.log(
        `Roles and database ready. Run the service with DATABASE_URL=postgres://lantern_owner@HOST/${options.database}`,
      );
    } catch (error) {
      console.error((error as Error).message);
      process.exit(1);
    }
  });

db.command('copy')
  .description(
    'copy the embedded database (LANTERN_DATA_DIR) to a new, empty database on a PostgreSQL server: roles, schema, every row',
  )
  .requiredOption(
    '--to <url>',
    'a superuser connection naming the new database, e.g. postgres://postgres@host/lantern',
  )
  .option(
    '--owner-password <password>',
    'a password for the lantern_owner login (omit with trust authentication)',
  )
  .action((options: { to: string; ownerPassword?: string }) =>
    withDatabase(async (database) => {
      const { copyDatabase } = await import('./platform/db/copy.ts');
      const summary = await copyDatabase(database, {
        to: options.to,
        ...(options.ownerPassword ? { ownerPassword: options.ownerPassword } : {}),
      });
      console.log(
        `Run the service with DATABASE_URL=postgres://lantern_owner@HOST/${summary.database} and the same ` +
          'LANTERN_AUDIT_KEY (or session secret) as before: the audit seals need it. `lantern audit verify` checks the copy.',
      );
      return 0;
    }),
  );

const audit = program.command('audit').description('the audit log');
audit
  .command('verify')
  .description('check the whole hash chain; exits non-zero and names the first bad event')
  .action(() =>
    withDatabase(async (database) => {
      const { verifyAuditChain } = await import('./platform/audit/verify.ts');
      const report = await verifyAuditChain(database);
      if (report.ok) {
        console.log(`audit chain intact: ${report.message}`);
        return 0;
      }
      console.error(`audit chain BROKEN: ${report.message}`);
      return 2;
    }),
  );

program
  .command('demo')
  .description(
    'load the demo partnership (agencies, teams, one user per role) and the synthetic population; ' +
      'scale 1 is the briefing partnership over six months, `--scale 100 --months 12` about 130,000 referrals',
  )
  .option('--scale <n>', 'population scale (partnerships’ worth of cases, fractions allowed)', parseScale, 1)
  .option(
    '--seed <n>',
    'generator seed: the same seed always gives the same population',
    parseWhole(-2147483648, 2147483647),
    1,
  )
  .option(
    '--months <n>',
    'months of referrals, ending yesterday (the day before the load)',
    parseWhole(1, 24),
    6,
  )
  .option('--end <date>', 'last day of the period (YYYY-MM-DD) instead of yesterday', parseIsoDate)
  .option('--no-population', 'load only the partnership and its demo users')
  .action((options: { scale: number; seed: number; months: number; end?: string; population: boolean }) =>
    withDatabase(async (database) => {
      const { loadDemoPartnership } = await import('./synth/demo-partnership.ts');
      console.log(await loadDemoPartnership(database, config().sessionSecret));
      if (!options.population) return 0;
      // The demo generator is a development dependency: loaded only when asked for.
      const { describeLoad, loadPopulationWithProgress } = await import('./synth/load-cli.ts');
      const { completeDemoSetup } = await import('./synth/demo-setup.ts');
      const { demoPeriodEnd } = await import('./synth/demo-period.ts');
      // The demo's months end on the day it is loaded (decision 0014), unless pinned with --end.
      const periodEnd = options.end ?? (await demoPeriodEnd(database, options.seed));
      const result = await loadPopulationWithProgress(database, { ...options, periodEnd });
      for (const line of describeLoad(result)) console.log(line);
      if (result.status === 'refused') return 1;
      for (const line of await completeDemoSetup(database)) console.log(line);
      return 0;
    }),
  );

program
  .command('setup-link')
  .description('print a one-time link to create the first administrator (only while there are no users)')
  .action(() =>
    withDatabase(async (database) => {
      const { issueSetupTokenIfEmpty } = await import('./admin/setup.ts');
      const token = await issueSetupTokenIfEmpty(database);
      if (!token) {
        console.error('Lantern already has users: sign in as an administrator instead.');
        return 1;
      }
      console.log(`${config().baseUrl}/setup/${token}`);
      return 0;
    }),
  );

registerRegistryCommands(
  registerMatchCommands(program, async () => {
    const [csv, ids] = await Promise.all([import('./synth/export-csv.ts'), import('./synth/identifiers.ts')]);
    return { ...csv, CHUNK_LIMIT: ids.CHUNK_LIMIT };
  }),
  withDatabase,
);
registerImportCommands(program, withDatabase);
registerReferralImportCommands(program, withDatabase);
registerDisposalImportCommands(program, withDatabase);
registerReportCommands(program, withDatabase);
registerApprovalCommands(program, withDatabase);
await program.parseAsync(process.argv);
