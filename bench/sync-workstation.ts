// A workstation's first sync, in a process of its own so that its peak RSS is its own (the `sync`
// benchmark runs it): a new core in a temporary folder connects to the server as the given user and
// takes the snapshot of its district through the real engine. Prints one JSON line on stdout.
//   tsx bench/sync-workstation.ts <serverUrl> <login> <password>
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../electron/core/core.js';
import { silentLogger } from '../electron/core/log.js';

const [serverUrl, login, password] = process.argv.slice(2);
if (!serverUrl || !login || !password) {
  console.error('usage: tsx bench/sync-workstation.ts <serverUrl> <login> <password>');
  process.exit(2);
}

const dataDir = mkdtempSync(join(tmpdir(), 'appeals-bench-sync-ws-'));
try {
  const core = await createCore({ dataDir, shell: 'cli', log: silentLogger() });
  try {
    const connected = await core.call('connectToServer', { serverUrl, login, password, workstationName: `bench ${login}` });
    if (!connected.ok) throw new Error(`connectToServer: ${connected.error.message}`);
    const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
    const started = performance.now();
    const result = await core.sync.engine.syncOnce();
    const ms = performance.now() - started;
    if (!result.ok) throw new Error(`first sync failed: ${JSON.stringify(result.error)}`);
    const open = await core.handlers.listAppeals({ sort: { field: 'deadlineAt', direction: 'asc' }, offset: 0, limit: 1 });
    process.stdout.write(
      `${JSON.stringify({
        ms,
        pulled: result.pulled,
        snapshotPages: result.snapshotPages,
        appeals: open.total,
        rssBeforeMb,
        // Linux reports the peak resident set in kB: the core's thread and its DB worker together.
        peakRssMb: process.resourceUsage().maxRSS / 1024,
      })}\n`,
    );
  } finally {
    await core.close();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
