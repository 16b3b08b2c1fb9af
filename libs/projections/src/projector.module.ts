import { Module, type DynamicModule } from '@nestjs/common';
import { PG_POOL, RESOLVED_DATABASE, type ResolvedDatabase } from '@claimtrail/database';
import { EVENT_STORE, isPosition, type EventStore } from '@claimtrail/event-store';
import { PROJECTION_POSITIONS, type ProjectionPositions } from '@claimtrail/platform';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { CheckpointStore } from './checkpoint-store.js';
import { ProjectionMonitor } from './projection-monitor.js';
import { ProjectionRebuilder } from './projection-rebuilder.js';
import { ProjectionRebuilds } from './projection-rebuilds.service.js';
import { ProjectionsResolver } from './graphql/projections.resolver.js';
import type { ReadModel } from './read-model.js';
import { PROJECTION_MIGRATIONS } from './projection.migrations.js';
import { PROJECTIONS, PROJECTOR_OPTIONS, ProjectorService } from './projector.service.js';
import type { ProjectorSettings } from './projector.config.js';
import { ignoreBatches, PROJECTION_BATCH_OBSERVER, type BatchObserver } from './batch-observer.port.js';

export interface ProjectorModuleOptions {
  /** What each projection fills: the projection, and the entities whose tables a rebuild replaces. */
  readModels: readonly Pick<ReadModel, 'projection' | 'entities'>[];
  settings: ProjectorSettings;
  /** The database and event store modules the projections read from and write to. */
  imports: DynamicModule[];
  /** Sees each batch the live projections apply (traces); none by default. */
  batchObserver?: BatchObserver;
}

/**
 * Runs the projections (in this process when settings.inProcess) and tells how far each has got: the checkpoints,
 * and PROJECTION_POSITIONS for read-your-writes.
 */
@Module({})
export class ProjectorModule {
  static readonly schema = { entities: [], migrations: PROJECTION_MIGRATIONS };

  static forRoot(options: ProjectorModuleOptions): DynamicModule {
    return {
      module: ProjectorModule,
      imports: options.imports,
      providers: [
        { provide: PROJECTIONS, useValue: options.readModels.map((readModel) => readModel.projection) },
        { provide: PROJECTOR_OPTIONS, useValue: options.settings },
        { provide: PROJECTION_BATCH_OBSERVER, useValue: options.batchObserver ?? ignoreBatches },
        {
          provide: CheckpointStore,
          inject: [PG_POOL, RESOLVED_DATABASE],
          // Runners elsewhere announce their commits over NOTIFY; the embedded database has no elsewhere.
          useFactory: (pool: Pool, database: ResolvedDatabase) =>
            new CheckpointStore(pool, {
              listenConnectionString:
                database.embedded || options.settings.inProcess ? undefined : database.url,
              partitions: options.settings.partitions,
            }),
        },
        {
          provide: PROJECTION_POSITIONS,
          inject: [CheckpointStore],
          useFactory: (checkpoints: CheckpointStore): ProjectionPositions => ({
            isPosition,
            waitUntil: (projections, position, timeoutMs) =>
              checkpoints.waitUntil(projections, position, timeoutMs),
          }),
        },
        {
          provide: ProjectionMonitor,
          inject: [EVENT_STORE, CheckpointStore],
          useFactory: (store: EventStore, checkpoints: CheckpointStore) =>
            new ProjectionMonitor(
              store,
              checkpoints,
              options.readModels.map((readModel) => readModel.projection.name),
            ),
        },
        {
          provide: ProjectionRebuilder,
          inject: [EVENT_STORE, DataSource],
          useFactory: (store: EventStore, dataSource: DataSource) =>
            new ProjectionRebuilder(
              store,
              dataSource,
              options.readModels.map((readModel) => ({
                projection: readModel.projection,
                tables: [...(readModel.entities as never[])].map(
                  (entity) => dataSource.getMetadata(entity).tableName,
                ),
              })),
              { batchSize: options.settings.rebuildBatchSize },
            ),
        },
        ProjectorService,
        ProjectionRebuilds,
        ProjectionsResolver,
      ],
      exports: [
        CheckpointStore,
        ProjectorService,
        PROJECTION_POSITIONS,
        ProjectionMonitor,
        ProjectionRebuilder,
        ProjectionRebuilds,
      ],
    };
  }
}
