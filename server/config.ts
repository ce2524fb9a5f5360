// Where the server keeps its state: the database (PostgreSQL from DATABASE_URL, else PGlite in the
// data folder) and the token-signing secret (SERVER_SECRET, else a file in the data folder).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseOptions } from './db/database.js';

export const DEFAULT_DATA_DIR = join(homedir(), '.appeals-control-desk', 'server');
const SECRET_FILE = 'server-secret';

export function databaseOptions(dataDir: string, env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: 'postgres', connectionString: url };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return { kind: 'pglite', dataDir: join(dataDir, 'pglite') };
}

/**
 * The HS256 key of the access tokens. Several processes behind one load balancer must share it:
 * give them SERVER_SECRET (32+ characters). A single process generates one into the data folder,
 * readable only by its owner.
 */
export function loadSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): Uint8Array {
  const fromEnv = env.SERVER_SECRET;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < 32) throw new Error('SERVER_SECRET must be at least 32 characters');
    return new TextEncoder().encode(fromEnv);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, SECRET_FILE);
  try {
    writeFileSync(path, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${path} holds less than 32 characters; delete it to generate a new secret`);
  return new TextEncoder().encode(secret);
}
