// The sync route tests' server for a describe (sync-fixture.ts), with its vitest hooks: apart from
// sync-fixture.ts so that the benchmarks can build their registrations with it outside vitest.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSyncServer, type SyncTestServer } from './sync-fixture.js';

/**
 * Call inside a describe: one sync test server for its tests, started before the first (one database
 * per file: starting PGlite takes seconds), reset before each test — the describe's own beforeEach,
 * registered after this call, runs after the reset — and closed after the last. What it returns
 * stands for the server once started: use it inside tests and hooks.
 */
export function useSyncServer(): SyncTestServer {
  let started: SyncTestServer | undefined;
  beforeAll(async () => {
    started = await startSyncServer();
  }, 60_000);
  beforeEach(async () => {
    await running().reset();
  });
  afterAll(async () => {
    await started?.close();
  });
  const running = (): SyncTestServer => {
    if (!started) throw new Error('the sync test server is not started yet: use it inside a test or a hook');
    return started;
  };
  return new Proxy({} as SyncTestServer, {
    get: (_target, key) => Reflect.get(running(), key),
    set: (_target, key, value) => Reflect.set(running(), key, value),
  });
}
