// Schema migrations: numbered steps, all pending ones in ONE transaction under an advisory lock, so
// several server processes starting at once on one PostgreSQL apply each step exactly once. A
// database migrated by newer code is refused rather than guessed at.
import type { Database } from './database.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

/** First key of the advisory lock (the second is the schema), so other tools' locks never collide. */
const LOCK_NAMESPACE = 0x4150; // "AP"

export class DatabaseTooNewError extends Error {
  constructor(readonly databaseVersion: number, readonly codeVersion: number) {
    super(
      `The database is at schema version ${databaseVersion}, newer than this server (${codeVersion}); ` +
        'run a newer server or restore a backup made by this version.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export interface MigrationResult {
  readonly from: number;
  readonly to: number;
}

export async function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationResult> {
  checkOrder(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [LOCK_NAMESPACE]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    const current = rows[0]?.version ?? 0;
    if (current > latest) throw new DatabaseTooNewError(current, latest);
    for (const step of migrations) {
      if (step.version <= current) continue;
      for (const statement of step.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [step.version, step.name]);
    }
    return { from: current, to: latest };
  });
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((step, index) => {
    if (step.version !== index + 1) throw new Error(`Migration ${step.name} has version ${step.version}, expected ${index + 1}`);
  });
}
