import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/temp-core.js';
import { backupIfDue, BACKUPS_KEPT, listBackups, restoreBackup } from './backup.js';
import { openDatabase } from './connection.js';
import { DatabaseCorruptError, DatabaseTooNewError } from './errors.js';
import { migrate } from './migrate.js';
import { LATEST_SCHEMA_VERSION } from './migrations/index.js';

describe('migrations', () => {
  it('bring a new database to the latest schema', () => {
    const db = openDatabase({ file: join(tempDir('mig'), 'a.sqlite') });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuse a database written by a newer app and leave it untouched', () => {
    const file = join(tempDir('mig'), 'newer.sqlite');
    const newer = new Database(file);
    newer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    newer.close();
    const before = readFileSync(file);
    expect(() => openDatabase({ file })).toThrow(DatabaseTooNewError);
    expect(() => openDatabase({ file })).toThrow(/более новой версией/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('run all pending steps in one transaction: a failing step leaves nothing behind', () => {
    const db = new Database(':memory:');
    const steps = [
      { version: 1, sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, sql: 'CREATE TABLE b (y INTEGER); SELECT no_such_function();' },
    ];
    expect(() => migrate(db, steps)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('a', 'b')").get()).toEqual({ n: 0 });
    expect(migrate(db, steps.slice(0, 1))).toBe(1);
    db.close();
  });
});

describe('a damaged database', () => {
  it('is refused with a clear message that names the latest backup', () => {
    const dir = tempDir('corrupt');
    const file = join(dir, 'appeals.sqlite');
    writeFileSync(file, 'это не база данных '.repeat(400));
    const error = (() => {
      try {
        openDatabase({ file, latestBackup: () => join(dir, 'backups', 'appeals-2026-11-28.sqlite') });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(DatabaseCorruptError);
    expect((error as Error).message).toMatch(/повреждена.*restore-backup.*appeals-2026-11-28/s);
  });
});

describe('daily backups', () => {
  it('write one copy a Samara day, keep the last seven, and restore', async () => {
    const dir = tempDir('backup');
    const file = join(dir, 'appeals.sqlite');
    const db = openDatabase({ file });
    db.exec("INSERT INTO meta(key, value) VALUES ('marker', 'first')");
    const backupDir = join(dir, 'backups');
    const day = 86_400_000;
    const start = Date.UTC(2026, 10, 1, 8, 0);
    expect(await backupIfDue(db, backupDir, start)).toMatch(/appeals-2026-11-01\.sqlite$/);
    expect(await backupIfDue(db, backupDir, start + 3_600_000)).toBeNull();
    for (let d = 1; d < 10; d++) await backupIfDue(db, backupDir, start + d * day);
    const kept = listBackups(backupDir);
    expect(kept).toHaveLength(BACKUPS_KEPT);
    expect(kept[0]).toMatch(/2026-11-04/);
    expect(kept.at(-1)).toMatch(/2026-11-10/);

    db.exec("UPDATE meta SET value = 'after backup' WHERE key = 'marker'");
    db.close();
    const damaged = restoreBackup(file, kept.at(-1) ?? '', start);
    expect(readFileSync(damaged).length).toBeGreaterThan(0);
    const restored = openDatabase({ file });
    expect(restored.prepare("SELECT value FROM meta WHERE key = 'marker'").get()).toEqual({ value: 'first' });
    restored.close();
  });
});
