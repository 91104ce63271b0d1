import { buildDist } from '../../scripts/build.mjs';
import { buildTemplate, type TestEngine } from './engines.ts';

/**
 * Once per run for the engine a vitest project tests: builds the migrated template, and compiles dist/ so
 * that the server and CLI processes the tests start (`npm start`, `bin/lantern.mjs`) find it up to date.
 */
export function setupFor(engine: TestEngine) {
  return async function setup(): Promise<void> {
    if (engine === 'postgres' && !process.env['TEST_DATABASE_URL']) {
      throw new Error(
        'the PostgreSQL integration suite must run (CI=true), but TEST_DATABASE_URL is not set',
      );
    }
    await buildDist();
    await buildTemplate(engine);
  };
}
