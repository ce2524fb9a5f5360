// Test helper: one test file's real central endpoint (central-server.ts), started before its tests
// with the given users and register, and workstations (real cores in temporary folders) connected
// to it as those users; the workstations and the server are closed after the file's last test.
import { afterAll, beforeAll } from 'vitest';
import { createCore, type Core } from '../core.js';
import { silentLogger } from '../log.js';
import { startCentralServer, type CentralServer, type CentralServerOptions, type TestUser } from './central-server.js';
import { tempDir, value } from './temp-core.js';

export interface CentralServerFixture {
  /** The running server (from the file's beforeAll on). */
  readonly server: CentralServer;
  /** A new workstation in a folder `appeals-<folder>-…`, connected to the server as `login` (with that user's password), not synced yet. */
  connectWorkstation(login: string, folder: string): Promise<Core>;
}

/** Call at the top of a test file: registers the beforeAll that starts the server and the afterAll that closes everything. */
export function useCentralServer(users: readonly TestUser[], options: CentralServerOptions = {}): CentralServerFixture {
  let server: CentralServer | undefined;
  const cores: Core[] = [];

  beforeAll(async () => {
    server = await startCentralServer(users, options);
  }, 120_000);

  afterAll(async () => {
    for (const c of cores) await c.close();
    await server?.stop();
  });

  const running = (): CentralServer => {
    if (!server) throw new Error('the central server is not started yet: use it inside a test');
    return server;
  };
  return {
    get server() {
      return running();
    },
    async connectWorkstation(login, folder) {
      const user = users.find((u) => u.login === login);
      if (!user) throw new Error(`no test user ${login}`);
      const core = await createCore({ dataDir: tempDir(folder), shell: 'cli', log: silentLogger() });
      cores.push(core);
      value(await core.call('connectToServer', { serverUrl: running().url, login, password: user.password, workstationName: `ПК ${login}` }));
      return core;
    },
  };
}
