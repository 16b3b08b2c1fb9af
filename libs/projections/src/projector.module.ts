import { Module, type DynamicModule } from '@nestjs/common';
import { PG_POOL } from '@claimtrail/database';
import type { Pool } from 'pg';
import { CheckpointStore } from './checkpoint-store.js';
import type { Projection } from './projection.js';
import {
  PROJECTIONS,
  PROJECTOR_OPTIONS,
  ProjectorService,
  type ProjectorOptions,
} from './projector.service.js';

@Module({})
export class ProjectorModule {
  static forRoot(projections: Projection[], options: ProjectorOptions): DynamicModule {
    return {
      module: ProjectorModule,
      global: true,
      providers: [
        { provide: PROJECTIONS, useValue: projections },
        { provide: PROJECTOR_OPTIONS, useValue: options },
        {
          provide: CheckpointStore,
          inject: [PG_POOL],
          useFactory: (pool: Pool) => new CheckpointStore(pool),
        },
        ProjectorService,
      ],
      exports: [CheckpointStore, ProjectorService],
    };
  }
}
