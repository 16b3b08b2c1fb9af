import { defineConfig } from '../config/config-section.js';
import { EnvBoolean } from '../config/env-rules.js';

class MetricsEnv {
  @EnvBoolean()
  METRICS_ENABLED?: boolean;
}

export interface MetricsSettings {
  /** Serve GET /metrics (Prometheus text) from the API. */
  enabled: boolean;
}

export const metricsConfig = defineConfig('metrics', MetricsEnv, (env): MetricsSettings => ({
  enabled: env.METRICS_ENABLED ?? true,
}));
