// Starts the browser shell as a user would (`npm run start:browser -- --no-open …`), each test with
// its own data folder, and stops it gently (SIGTERM) or brutally (SIGKILL).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/**
 * A data folder with the demo loaded once by the global setup (a real `--demo` start); a test's
 * `--demo` shell on an empty folder starts from a copy of it, so every test does not spend its
 * time generating the same season again. The shell still runs with `--demo` and finds it loaded.
 * (A test that starts its shell on a folder holding a database keeps that database.)
 */
export const DEMO_TEMPLATE_ENV = 'APPEALS_E2E_DEMO_TEMPLATE';

export interface RunningShell {
  readonly url: string;
  readonly dataDir: string;
  readonly process: ChildProcess;
  stop(): Promise<number | null>;
  kill(): Promise<void>;
}

export function newDataDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `appeals-e2e-${name}-`));
}

export async function startShell(
  dataDir: string,
  options: { demo?: boolean; env?: Readonly<Record<string, string>>; startTimeoutMs?: number } = {},
): Promise<RunningShell> {
  const template = process.env[DEMO_TEMPLATE_ENV];
  // A folder without a database yet (a test may have put its clock file there first).
  if (options.demo && template && existsSync(template) && !existsSync(join(dataDir, 'appeals.sqlite'))) {
    cpSync(template, dataDir, { recursive: true });
  }
  const args = ['--import', 'tsx', 'electron/browser-shell/main.ts', '--no-open', '--port', '0', '--data-dir', dataDir];
  if (options.demo) args.push('--demo');
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env, APPEALS_RENDERER_PREBUILT: '1' } });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the browser shell did not print its URL in time:\n${output}`)), options.startTimeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Откройте: (http:\/\/127\.0\.0\.1:\d+\/\?key=\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the browser shell exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    url,
    dataDir,
    process: child,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      // The DB worker is a thread of this process: SIGKILL takes everything down at once.
      child.kill('SIGKILL');
      await exited;
    },
  };
}
