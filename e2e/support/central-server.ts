// The central endpoint for the end-to-end tests, started as an administrator would: users made with
// `npm run server:admin -- create-user …`, then `npm run server` on PGlite in a folder of its own.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './browser-shell.js';

export interface ServerUser {
  readonly login: string;
  readonly role: string;
  readonly district?: string;
  readonly name: string;
  readonly password: string;
}

export interface RunningServer {
  readonly url: string;
  stop(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
}

/** PGlite, whatever the environment says. */
const ENV = { ...process.env, DATABASE_URL: '' };

/** registerCsv: a register file loaded with `server:admin import-register` before the server starts. */
export async function startServer(users: readonly ServerUser[], options: { registerCsv?: string } = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'appeals-e2e-server-'));
  // PGlite is one process at a time: the admin CLI first, then the server.
  for (const u of users) {
    const args = ['--import', 'tsx', 'server/admin.ts', 'create-user', '--login', u.login, '--role', u.role, '--name', u.name, '--password', u.password, '--data-dir', dataDir];
    if (u.district) args.push('--district', u.district);
    const made = spawnSync(process.execPath, args, { cwd: ROOT, env: ENV, encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`create-user ${u.login}: ${made.stderr}`);
  }
  if (options.registerCsv !== undefined) {
    const file = join(dataDir, 'register.csv');
    writeFileSync(file, options.registerCsv);
    const made = spawnSync(process.execPath, ['--import', 'tsx', 'server/admin.ts', 'import-register', file, '--data-dir', dataDir], { cwd: ROOT, env: ENV, encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`import-register: ${made.stderr}`);
  }
  let running = await launch(dataDir, 0);
  return {
    url: running.url,
    /** Stops the server and deletes its data; a second call does nothing. */
    async stop() {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    /** Stops the server and keeps its data: the workstations find it gone. */
    async pause() {
      await running.stop();
    },
    /** Starts it again on its data and at its address. */
    async resume() {
      await running.stop();
      running = await launch(dataDir, Number(new URL(running.url).port));
    },
  };
}

/** `npm run server -- --port N --data-dir DIR` as a child process, once it listens. */
async function launch(dataDir: string, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', String(port), '--data-dir', dataDir], {
    cwd: ROOT,
    env: ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start in time:\n${output}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
