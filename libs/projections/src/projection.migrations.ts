import { CreateProjectionCheckpoints1764201700000 } from './projection-checkpoint.migration.js';
import { CreateProjectionQuarantine1764800100000 } from './projection-quarantine.migration.js';
import { CreateProjectionRebuilds1765000000000 } from './projection-rebuild.migration.js';
import { AddProjectionPartitions1767200000000 } from './projection-partitions.migration.js';

/** The projection runtime's own tables, in order. */
export const PROJECTION_MIGRATIONS = [
  CreateProjectionCheckpoints1764201700000,
  CreateProjectionQuarantine1764800100000,
  CreateProjectionRebuilds1765000000000,
  AddProjectionPartitions1767200000000,
];
