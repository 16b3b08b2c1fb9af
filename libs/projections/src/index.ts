export type { RowProjection } from './projection.js';
export { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner.js';
export { CheckpointStore, type ProjectionStatus } from './checkpoint-store.js';
export {
  ProjectorService,
  PROJECTIONS,
  PROJECTOR_OPTIONS,
  type ProjectorOptions,
} from './projector.service.js';
export { CreateProjectionCheckpoints1764201700000 } from './projection-checkpoint.migration.js';
export { ProjectorModule } from './projector.module.js';
