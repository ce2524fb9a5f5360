import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../core.js';
import { csvFile, register, ROWS, xlsxFile } from '../test/register-files.js';
import { tempDir } from '../test/temp-core.js';
import { runCommand } from './commands.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

describe('npm run cli -- import-buildings', () => {
  it('imports a register and prints the summary; again, it counts the unchanged', async () => {
    const dir = tempDir('cli-import');
    const file = join(dir, 'реестр.xlsx');
    writeFileSync(file, await xlsxFile(register()));
    const first = capture();
    expect(await runCommand('import-buildings', { 'data-dir': join(dir, 'data') }, [file], first.io)).toBe(0);
    expect(first.out).toEqual(['Импортировано строк: 4. Добавлено домов: 4, обновлено: 0, без изменений: 0.']);
    const again = capture();
    expect(await runCommand('import-buildings', { 'data-dir': join(dir, 'data') }, [file], again.io)).toBe(0);
    expect(again.out).toEqual(['Импортировано строк: 4. Добавлено домов: 0, обновлено: 0, без изменений: 4.']);
  });

  it('prints every bad row and exits with 1, importing nothing', async () => {
    const dir = tempDir('cli-import');
    const file = join(dir, 'реестр.csv');
    const rows = [ROWS[0] as string[], ['Заречный', 'ул. Тестовая, д. 3', '', '', '', '', '', '', '', ''], ['Советский', 'ул. Тестовая, д. 4', '', '', '', '', '', 'девять', '', '']];
    writeFileSync(file, csvFile(register(rows), { encoding: 'windows-1251' }));
    const c = capture();
    expect(await runCommand('import-buildings', { 'data-dir': join(dir, 'data') }, [file], c.io)).toBe(1);
    expect(c.out).toEqual([]);
    expect(c.err.filter((l) => l.startsWith('Строка'))).toEqual([
      expect.stringMatching(/^Строка 3: Район «Заречный» не найден/),
      'Строка 4: Этажность должна быть целым числом от 1 до 100, указано «девять»',
    ]);
    expect(c.err.at(-1)).toBe('Ничего не импортировано: ошибок в строках — 2 из 3. Исправьте файл и повторите.');
    const db = new Database(join(dir, 'data', DATABASE_FILE), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM buildings').get()).toEqual({ n: 0 });
    db.close();
  });

  it('explains a file error, a missing file and a missing argument', async () => {
    const dir = tempDir('cli-import');
    const file = join(dir, 'пусто.csv');
    writeFileSync(file, '');
    const empty = capture();
    expect(await runCommand('import-buildings', { 'data-dir': dir }, [file], empty.io)).toBe(1);
    expect(empty.err[0]).toBe('Файл пуст');

    const missing = capture();
    expect(await runCommand('import-buildings', { 'data-dir': dir }, [join(dir, 'нет.csv')], missing.io)).toBe(2);
    expect(missing.err).toEqual([`Файл не найден: ${join(dir, 'нет.csv')}`]);

    const folder = capture();
    expect(await runCommand('import-buildings', { 'data-dir': dir }, [dir], folder.io)).toBe(2);
    expect(folder.err[0]).toMatch(/^Это папка/);

    const none = capture();
    expect(await runCommand('import-buildings', { 'data-dir': dir }, [], none.io)).toBe(2);
    expect(none.err[0]).toMatch(/Укажите файл реестра/);
  });
});
