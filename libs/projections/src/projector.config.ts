import { defineConfig, EnvBoolean, EnvInteger } from '@claimtrail/platform';

class ProjectorEnv {
  @EnvBoolean()
  PROJECTOR_IN_PROCESS?: boolean;

  @EnvInteger(1, 10_000)
  PROJECTION_BATCH_SIZE?: number;

  @EnvInteger(1, 100_000)
  PROJECTION_REBUILD_BATCH_SIZE?: number;

  @EnvInteger(1, 256)
  PROJECTOR_PARTITIONS?: number;

  @EnvInteger(1, 3600)
  PROJECTOR_LEASE_SECONDS?: number;
}

export interface ProjectorSettings {
  /** False where a separate projector process owns the read models. */
  inProcess: boolean;
  batchSize: number;
  /** Larger than the live batch: a rebuild reads a long backlog and nobody waits on its single events. */
  rebuildBatchSize: number;
  /** How many partitions each projection's streams are split into, by stream hash (ADR 0012). */
  partitions: number;
  /** How long a worker's lease on a partition lasts unless renewed: how soon a dead worker's share is taken over. */
  leaseSeconds: number;
  /**
   * Run only the partitions this process holds a lease on, sharing them with the other processes that do the same
   * (the projector worker); otherwise every partition. Set by the composition root, not the environment.
   */
  leased?: boolean;
}

export const projectorConfig = defineConfig('projector', ProjectorEnv, (env): ProjectorSettings => ({
  inProcess: env.PROJECTOR_IN_PROCESS ?? true,
  batchSize: env.PROJECTION_BATCH_SIZE ?? 500,
  rebuildBatchSize: env.PROJECTION_REBUILD_BATCH_SIZE ?? 5000,
  partitions: env.PROJECTOR_PARTITIONS ?? 1,
  leaseSeconds: env.PROJECTOR_LEASE_SECONDS ?? 15,
}));
