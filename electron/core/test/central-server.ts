// Test helper: the real central endpoint as its own process on PGlite in a temporary folder (as
// `npm run server`), users made with the admin CLI first, and a relay in front of it that can drop
// every connection, as a cable pulled out would.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
/** The server under test keeps its data in PGlite, whatever the environment says. */
const SERVER_ENV = { ...process.env, DATABASE_URL: '' };

export interface TestUser {
  readonly login: string;
  readonly role: string;
  readonly district?: string;
  readonly name?: string;
  readonly password: string;
}

export interface CentralServer {
  /** The relay's address: what the workstation is told to connect to. */
  readonly url: string;
  /** The server's own address, for calls the test makes itself. */
  readonly directUrl: string;
  /** true: the relay drops every connection (the server looks unreachable). */
  cut(down: boolean): void;
  stop(): Promise<void>;
}

export interface CentralServerOptions {
  /** A register file (CSV text) loaded with the admin CLI's import-register before the server starts. */
  readonly registerCsv?: string;
}

export async function startCentralServer(users: readonly TestUser[], options: CentralServerOptions = {}): Promise<CentralServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'appeals-central-'));
  // PGlite is one process at a time: users first, then the server.
  for (const u of users) {
    const args = ['server/admin.ts', 'create-user', '--login', u.login, '--role', u.role, '--password', u.password, '--data-dir', dataDir];
    if (u.district) args.push('--district', u.district);
    if (u.name) args.push('--name', u.name);
    const result = spawnSync(TSX, args, { cwd: ROOT, encoding: 'utf8', env: SERVER_ENV });
    if (result.status !== 0) throw new Error(`server:admin create-user ${u.login}: ${result.stderr}`);
  }
  if (options.registerCsv !== undefined) {
    const file = join(dataDir, 'register.csv');
    writeFileSync(file, options.registerCsv);
    const result = spawnSync(TSX, ['server/admin.ts', 'import-register', file, '--data-dir', dataDir], { cwd: ROOT, encoding: 'utf8', env: SERVER_ENV });
    if (result.status !== 0) throw new Error(`server:admin import-register: ${result.stderr}`);
  }
  const server = spawn(TSX, ['server/main.ts', '--port', '0', '--data-dir', dataDir], { cwd: ROOT, env: SERVER_ENV, stdio: ['ignore', 'pipe', 'inherit'] });
  const directUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  let down = false;
  const relay = await startRelay(directUrl, () => down);
  return {
    url: relay.url,
    directUrl,
    cut(value) {
      down = value;
    },
    async stop() {
      const closed = new Promise((resolve) => relay.server.close(resolve));
      relay.server.closeAllConnections();
      await closed;
      await stopProcess(server);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startRelay(target: string, isDown: () => boolean): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (isDown()) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'authorization', 'accept']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      // A client gone (or the relay stopping) ends the upstream request too: an open poke stream
      // would otherwise keep the server from stopping.
      const upstream = new AbortController();
      res.on('close', () => upstream.abort());
      fetch(`${target}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, signal: upstream.signal, ...(body ? { body } : {}) })
        .then(async (answer) => {
          const relayed: Record<string, string> = {};
          answer.headers.forEach((value, name) => {
            if (name !== 'content-length' && name !== 'content-encoding' && name !== 'transfer-encoding' && name !== 'connection') relayed[name] = value;
          });
          res.writeHead(answer.status, relayed);
          // Streamed, so a server-sent event stream (the sync poke) flows through as it comes.
          if (!answer.body) return void res.end();
          for await (const chunk of answer.body as unknown as AsyncIterable<Uint8Array>) {
            if (isDown()) return void req.socket.destroy();
            res.write(chunk);
          }
          res.end();
        })
        .catch(() => req.socket.destroy());
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('relay has no port');
  return { server, url: `http://127.0.0.1:${address.port}` };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
