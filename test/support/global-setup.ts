import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { buildDist } from '../../scripts/build.mjs';
import { buildTemplate, type TestEngine } from './engines.ts';
import { removeFilledCopiesOf, removeStaleFilledCopies } from './filled-copies.ts';

/**
 * Once per run for the engine a vitest project tests: builds the migrated template, and compiles dist/ so
 * that the server and CLI processes the tests start (`npm start`, `bin/lantern.mjs`) find it up to date.
 * Names the run (for the filled copies of filled-database.ts), after removing the copies of runs long
 * gone; removes the run's own when it ends.
 */
export function setupFor(engine: TestEngine) {
  return async function setup(project: TestProject): Promise<() => Promise<void>> {
    if (engine === 'postgres' && !process.env['TEST_DATABASE_URL']) {
      throw new Error(
        'the PostgreSQL integration suite must run (CI=true), but TEST_DATABASE_URL is not set',
      );
    }
    await buildDist();
    await buildTemplate(engine);
    await removeStaleFilledCopies(engine);
    // Starts with the time, so that a later run can tell a copy of a run long gone by its name alone.
    const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    project.provide('testRunId', runId);
    return () => removeFilledCopiesOf(engine, runId);
  };
}
