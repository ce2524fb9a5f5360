// A fresh database per test file: PGlite in memory by default; with TEST_DATABASE_URL, a schema of
// its own on that PostgreSQL (dropped afterwards), so test files run in parallel on one server.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase, quoteIdent, type Database } from '../db/database.js';

export interface TestDatabase {
  readonly db: Database;
  /** Opens another connection (pool) onto the same data, as a second server process would. */
  reopen(): Promise<Database>;
  dispose(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const db = await openDatabase({ kind: 'pglite' });
    return {
      db,
      reopen: () => Promise.resolve(db),
      dispose: () => db.close(),
    };
  }
  const schema = `test_${randomUUID().replaceAll('-', '')}`;
  await adminQuery(url, `CREATE SCHEMA ${quoteIdent(schema)}`);
  const open = () => openDatabase({ kind: 'postgres', connectionString: url, schema, maxConnections: 4 });
  const db = await open();
  const extra: Database[] = [];
  return {
    db,
    async reopen() {
      const other = await open();
      extra.push(other);
      return other;
    },
    async dispose() {
      await Promise.all([db, ...extra].map((d) => d.close()));
      await adminQuery(url, `DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
