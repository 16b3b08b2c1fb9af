export type { Projection, RowProjection } from './projection.js';
export type { ReadModel } from './read-model.js';
export {
  deleteFromTables,
  rowProjection,
  upsertRows,
  upsertTables,
  type TableRows,
} from './row-projection.js';
export {
  ProjectionRunner,
  CheckpointMoved,
  PartitionCountMismatch,
  type ProjectionRunnerOptions,
  type QuarantinedStream,
  type RetryOutcome,
} from './projection-runner.js';
export { isTransientError } from './projection-errors.js';
export type { BatchObserver, BatchStep, BatchStepEnd } from './batch-observer.port.js';
export {
  CheckpointStore,
  lowestPosition,
  type PartitionStatus,
  type ProjectionStatus,
  type RebuildStatus,
} from './checkpoint-store.js';
export { fnv1a32, partitionOf, type PartitionSlice } from './stream-partition.js';
export { fairShare, planLeases, type LeasePlan } from './lease-plan.js';
export { leaseHolders, PartitionLeases, type PartitionLeasesOptions } from './partition-leases.js';
export { LeasedPartitions, type LeasedPartitionsOptions } from './leased-partitions.js';
export { splitCheckpoints, type SplitMode } from './partition-checkpoints.js';
export { ProjectorService, PROJECTIONS, PROJECTOR_OPTIONS } from './projector.service.js';
export { CreateProjectionCheckpoints1764201700000 } from './projection-checkpoint.migration.js';
export { CreateProjectionQuarantine1764800100000 } from './projection-quarantine.migration.js';
export { ProjectorModule, type ProjectorModuleOptions } from './projector.module.js';
export { PROJECTION_MIGRATIONS } from './projection.migrations.js';
export { projectorConfig, type ProjectorSettings } from './projector.config.js';
export {
  ProjectionRebuilder,
  ProjectionRebuildError,
  type RebuildProgress,
  type RebuildOutcome,
  type RebuildTarget,
} from './projection-rebuilder.js';
export { ProjectionRebuilds } from './projection-rebuilds.service.js';
export { ProjectionMonitor, type ProjectionReport } from './projection-monitor.js';
export { projectionErrorMapping } from './projection-errors.mapping.js';
export { CreateProjectionRebuilds1765000000000 } from './projection-rebuild.migration.js';
export { AddProjectionPartitions1767200000000 } from './projection-partitions.migration.js';
