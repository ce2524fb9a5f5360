// Latency statistics for benchmarks: percentiles by the nearest-rank method, in milliseconds.

export interface LatencySummary {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly mean: number;
  readonly max: number;
}

/** The nearest-rank percentile of sorted samples (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('no samples');
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarise(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    max: sorted[sorted.length - 1] as number,
  };
}

/** `{prefix}_p50_ms`, `{prefix}_p95_ms`, … rounded to microseconds, ready for a result's metrics. */
export function latencyMetrics(prefix: string, samples: readonly number[]): Record<string, number> {
  const s = summarise(samples);
  return {
    [`${prefix}_p50_ms`]: round(s.p50),
    [`${prefix}_p95_ms`]: round(s.p95),
    [`${prefix}_p99_ms`]: round(s.p99),
    [`${prefix}_mean_ms`]: round(s.mean),
    [`${prefix}_max_ms`]: round(s.max),
    [`${prefix}_n`]: s.n,
  };
}

/** Runs `fn` for each item in turn, one at a time, and returns how long each call took in ms. */
export async function timeSequential<T>(items: readonly T[], fn: (item: T, index: number) => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const started = performance.now();
    await fn(items[i] as T, i);
    samples.push(performance.now() - started);
  }
  return samples;
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
