// The benchmark runner: `npm run bench -- <name> [--option=value …]` runs one benchmark, prints its
// metrics and writes bench/results/<name>.json. Add a benchmark by adding a line to BENCHMARKS.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Benchmark, BenchmarkResult, Target } from './lib/benchmark.js';
import { environment, isBusy, machineLoad, type MachineLoad } from './lib/environment.js';

/** Loaded on demand, so that one benchmark's imports do not slow down or break another. */
const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  core: async () => (await import('./core.js')).default,
  'address-search': async () => (await import('./address-search.js')).default,
  import: async () => (await import('./import.js')).default,
  lifecycle: async () => (await import('./lifecycle.js')).default,
  'sync-server': async () => (await import('./sync-server.js')).default,
  sync: async () => (await import('./sync.js')).default,
  exports: async () => (await import('./exports.js')).default,
  reports: async () => (await import('./reports.js')).default,
  heating: async () => (await import('./heating.js')).default,
};

const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'results');

export interface ResultFile extends BenchmarkResult {
  readonly name: string;
  readonly date: string;
  readonly durationMs: number;
  readonly environment: ReturnType<typeof environment> & { readonly loadAtStart: MachineLoad; readonly loadAtEnd: MachineLoad };
}

function usage(): string {
  return `usage: npm run bench -- <name> [--option=value …]\navailable benchmarks: ${Object.keys(BENCHMARKS).join(', ')}`;
}

function parseOptions(args: readonly string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (const arg of args) {
    const m = /^--([a-zA-Z][\w-]*)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`cannot read argument "${arg}": options look like --name=value`);
    options[m[1] as string] = m[2] ?? 'true';
  }
  return options;
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    console.error(usage());
    return name === undefined ? 2 : 0;
  }
  const load = BENCHMARKS[name];
  if (!load) {
    console.error(`unknown benchmark "${name}"\n${usage()}`);
    return 2;
  }
  const options = parseOptions(rest);
  const benchmark = await load();
  const started = performance.now();
  const progress = (message: string) =>
    console.error(`[${name} ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);
  progress(benchmark.description);
  const loadAtStart = machineLoad();
  if (isBusy(loadAtStart)) progress(`the machine is busy (${JSON.stringify(loadAtStart)}): tail latencies will be inflated`);
  const result = await benchmark.run({ options, progress });
  const loadAtEnd = machineLoad();
  const file: ResultFile = {
    name,
    date: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
    ...result,
    environment: { ...environment(), loadAtStart, loadAtEnd },
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const out = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
  print(file);
  console.log(`\nwritten to ${relative(process.cwd(), out)}`);
  return 0;
}

function print(file: ResultFile): void {
  const width = Math.max(...Object.keys(file.metrics).map((k) => k.length));
  console.log(`${file.name} — ${file.date}, node ${file.environment.node}, ${file.environment.cpus} × ${file.environment.cpuModel}`);
  for (const [key, value] of Object.entries(file.metrics)) {
    const target = file.targets?.[key];
    const verdict = target ? `  ${meets(value, target) ? '✓' : '✗ MISSES'} target ${describeTarget(target)}` : '';
    console.log(`  ${key.padEnd(width)}  ${String(value).padStart(12)}${verdict}`);
  }
  for (const note of file.notes ?? []) console.log(`  note: ${note}`);
  const { loadAtStart, loadAtEnd } = file.environment;
  if (isBusy(loadAtStart) || isBusy(loadAtEnd)) {
    console.log(`  warning: the machine was busy (start ${JSON.stringify(loadAtStart)}, end ${JSON.stringify(loadAtEnd)})`);
  }
}

function meets(value: number, target: Target): boolean {
  return 'below' in target ? value < target.below : value >= target.above;
}

function describeTarget(target: Target): string {
  return 'below' in target ? `< ${target.below}` : `≥ ${target.above}`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
