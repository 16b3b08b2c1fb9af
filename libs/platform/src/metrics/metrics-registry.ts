import { collectDefaultMetrics, Registry } from 'prom-client';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/**
 * A registry of the application's own, never prom-client's global one: two applications in one process (tests) would
 * otherwise register the same names twice. The process metrics keep their standard unprefixed names
 * (process_cpu_seconds_total, nodejs_heap_size_used_bytes, ...), which stock dashboards expect.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
