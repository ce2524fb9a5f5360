// A workstation in a process of its own, for the test that kills one with SIGKILL in the middle of a
// sync: `tsx workstation-child.ts <dataDir> <serverUrl> <login> <appeals>` connects (password
// PASSWORD), pulls the snapshot, registers <appeals> appeals, prints «ready», then syncs when it
// reads a line on stdin, printing «synced» after each run.
import { createInterface } from 'node:readline';
import { createCore } from '../core.js';
import { silentLogger } from '../log.js';
import { PASSWORD, register, value } from './world.js';

const [dataDir, serverUrl, login, count] = process.argv.slice(2);
if (!dataDir || !serverUrl || !login || !count) throw new Error('usage: workstation-child.ts <dataDir> <serverUrl> <login> <appeals>');
const core = await createCore({ dataDir, shell: 'cli', log: silentLogger() });
value(await core.call('connectToServer', { serverUrl, login, password: PASSWORD, workstationName: `ПК ${login}` }));
const first = await core.sync.engine.syncOnce();
if (!first.ok) throw new Error(`first sync: ${JSON.stringify(first)}`);
for (let i = 0; i < Number(count); i++) await register(core, undefined, `Заявитель ${i + 1}`);
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'exit') break;
  const result = await core.sync.engine.syncOnce();
  process.stdout.write(`synced ${JSON.stringify({ ok: result.ok })}\n`);
}
await core.close();
