export type { Projection, RowProjection } from './projection.js';
export { rowProjection } from './row-projection.js';
export {
  ProjectionRunner,
  CheckpointMoved,
  type ProjectionRunnerOptions,
  type QuarantinedStream,
  type RetryOutcome,
} from './projection-runner.js';
export { isTransientError, errorSummary } from './projection-errors.js';
export { CheckpointStore, type ProjectionStatus } from './checkpoint-store.js';
export {
  ProjectorService,
  PROJECTIONS,
  PROJECTOR_OPTIONS,
  type ProjectorOptions,
} from './projector.service.js';
export { CreateProjectionCheckpoints1764201700000 } from './projection-checkpoint.migration.js';
export { CreateProjectionQuarantine1764800100000 } from './projection-quarantine.migration.js';
export { ProjectorModule } from './projector.module.js';
import { CreateProjectionCheckpoints1764201700000 } from './projection-checkpoint.migration.js';
import { CreateProjectionQuarantine1764800100000 } from './projection-quarantine.migration.js';
/** The projection runtime's own tables, in order. */
export const PROJECTION_MIGRATIONS = [
  CreateProjectionCheckpoints1764201700000,
  CreateProjectionQuarantine1764800100000,
];
