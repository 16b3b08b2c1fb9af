import { Module, type DynamicModule } from '@nestjs/common';
import { PG_POOL } from '@claimtrail/database';
import { isPosition } from '@claimtrail/event-store';
import { PROJECTION_POSITIONS, type ProjectionPositions } from '@claimtrail/platform';
import type { Pool } from 'pg';
import { CheckpointStore } from './checkpoint-store.js';
import type { Projection } from './projection.js';
import { PROJECTION_MIGRATIONS } from './projection.migrations.js';
import { PROJECTIONS, PROJECTOR_OPTIONS, ProjectorService } from './projector.service.js';
import type { ProjectorSettings } from './projector.config.js';

export interface ProjectorModuleOptions {
  projections: readonly Projection[];
  settings: ProjectorSettings;
  /** The database and event store modules the projections read from and write to. */
  imports: DynamicModule[];
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
        { provide: PROJECTIONS, useValue: options.projections },
        { provide: PROJECTOR_OPTIONS, useValue: options.settings },
        {
          provide: CheckpointStore,
          inject: [PG_POOL],
          useFactory: (pool: Pool) => new CheckpointStore(pool),
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
        ProjectorService,
      ],
      exports: [CheckpointStore, ProjectorService, PROJECTION_POSITIONS],
    };
  }
}
