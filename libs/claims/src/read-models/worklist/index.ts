import type { ReadModel } from '@claimtrail/projections';
import { WorklistItemEntity } from './worklist-item.entity.js';
import { CreateWorklist1764900100000 } from './worklist.migration.js';
import { worklistProjection } from './worklist.projection.js';
import { WorklistQueries } from './worklist.queries.js';
import { WorklistResolver } from './worklist.resolver.js';

/** The follow-up worklist: open claims that need a human, why, and the deadline at stake. `worklist`. */
export const worklistReadModel: ReadModel = {
  name: worklistProjection.name,
  entities: [WorklistItemEntity],
  migrations: [CreateWorklist1764900100000],
  projection: worklistProjection,
  providers: [WorklistQueries, WorklistResolver],
};
