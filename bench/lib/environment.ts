// What a result was measured on, so that numbers from different machines are not compared blindly.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import Database from 'better-sqlite3';

export interface Environment {
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  readonly arch: string;
  readonly osRelease: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGb: number;
  readonly betterSqlite3: string;
  readonly sqlite: string;
  readonly tmpdir: string;
  readonly commit: string | null;
  readonly dirty: boolean | null;
}

/**
 * How busy the machine is: the load average and, where Linux reports it, the share of the last 10 s
 * in which some task waited for a CPU or for I/O. Other work on the same machine (a browser test
 * run, a build) inflates tail latencies; a result taken under load says so.
 */
export interface MachineLoad {
  readonly loadavg1: number;
  readonly cpuWaitingPct10s: number | null;
  readonly ioWaitingPct10s: number | null;
}

export function machineLoad(): MachineLoad {
  return {
    loadavg1: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
    cpuWaitingPct10s: pressure('cpu'),
    ioWaitingPct10s: pressure('io'),
  };
}

/** True when other work is likely to distort timings. */
export function isBusy(load: MachineLoad, cpus = os.cpus().length): boolean {
  return load.loadavg1 > cpus * 0.5 || (load.cpuWaitingPct10s ?? 0) > 25 || (load.ioWaitingPct10s ?? 0) > 25;
}

function pressure(resource: 'cpu' | 'io'): number | null {
  try {
    const m = /^some avg10=([\d.]+)/m.exec(readFileSync(`/proc/pressure/${resource}`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export function environment(): Environment {
  const cpus = os.cpus();
  const require = createRequire(import.meta.url);
  const bsqlPkg = JSON.parse(readFileSync(require.resolve('better-sqlite3/package.json'), 'utf8')) as { version: string };
  const mem = new Database(':memory:');
  const sqlite = (mem.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  mem.close();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    osRelease: os.release(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    betterSqlite3: bsqlPkg.version,
    sqlite,
    tmpdir: os.tmpdir(),
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: (() => {
      const status = git(['status', '--porcelain', '--untracked-files=no']);
      return status === null ? null : status !== '';
    })(),
  };
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}
