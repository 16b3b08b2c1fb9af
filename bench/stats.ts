/** Percentile by nearest rank over a sorted copy; milliseconds in, milliseconds out. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface Latency {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latency(values: readonly number[]): Latency {
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    samples: values.length,
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    p99: round(percentile(values, 99)),
    // Not Math.max(...values): a fast cell's hundreds of thousands of samples overflow the call stack as arguments.
    max: round(values.reduce((max, value) => Math.max(max, value), -Infinity)),
  };
}
