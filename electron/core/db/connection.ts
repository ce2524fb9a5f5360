// Opening the local database: pragmas, a quick integrity check, migrations. Runs inside the DB
// worker only; nothing else opens the file for writing.
import Database from 'better-sqlite3';
import { searchKey } from '../../../shared/domain/search-key.js';
import { DatabaseCorruptError, DatabaseTooNewError } from './errors.js';
import { LATEST_SCHEMA_VERSION, migrate } from './migrate.js';

export interface OpenOptions {
  readonly file: string;
  /** Path of a better_sqlite3.node built for the running runtime (Electron keeps its own build). */
  readonly nativeBinding?: string;
  /** Newest backup, named in the error if the file turns out to be corrupt. */
  readonly latestBackup?: () => string | null;
}

export function openDatabase(options: OpenOptions): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw asCorrupt(error, options);
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Refuse a newer database before anything (even the journal mode) is written to it.
    const fileVersion = db.pragma('user_version', { simple: true }) as number;
    if (fileVersion > LATEST_SCHEMA_VERSION) throw new DatabaseTooNewError(fileVersion, LATEST_SCHEMA_VERSION);
    db.pragma('journal_mode = WAL');
    // FULL: a registered appeal survives a power cut, not only a crash; costs ~0.2 ms a commit here.
    db.pragma('synchronous = FULL');
    // Checkpoint at ~40 MB of WAL instead of SQLite's default ~4 MB. A registration writes ~18 pages,
    // so the default checkpoints inside every ~55th commit (~5 ms each: the pages back into the file
    // and an fsync); ten times rarer, most of those pages are the same hot ones, and registration's
    // p99 drops from ~3.8 ms to ~1.3 ms (bench/core.ts). Durability is unchanged: commits fsync the WAL.
    db.pragma('wal_autocheckpoint = 10000');
    db.pragma('foreign_keys = ON');
    // SQLite's lower() and LIKE fold only ASCII; searches over Russian text use this instead.
    db.function('fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? searchKey(text) : ''));
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw new DatabaseCorruptError(options.file, check, options.latestBackup?.() ?? null);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw asCorrupt(error, options);
  }
}

function asCorrupt(error: unknown, options: OpenOptions): unknown {
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new DatabaseCorruptError(options.file, (error as Error).message, options.latestBackup?.() ?? null);
  }
  return error;
}
