// The CLI's commands. Each returns an exit code: 0 done, 1 refused (the message says why), 2 usage.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCore, DATABASE_FILE } from '../core.js';
import { latestBackup, listBackups, restoreBackup } from '../db/backup.js';
import { describeDemoLoad, loadDemoData } from '../demo/load-demo.js';
import { importBuildings } from './import-buildings.js';
import { searchAddress } from './search-address.js';

export const CLI_USAGE = `Использование: npm run cli -- <команда> [параметры]
  demo-data --data-dir DIR [--seed N]        заполнить пустую базу демонстрационными данными
  appeals --data-dir DIR [--json]            вывести обращения
  restore-backup --data-dir DIR [--backup F] восстановить базу из резервной копии (по умолчанию последней)
  import-buildings FILE --data-dir DIR       импортировать реестр домов из CSV или XLSX (всё или ничего)
  search-address "АДРЕС" --data-dir DIR [--json] [--limit N]
                                             найти дома по адресу (опечатки прощаются), лучшие первыми`;

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

type Flags = {
  'data-dir'?: string | undefined;
  json?: boolean | undefined;
  seed?: string | undefined;
  backup?: string | undefined;
  limit?: string | undefined;
};

export async function runCommand(command: string | undefined, flags: Flags, positionals: string[], io: CliOutput): Promise<number> {
  if (!command || command === 'help' || command === '--help') {
    io.out(CLI_USAGE);
    return command ? 0 : 2;
  }
  const dataDirFlag = flags['data-dir'];
  if (!dataDirFlag) {
    io.err('Укажите папку данных: --data-dir DIR');
    return 2;
  }
  const dataDir = resolve(dataDirFlag);
  switch (command) {
    case 'demo-data':
      return demoData(dataDir, flags.seed, io);
    case 'appeals':
      return appeals(dataDir, flags.json ?? false, io);
    case 'restore-backup':
      return restore(dataDir, flags.backup, io);
    case 'import-buildings':
      return importBuildings(dataDir, positionals[0], io);
    case 'search-address':
      return searchAddress(dataDir, positionals.length > 0 ? positionals.join(' ') : undefined, { json: flags.json ?? false, limit: flags.limit }, io);
    default:
      io.err(`Неизвестная команда: ${command}`);
      io.err(CLI_USAGE);
      return 2;
  }
}

async function demoData(dataDir: string, seedFlag: string | undefined, io: CliOutput): Promise<number> {
  const seed = seedFlag === undefined ? 1 : Number(seedFlag);
  if (!Number.isInteger(seed)) {
    io.err(`--seed должен быть целым числом, получено: ${seedFlag}`);
    return 2;
  }
  const core = await createCore({ dataDir, shell: 'cli' });
  try {
    const result = await loadDemoData(core, seed, Date.now());
    if (!result.loaded) {
      io.err(`В базе уже есть данные (${result.buildings} домов): демонстрационные данные не загружены`);
      return 1;
    }
    io.out(describeDemoLoad(result));
    return 0;
  } finally {
    await core.close();
  }
}

async function appeals(dataDir: string, json: boolean, io: CliOutput): Promise<number> {
  const core = await createCore({ dataDir, shell: 'cli' });
  try {
    const rows = [];
    const pageSize = 500;
    for (let offset = 0; ; offset += pageSize) {
      const page = await core.handlers.listAppeals({
        sort: { field: 'receivedAt', direction: 'asc' },
        offset,
        limit: pageSize,
      });
      rows.push(...page.rows);
      if (offset + pageSize >= page.total) break;
    }
    if (json) io.out(JSON.stringify(rows, null, 2));
    else for (const a of rows) io.out(`${a.number}\t${new Date(a.receivedAt).toISOString()}\t${a.address}\t${a.category}\t${a.status}`);
    return 0;
  } finally {
    await core.close();
  }
}

function restore(dataDir: string, backupFlag: string | undefined, io: CliOutput): number {
  const backupDir = join(dataDir, 'backups');
  const backup = backupFlag ? resolve(backupFlag) : latestBackup(backupDir);
  if (!backup || !existsSync(backup)) {
    io.err(backupFlag ? `Файл резервной копии не найден: ${backupFlag}` : `Резервных копий нет в ${backupDir}`);
    if (!backupFlag) io.err(`Доступные копии: ${listBackups(backupDir).join(', ') || 'нет'}`);
    return 1;
  }
  const damaged = restoreBackup(join(dataDir, DATABASE_FILE), backup, Date.now());
  io.out(`База восстановлена из ${backup}; прежний файл сохранён как ${damaged}`);
  return 0;
}
