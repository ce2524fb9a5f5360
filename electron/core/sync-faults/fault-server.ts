// Test helper for the sync fault tests: the real central endpoint as its own process (PGlite in a
// temporary folder, or a schema of its own on TEST_DATABASE_URL's PostgreSQL, as CI runs it), which
// can be killed and started again on the same data, behind a fault proxy that decides per request
// what goes wrong: the request dropped, the answer dropped after the server handled it, a delay, the
// request sent twice, the answer cut in the middle of its body.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

const ROOT = join(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

export type Fault =
  | { readonly kind: 'pass' }
  /** The request never reaches the server: the connection is dropped. */
  | { readonly kind: 'drop_request' }
  /** The server handles the request; its answer is lost (the connection dropped before it). */
  | { readonly kind: 'drop_response' }
  | { readonly kind: 'delay'; readonly ms: number }
  /** The request reaches the server twice; the client gets the second answer. */
  | { readonly kind: 'duplicate' }
  /** The headers and half the body of the answer arrive, then the connection drops. */
  | { readonly kind: 'cut_body' };

export const FAULT_KINDS = ['drop_request', 'drop_response', 'delay', 'duplicate', 'cut_body'] as const;

export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  /** 1, 2, … in the order requests reached the proxy. */
  readonly n: number;
}

/** Decides the fault of each request (the poke stream, GET /sync/events, always passes). */
export type ServerQuery = (sql: string, params?: readonly unknown[]) => Promise<unknown[]>;

export type FaultPlan = (request: ProxiedRequest) => Fault;

/** A small deterministic random source (mulberry32), so a seed replays the same faults. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Faults at random with probability `rate` per request, every kind alike, from `seed`. */
export function randomFaults(seed: number, rate: number): FaultPlan {
  const random = seededRandom(seed);
  return () => {
    if (random() >= rate) return { kind: 'pass' };
    const kind = FAULT_KINDS[Math.floor(random() * FAULT_KINDS.length)]!;
    return kind === 'delay' ? { kind, ms: 50 + Math.floor(random() * 400) } : { kind };
  };
}

export interface TestUser {
  readonly login: string;
  readonly role: string;
  readonly district?: string;
  readonly name?: string;
  readonly password: string;
}

export interface FaultServer {
  /** The proxy's address: what the workstations connect to. */
  readonly url: string;
  /** Replaces the fault plan (the default passes everything). */
  setPlan(plan: FaultPlan): void;
  /** Called with each request as the proxy forwards it to the server (after the request's fault is chosen). */
  onForward(listener: ((request: ProxiedRequest) => void) | null): void;
  /** Every request the proxy saw, with the fault it got. */
  readonly log: { request: ProxiedRequest; fault: Fault['kind'] }[];
  /** SIGKILL to the server process: no shutdown, whatever it was doing is cut off. */
  kill(): Promise<void>;
  /** Starts the server again on the same data. */
  start(): Promise<void>;
  /** Reads the server's database (PGlite: the server is stopped for it and started again). */
  inspect<T>(work: (query: ServerQuery) => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

export async function startFaultServer(users: readonly TestUser[], options: { registerCsv?: string } = {}): Promise<FaultServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'appeals-faults-'));
  const pgUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;
  const schema = pgUrl ? `test_${randomUUID().replaceAll('-', '')}` : undefined;
  if (pgUrl && schema) await adminQuery(pgUrl, `CREATE SCHEMA ${quoteIdent(schema)}`);
  const databaseUrl = pgUrl && schema ? withSearchPath(pgUrl, schema) : '';
  const env = { ...process.env, DATABASE_URL: databaseUrl };

  // PGlite is one process at a time: users first, then the server.
  for (const u of users) {
    const args = ['server/admin.ts', 'create-user', '--login', u.login, '--role', u.role, '--password', u.password, '--data-dir', dataDir];
    if (u.district) args.push('--district', u.district);
    if (u.name) args.push('--name', u.name);
    const result = spawnSync(TSX, args, { cwd: ROOT, encoding: 'utf8', env });
    if (result.status !== 0) throw new Error(`server:admin create-user ${u.login}: ${result.stderr}`);
  }
  if (options.registerCsv !== undefined) {
    const file = join(dataDir, 'register.csv');
    writeFileSync(file, options.registerCsv);
    const result = spawnSync(TSX, ['server/admin.ts', 'import-register', file, '--data-dir', dataDir], { cwd: ROOT, encoding: 'utf8', env });
    if (result.status !== 0) throw new Error(`server:admin import-register: ${result.stderr}`);
  }

  let child: ChildProcess | null = null;
  let target = '';
  let port = 0;
  const start = async () => {
    // The same port each time, so a workstation's requests find the server again after a restart.
    // Node itself with tsx's loader (not the tsx launcher, whose child would outlive a SIGKILL).
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', String(port), '--data-dir', dataDir], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    child = proc;
    target = await new Promise<string>((resolve, reject) => {
      let out = '';
      proc.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Server listening at (http:\/\/127\.0\.0\.1:(\d+))/.exec(out);
        if (match) {
          port = Number(match[2]);
          resolve(match[1]!);
        }
      });
      proc.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
    });
    // Drain what it logs later, so the pipe never fills.
    proc.stdout!.resume();
  };
  const halt = async (signal: NodeJS.Signals) => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill(signal);
    await exited;
  };
  await start();

  let plan: FaultPlan = () => ({ kind: 'pass' });
  let forwardListener: ((request: ProxiedRequest) => void) | null = null;
  const log: FaultServer['log'] = [];
  let n = 0;
  const proxy = createServer((req, res) => {
    const request: ProxiedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', n: ++n };
    const fault: Fault = request.path.startsWith('/sync/events') ? { kind: 'pass' } : plan(request);
    log.push({ request, fault: fault.kind });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      void relay(req, res, request, fault, body);
    });
  });
  const relay = async (req: IncomingMessage, res: ServerResponse, request: ProxiedRequest, fault: Fault, body: Buffer | undefined) => {
    if (fault.kind === 'drop_request') return void req.socket.destroy();
    if (fault.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'authorization', 'accept']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const send = () => fetch(`${target}${request.path}`, { method: request.method, headers, ...(body ? { body } : {}) });
    try {
      forwardListener?.(request);
      if (fault.kind === 'duplicate') await send().then((r) => r.arrayBuffer());
      const answer = await send();
      const relayed: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (name !== 'content-length' && name !== 'content-encoding' && name !== 'transfer-encoding' && name !== 'connection') relayed[name] = value;
      });
      if (request.path.startsWith('/sync/events')) {
        res.writeHead(answer.status, relayed);
        if (!answer.body) return void res.end();
        for await (const chunk of answer.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
        return void res.end();
      }
      const text = Buffer.from(await answer.arrayBuffer());
      if (fault.kind === 'drop_response') return void req.socket.destroy();
      if (fault.kind === 'cut_body') {
        res.writeHead(answer.status, { ...relayed, 'content-length': String(text.length) });
        res.write(text.subarray(0, Math.floor(text.length / 2)));
        // Let the half reach the client before the connection goes.
        setTimeout(() => req.socket.destroy(), 20);
        return;
      }
      res.writeHead(answer.status, relayed);
      res.end(text);
    } catch {
      req.socket.destroy();
    }
  };
  proxy.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');

  const inspect = async <T>(work: (query: ServerQuery) => Promise<T>): Promise<T> => {
    if (pgUrl && schema) {
      const client = new pg.Client({ connectionString: withSearchPath(pgUrl, schema) });
      await client.connect();
      try {
        return await work(async (sql, params) => (await client.query(sql, params as unknown[] | undefined)).rows);
      } finally {
        await client.end();
      }
    }
    await halt('SIGTERM');
    let db: PGlite | undefined;
    try {
      const open = await PGlite.create({ dataDir: join(dataDir, 'pglite') });
      db = open;
      return await work(async (sql, params) => (await open.query(sql, params as unknown[] | undefined)).rows);
    } finally {
      await db?.close();
      await start();
    }
  };

  return {
    url: `http://127.0.0.1:${address.port}`,
    setPlan(next) {
      plan = next;
    },
    onForward(listener) {
      forwardListener = listener;
    },
    log,
    kill: () => halt('SIGKILL'),
    start,
    inspect,
    async stop() {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
      await halt('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
      if (pgUrl && schema) await adminQuery(pgUrl, `DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
    },
  };
}

/** The connection string with `options=-c search_path=<schema>`, so the server process works in the schema. */
function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
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


function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
