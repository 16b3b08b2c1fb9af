import { defineConfig, EnvBoolean, EnvInteger } from '@claimtrail/platform';

class ProjectorEnv {
  @EnvBoolean()
  PROJECTOR_IN_PROCESS?: boolean;

  @EnvInteger(1, 10_000)
  PROJECTION_BATCH_SIZE?: number;
}

export interface ProjectorSettings {
  /** False where a separate projector process owns the read models. */
  inProcess: boolean;
  batchSize: number;
}

export const projectorConfig = defineConfig('projector', ProjectorEnv, (env): ProjectorSettings => ({
  inProcess: env.PROJECTOR_IN_PROCESS ?? true,
  batchSize: env.PROJECTION_BATCH_SIZE ?? 500,
}));
