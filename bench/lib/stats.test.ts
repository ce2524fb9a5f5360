import { describe, expect, it } from 'vitest';
import { latencyMetrics, percentile, summarise } from './stats.js';

describe('latency statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(() => percentile([], 50)).toThrow();
  });

  it('summarises unsorted samples and names the metrics', () => {
    expect(summarise([3, 1, 2])).toEqual({ n: 3, p50: 2, p95: 3, p99: 3, mean: 2, max: 3 });
    expect(Object.keys(latencyMetrics('register', [1, 2]))).toEqual([
      'register_p50_ms',
      'register_p95_ms',
      'register_p99_ms',
      'register_mean_ms',
      'register_max_ms',
      'register_n',
    ]);
  });
});
