import { buildTemplate, type TestEngine } from './engines.ts';

/** Builds the migrated template once per run for the engine a vitest project tests. */
export function setupFor(engine: TestEngine) {
  return async function setup(): Promise<void> {
    if (engine === 'postgres' && !process.env['TEST_DATABASE_URL']) {
      throw new Error(
        'the PostgreSQL integration suite must run (CI=true), but TEST_DATABASE_URL is not set',
      );
    }
    await buildTemplate(engine);
  };
}
