// Where the Electron build of better-sqlite3 lives. `npm test` uses node_modules/better-sqlite3 built
// for Node; Electron has another ABI, so build/native/prepare-electron-sqlite.mjs (run by `npm start`)
// keeps an Electron build beside it, and the DB worker loads it through better-sqlite3's nativeBinding
// option. Both runtimes work on the same checkout, in any order, with no rebuild in between.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Must match build/native/prepare-electron-sqlite.mjs. */
export function electronSqlitePath(projectRoot: string, electronVersion: string): string {
  return join(projectRoot, '.native', `electron-${electronVersion}`, 'better_sqlite3.node');
}

/**
 * The nativeBinding for the core: the prepared Electron build when running from a checkout; none in a
 * packaged app, whose installer rebuilds node_modules/better-sqlite3 for Electron itself.
 */
export function electronSqliteBinding(projectRoot: string, electronVersion: string, isPackaged: boolean): string | undefined {
  if (isPackaged) return undefined;
  const path = electronSqlitePath(projectRoot, electronVersion);
  if (existsSync(path)) return path;
  throw new Error(
    `Нет сборки better-sqlite3 для Electron ${electronVersion} (${path}). ` +
      'Выполните «node build/native/prepare-electron-sqlite.mjs» (npm start делает это сам).',
  );
}
