// `npm run server -- [--port N] [--host H] [--data-dir DIR] [--trust-proxy]`: the central endpoint.
// PostgreSQL when DATABASE_URL is set, else PGlite in the data folder; JSON logs (pino) on stdout.
import { parseArgs } from 'node:util';
import pino from 'pino';
import { databaseOptions, DEFAULT_DATA_DIR, loadSecret } from './config.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { buildApp } from './http/app.js';
import { IdentityService } from './identity/identity-service.js';
import { forgetOldLoginAttempts } from './identity/rate-limit.js';
import { AccessTokens } from './identity/tokens.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
    'trust-proxy': { type: 'boolean', default: false },
  },
});

const log = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'appeals-server' } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  log.fatal({ port: values.port }, 'invalid --port');
  process.exit(2);
}

const dataDir = values['data-dir'];
const dbOptions = databaseOptions(dataDir);
const db = await openDatabase(dbOptions);
const migration = await migrate(db);
log.info({ database: db.kind, dataDir: dbOptions.kind === 'pglite' ? dbOptions.dataDir : undefined, ...migration }, 'database ready');

const now = () => Date.now();
const identity = new IdentityService(db, new AccessTokens(loadSecret(dataDir), now), { now });
const app = await buildApp({ db, identity, logger: log, trustProxy: values['trust-proxy'] });

const sweep = async () => {
  const removed = await forgetOldLoginAttempts(db, now());
  if (removed > 0) log.info({ removed }, 'old login attempts removed');
};
await sweep();
const sweepTimer = setInterval(() => void sweep().catch((error: unknown) => log.error({ err: error }, 'sweep failed')), 60 * 60_000);
sweepTimer.unref();

await app.listen({ port, host: values.host });

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping');
  clearInterval(sweepTimer);
  await app.close();
  await db.close();
  log.info('stopped');
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
