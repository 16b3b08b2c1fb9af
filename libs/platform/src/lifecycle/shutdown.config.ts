import { defineConfig } from '../config/config-section.js';
import { EnvInteger } from '../config/env-rules.js';

class ShutdownEnv {
  @EnvInteger(1000, 600_000)
  SHUTDOWN_TIMEOUT_MS?: number;
}

export interface ShutdownSettings {
  /** Longest a shutdown may take, in-flight requests and the projector's batch included, before the process exits 1. */
  timeoutMs: number;
}

export const shutdownConfig = defineConfig('shutdown', ShutdownEnv, (env): ShutdownSettings => ({
  timeoutMs: env.SHUTDOWN_TIMEOUT_MS ?? 10_000,
}));
