// Failures of the local database that the user must act on; each says what to do in Russian.
export class DatabaseTooNewError extends Error {
  constructor(readonly fileVersion: number, readonly appVersion: number) {
    super(
      `База данных создана более новой версией программы (схема ${fileVersion}, программа знает до ${appVersion}). ` +
        'Обновите программу; база не изменена.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export class DatabaseCorruptError extends Error {
  constructor(readonly file: string, readonly details: string, readonly latestBackup: string | null) {
    super(
      `База данных повреждена (${file}): ${details}. ` +
        (latestBackup
          ? `Восстановите последнюю резервную копию: npm run cli -- restore-backup --data-dir <папка> (копия ${latestBackup}).`
          : 'Резервных копий нет; обратитесь к администратору.'),
    );
    this.name = 'DatabaseCorruptError';
  }
}
