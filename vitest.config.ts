// Unit and integration tests under plain Node: shared/ domain logic, and the core against real
// SQLite files in temporary folders. End-to-end tests run under Playwright (playwright.config.ts).
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'server/**/*.test.ts', 'bench/**/*.test.ts'],
    // The sync fault tests run apart: `npm run test:sync` (vitest.sync.config.ts).
    exclude: [...configDefaults.exclude, 'electron/core/sync-faults/**'],
    testTimeout: 30_000,
    // Starting PGlite (the server tests' database) takes 5–15 s on a busy 2-core machine.
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
