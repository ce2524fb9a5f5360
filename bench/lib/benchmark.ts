// What a benchmark is to the runner (bench/run.ts): a description and a run that returns metrics.

export interface BenchmarkContext {
  /** `--key=value` arguments after the benchmark's name, e.g. `npm run bench -- core --appeals=50000`. */
  readonly options: Readonly<Record<string, string>>;
  /** Progress for the person watching; goes to stderr so stdout stays the result. */
  readonly progress: (message: string) => void;
}

/** The metric must stay below `below` (latencies), or reach at least `above` (hit rates). */
export type Target = { readonly below: number } | { readonly above: number };

export interface BenchmarkResult {
  /** Flat numbers: latencies as `*_ms`, counts, sizes. */
  readonly metrics: Record<string, number>;
  /** What the run was configured with (data sizes, seeds, iterations). */
  readonly params?: Record<string, unknown>;
  /** Limits the product promises, by metric name. */
  readonly targets?: Record<string, Target>;
  /** Anything a reader of the numbers must know. */
  readonly notes?: readonly string[];
}

export interface Benchmark {
  readonly description: string;
  run(context: BenchmarkContext): Promise<BenchmarkResult>;
}

/** An integer option with a default; throws a readable error on garbage. */
export function intOption(options: Readonly<Record<string, string>>, name: string, fallback: number): number {
  const raw = options[name];
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer, got "${raw}"`);
  return value;
}
