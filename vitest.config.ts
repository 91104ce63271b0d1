import { defineConfig } from 'vitest/config';

// Unit tests sit beside their code. Integration and browser tests live in test/ and run once per engine:
// always on embedded PGlite, and on a PostgreSQL server when TEST_DATABASE_URL is set (CI sets it).
const ENGINE_FREE = ['test/identity/**', 'test/architecture/**'];
// Copies an embedded database to the server TEST_DATABASE_URL names: it uses both engines whichever
// project runs it, so once (in the PGlite project, which CI runs with TEST_DATABASE_URL set) is enough.
const BOTH_ENGINES = ['test/platform/db-copy.test.ts'];
// Opens embedded databases of its own whatever the engine under test: once is enough.
const EMBEDDED_ONLY = ['test/platform/shared-template-bytes.test.ts'];

const integration = (engine: 'pglite' | 'postgres') => ({
  test: {
    name: `integration-${engine}`,
    include: ['test/**/*.test.ts'],
    // Browser journeys run once (on PGlite), and so do the files that never open a database (the identity
    // engine's CSV tool and its accuracy, the module map): running them again would test nothing new.
    exclude: engine === 'postgres' ? ['test/e2e/**', ...ENGINE_FREE, ...BOTH_ENGINES, ...EMBEDDED_ONLY] : [],
    env: { TEST_ENGINE: engine },
    globalSetup: [`test/support/global-setup-${engine}.ts`],
    // Sized for a 2-core machine under load (CI may share it): a timeout is a hang detector, not a target.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // Each file has its own database (PGlite uses ~400 MB): two at a time on a 2-core machine.
    maxWorkers: 2,
    fileParallelism: true,
    // Files share a worker's module cache instead of importing the whole app again each (the imports
    // were a third of the suite's time). Each file still builds its own app and database; nothing in
    // src/ or test/support/ keeps per-test state at module level, and no test changes the environment.
    isolate: false,
  },
});

const postgres = Boolean(process.env['TEST_DATABASE_URL']) || process.env['CI'] === 'true';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          maxWorkers: 2,
          testTimeout: 30_000,
          // Pure tests: files share a worker's modules as the integration files do (52 s → 22 s, measured).
          // The one file with fake timers restores real ones after each test.
          isolate: false,
        },
      },
      integration('pglite'),
      ...(postgres ? [integration('postgres')] : []),
    ],
  },
});
