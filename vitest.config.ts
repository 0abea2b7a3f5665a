import { defineConfig } from 'vitest/config';

// One runner for the whole repository. Database suites start their own throwaway
// Postgres cluster (see packages/db/src/testing) and fail loudly when it cannot start.
export default defineConfig({
  test: {
    // One throwaway Postgres cluster per run, with a migrated template database each test file
    // clones (packages/db/src/testing). It throws, failing the run, when Postgres cannot start.
    // The process-level tests run the compiled apps, built once per run (apps/cli/test/support).
    globalSetup: ['packages/db/src/testing/global-setup.ts', 'apps/cli/test/support/global-build.ts'],
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'apps/*/test/**/*.test.tsx'],
    pool: 'forks',
    // Two cores: more workers only adds contention to suites that start servers.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
