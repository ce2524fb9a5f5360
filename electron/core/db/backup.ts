// Daily backups with SQLite's online backup API: one file per Samara calendar day, the last seven kept.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { samaraDate } from '../../../shared/domain/samara-time.js';

export const BACKUPS_KEPT = 7;
const BACKUP_FILE = /^appeals-(\d{4}-\d{2}-\d{2})\.sqlite$/;

export function listBackups(backupDir: string): string[] {
  if (!existsSync(backupDir)) return [];
  return readdirSync(backupDir)
    .filter((name) => BACKUP_FILE.test(name))
    .sort()
    .map((name) => join(backupDir, name));
}

export function latestBackup(backupDir: string): string | null {
  return listBackups(backupDir).at(-1) ?? null;
}

/** Makes today's backup unless it exists; prunes to the last seven. Returns the new file or null. */
export async function backupIfDue(db: Database.Database, backupDir: string, nowMs: number): Promise<string | null> {
  mkdirSync(backupDir, { recursive: true });
  const target = join(backupDir, `appeals-${samaraDate(nowMs)}.sqlite`);
  if (existsSync(target)) return null;
  const partial = `${target}.partial`;
  await db.backup(partial);
  renameSync(partial, target);
  for (const old of listBackups(backupDir).slice(0, -BACKUPS_KEPT)) rmSync(old, { force: true });
  return target;
}

/** Puts a backup in place of the database file; the damaged file is kept beside it. */
export function restoreBackup(databaseFile: string, backupFile: string, nowMs: number): string {
  const damaged = `${databaseFile}.damaged-${nowMs}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(databaseFile + suffix)) renameSync(databaseFile + suffix, damaged + suffix);
  }
  copyFileSync(backupFile, databaseFile);
  return damaged;
}
