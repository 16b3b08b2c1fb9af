import { defineConfig, EnvInteger } from '@claimtrail/platform';

class HealthEnv {
  @EnvInteger(1, 86_400)
  HEALTH_MAX_PROJECTION_LAG_SECONDS?: number;

  @EnvInteger(100, 60_000)
  HEALTH_CHECK_TIMEOUT_MS?: number;
}

export const healthConfig = defineConfig('health', HealthEnv, (env) => ({
  maxProjectionLagSeconds: env.HEALTH_MAX_PROJECTION_LAG_SECONDS ?? 60,
  checkTimeoutMs: env.HEALTH_CHECK_TIMEOUT_MS ?? 3000,
}));
