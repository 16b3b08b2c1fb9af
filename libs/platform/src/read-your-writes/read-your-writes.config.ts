import { defineConfig } from '../config/config-section.js';
import { EnvInteger } from '../config/env-rules.js';

class ReadYourWritesEnv {
  @EnvInteger(0, 60_000)
  READ_YOUR_WRITES_TIMEOUT_MS?: number;
}

export const readYourWritesConfig = defineConfig('readYourWrites', ReadYourWritesEnv, (env) => ({
  timeoutMs: env.READ_YOUR_WRITES_TIMEOUT_MS ?? 5000,
}));
