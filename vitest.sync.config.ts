// The sync fault and convergence tests (electron/core/sync-faults/): real cores against the real
// server process behind a fault proxy, a few minutes on a 2-core machine, so they run as
// `npm run test:sync` (part of `npm test`), apart from the unit run. PGlite by default; with
// TEST_DATABASE_URL (CI), PostgreSQL, a schema per test file.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['electron/core/sync-faults/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    pool: 'forks',
  },
});
