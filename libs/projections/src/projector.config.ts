import { defineConfig, EnvBoolean, EnvInteger } from '@claimtrail/platform';

class ProjectorEnv {
  @EnvBoolean()
  PROJECTOR_IN_PROCESS?: boolean;

  @EnvInteger(1, 10_000)
  PROJECTION_BATCH_SIZE?: number;

  @EnvInteger(1, 100_000)
  PROJECTION_REBUILD_BATCH_SIZE?: number;
}

export interface ProjectorSettings {
  /** False where a separate projector process owns the read models. */
  inProcess: boolean;
  batchSize: number;
  /** Larger than the live batch: a rebuild reads a long backlog and nobody waits on its single events. */
  rebuildBatchSize: number;
}

export const projectorConfig = defineConfig('projector', ProjectorEnv, (env): ProjectorSettings => ({
  inProcess: env.PROJECTOR_IN_PROCESS ?? true,
  batchSize: env.PROJECTION_BATCH_SIZE ?? 500,
  rebuildBatchSize: env.PROJECTION_REBUILD_BATCH_SIZE ?? 5000,
}));
