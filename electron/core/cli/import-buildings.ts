// `npm run cli -- import-buildings FILE --data-dir DIR`: the register import through the same core
// method as the screen «Импорт реестра». Progress goes to stderr; the summary to stdout (exit 0);
// on refusal every bad row «Строка N: причина» to stderr (exit 1); a missing file is exit 2.
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ImportProgress, ImportResult } from '../../../shared/contract/register-schemas.js';
import { formatRowError } from '../../../shared/domain/register-import.js';
import { createCore } from '../core.js';

interface Output {
  out(text: string): void;
  err(text: string): void;
}

const STAGES: Record<ImportProgress['stage'], string> = {
  idle: 'Ожидание',
  reading: 'Чтение файла',
  checking: 'Проверка строк',
  saving: 'Сохранение',
  done: 'Готово',
};

const PROGRESS_EVERY_MS = 500;

export async function importBuildings(dataDir: string, fileArg: string | undefined, io: Output): Promise<number> {
  if (!fileArg) {
    io.err('Укажите файл реестра: npm run cli -- import-buildings FILE --data-dir DIR');
    return 2;
  }
  const file = resolve(fileArg);
  let content: Buffer;
  try {
    if (statSync(file).isDirectory()) {
      io.err(`Это папка, а не файл реестра: ${fileArg}`);
      return 2;
    }
    content = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(code === 'ENOENT' ? `Файл не найден: ${fileArg}` : `Файл не удалось прочитать: ${fileArg} (${(error as Error).message})`);
    return 2;
  }

  if (content.length === 0) {
    io.err('Файл пуст');
    return 1;
  }

  const core = await createCore({ dataDir, shell: 'cli' });
  let last = '';
  const showProgress = async () => {
    const p = await core.handlers.importProgress({});
    if (!p.running) return;
    const line = p.stage === 'reading' ? `${STAGES.reading}: ${percent(p.done, p.total)}` : `${STAGES[p.stage]}: ${p.done} из ${p.total}`;
    if (line !== last) io.err(line);
    last = line;
  };
  const timer = setInterval(() => void showProgress(), PROGRESS_EVERY_MS);
  try {
    const envelope = await core.call('importRegister', { fileName: basename(file), contentBase64: content.toString('base64') });
    clearInterval(timer);
    if (!envelope.ok) {
      io.err(envelope.error.message);
      return 1;
    }
    const result = envelope.value as ImportResult;
    if (result.ok) {
      io.out(`Импортировано строк: ${result.rows}. Добавлено домов: ${result.added}, обновлено: ${result.updated}, без изменений: ${result.unchanged}.`);
      return 0;
    }
    if (result.fileError) io.err(result.fileError);
    for (const e of result.errors) io.err(formatRowError(e));
    io.err(
      result.fileError
        ? 'Ничего не импортировано.'
        : `Ничего не импортировано: ошибок в строках — ${result.errors.length} из ${result.rows}. Исправьте файл и повторите.`,
    );
    return 1;
  } finally {
    clearInterval(timer);
    await core.close();
  }
}

function percent(done: number, total: number): string {
  return total > 0 ? `${Math.floor((100 * done) / total)} %` : '…';
}
