// `npm run server:admin -- <command>`: manage the central endpoint's users and workstations on the
// same database as the server (DATABASE_URL, else PGlite in --data-dir). PGlite allows one process
// at a time: stop the server first when it runs on PGlite.
import { parseArgs } from 'node:util';
import { ADMIN_USAGE, runAdminCommand } from './admin-commands.js';
import { databaseOptions, DEFAULT_DATA_DIR } from './config.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';

const [command, ...rest] = process.argv.slice(2);
let args;
try {
  const parsed = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      login: { type: 'string' },
      role: { type: 'string' },
      district: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      id: { type: 'string' },
      enable: { type: 'boolean' },
      json: { type: 'boolean' },
      seed: { type: 'string' },
      'keep-days': { type: 'string' },
    },
  });
  args = { ...parsed.values, keepDays: parsed.values['keep-days'], file: parsed.positionals[0] };
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(ADMIN_USAGE);
  process.exit(2);
}

const db = await openDatabase(databaseOptions(args['data-dir']));
try {
  await migrate(db);
  process.exitCode = await runAdminCommand(db, command, args, { out: (s) => process.stdout.write(`${s}\n`), err: (s) => console.error(s) });
} finally {
  await db.close();
}
