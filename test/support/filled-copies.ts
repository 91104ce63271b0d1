/**
 * Removing the filled copies of filled-database.ts: a run's own when it ends, and those of runs long gone
 * (a run that was stopped). A run's copies are named after it, and its id starts with the time it
 * started, in base 36; a copy whose run started more than six hours ago is removed. Younger ones may
 * belong to a run still going beside this one (another checkout, the same server), so they stay.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { adminUrl, type TestEngine, TMP } from './engines.ts';

const STALE_AFTER_MS = 6 * 3600_000;
const COPY = /^(?:pglite-)?lantern_filled_[a-z]+_([0-9a-z]+_[0-9a-f]+)/;

function runOf(name: string): string | null {
  return COPY.exec(name)?.[1] ?? null;
}

/** The copies of runs that started more than six hours ago. */
export function removeStaleFilledCopies(engine: TestEngine): Promise<void> {
  const now = Date.now();
  return removeFilledCopies(engine, (run) => now - Number.parseInt(run.split('_')[0]!, 36) > STALE_AFTER_MS);
}

/** The copies of one run, when it ends. */
export function removeFilledCopiesOf(engine: TestEngine, runId: string): Promise<void> {
  return removeFilledCopies(engine, (run) => run === runId);
}

async function removeFilledCopies(engine: TestEngine, remove: (run: string) => boolean): Promise<void> {
  const removable = (name: string) => {
    const run = runOf(name);
    return run !== null && remove(run);
  };
  if (engine === 'pglite') {
    for (const file of readdirSync(TMP)) if (removable(file)) rmSync(join(TMP, file), { force: true });
    return;
  }
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      "SELECT datname FROM pg_database WHERE datname LIKE 'lantern\\_filled\\_%'",
    );
    for (const { datname } of rows as Array<{ datname: string }>)
      if (removable(datname)) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
