// One database interface for the server: PostgreSQL through `pg` (a pool) when a connection string
// is given, PGlite (PostgreSQL in WASM, in process) on a data folder or in memory otherwise. Both
// speak the same SQL; rows come back with the same JS types (int8 as number, timestamptz as Date).
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface QueryResult<R> {
  readonly rows: R[];
  /** Rows inserted, updated or deleted (0 for a SELECT on PGlite; use rows.length there). */
  readonly rowCount: number;
}

/** Something that runs SQL: the database itself or one open transaction. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
}

export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `work` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * The name to `NOTIFY` (`SELECT pg_notify($1, …)`) and `listen` on for `name`: scoped by the schema
   * when the database works in one (each test file), so pokes never cross schemas.
   */
  channel(name: string): string;
  /**
   * LISTEN on `channel(name)`: PostgreSQL through one dedicated connection (reconnected when lost;
   * a poke missed meanwhile is covered by the clients' timed pull), PGlite in process. Resolves
   * once listening; the returned function stops.
   */
  listen(name: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /** Closing twice is harmless. */
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema?: string; readonly maxConnections?: number }
  /** dataDir undefined: in memory (tests). */
  | { readonly kind: 'pglite'; readonly dataDir?: string };

const INT8_OID = 20;
const NUMERIC_OID = 1700;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === 'postgres' ? openPostgres(options) : openPglite(options.dataDir);
}

async function openPostgres(options: { connectionString: string; schema?: string; maxConnections?: number }): Promise<Database> {
  const parse = (value: string) => Number(value);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    // A test file works in a schema of its own; the server uses the role's default search path.
    ...(options.schema ? { options: `-c search_path=${quoteIdent(options.schema)}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID || oid === NUMERIC_OID ? parse : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its connection emits 'error' on the pool; without a listener the process dies.
  pool.on('error', () => undefined);
  const run = async <R>(client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) => {
    const result = await client.query(sql, params as unknown[] | undefined);
    return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
  };
  const channel = (name: string) => (options.schema ? `${name}_${options.schema}` : name);
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    channel,
    listen: (name, onMessage) => listenPostgres(options.connectionString, channel(name), onMessage),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: (sql, params) => run(client, sql, params) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: once(() => pool.end()),
  };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const db = await PGlite.create(dataDir === undefined ? {} : { dataDir });
  const run = async <R>(target: Pick<PGlite, 'query'>, sql: string, params?: readonly unknown[]) => {
    const result = await target.query<R>(sql, params as unknown[] | undefined);
    return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
  };
  return {
    kind: 'pglite',
    query: (sql, params) => run(db, sql, params),
    channel: (name) => name,
    async listen(name, onMessage) {
      const stop = await db.listen(name, onMessage);
      return async () => {
        if (!db.closed) await stop();
      };
    },
    transaction: (work) => db.transaction((tx) => work({ query: (sql, params) => run(tx, sql, params) })),
    close: once(() => db.close()),
  };
}

/** One dedicated connection that LISTENs; reconnects a second after it is lost, until stopped. */
async function listenPostgres(connectionString: string, channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const retryLater = () => {
    if (stopped) return;
    retry = setTimeout(() => void connect().catch(retryLater), 1000);
    retry.unref();
  };
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on('notification', (message) => {
      if (message.channel === channel) onMessage(message.payload ?? '');
    });
    next.on('error', () => {
      if (stopped || client !== next) return;
      client = undefined;
      void next.end().catch(() => undefined);
      retryLater();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${quoteIdent(channel)}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    if (stopped) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const last = client;
    client = undefined;
    await last?.end().catch(() => undefined);
  };
}

function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
