import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../test/test-db.js';
import { DatabaseTooNewError, migrate } from './migrate.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

describe('server migrations', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
  });
  afterEach(async () => {
    await database.dispose();
  });

  const latest = MIGRATIONS.length;

  it('migrate an empty database to the latest version, then do nothing the second time', async () => {
    expect(await migrate(database.db)).toEqual({ from: 0, to: latest });
    expect(await migrate(database.db)).toEqual({ from: latest, to: latest });
    const { rows } = await database.db.query<{ name: string }>('SELECT name FROM districts ORDER BY position');
    expect(rows).toHaveLength(9);
    expect(rows[0]?.name).toBe('Железнодорожный');
  });

  it('apply each step once when several processes start at the same time', async () => {
    const others = await Promise.all([database.reopen(), database.reopen()]);
    const results = await Promise.all([migrate(database.db), ...others.map((db) => migrate(db))]);
    expect(results.filter((r) => r.from === 0)).toHaveLength(1);
    const { rows } = await database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0]?.n).toBe(latest);
  });

  it('refuse a database migrated by newer code, and leave it as it was', async () => {
    await migrate(database.db);
    await database.db.query("INSERT INTO schema_migrations (version, name) VALUES (99, 'from the future')");
    await expect(migrate(database.db)).rejects.toBeInstanceOf(DatabaseTooNewError);
    await expect(migrate(database.db)).rejects.toThrow(/schema version 99, newer than this server/);
  });

  it('roll back every pending step when one fails', async () => {
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: latest + 1, name: 'good', statements: ['CREATE TABLE good_step (id int)'] },
      { version: latest + 2, name: 'bad', statements: ['CREATE TABLE bad_step (id int)', 'SELECT no_such_function()'] },
    ];
    await expect(migrate(database.db, broken)).rejects.toThrow(/no_such_function/);
    const { rows } = await database.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('users', 'good_step', 'schema_migrations')",
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('refuse a list of steps with a gap', async () => {
    const gap: Migration[] = [{ ...MIGRATIONS[0]!, version: 2 }];
    await expect(migrate(database.db, gap)).rejects.toThrow(/expected 1/);
  });
});
