import { Module, type DynamicModule } from '@nestjs/common';
import { PG_POOL } from '@claimtrail/database';
import type { Pool } from 'pg';
import { EVENT_STORE } from './event-store.port.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';

/** Provides EVENT_STORE: the PostgreSQL adapter on the process's shared database. */
@Module({})
export class EventStoreModule {
  static forRoot(): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      providers: [
        { provide: EVENT_STORE, inject: [PG_POOL], useFactory: (pool: Pool) => new PostgresEventStore(pool) },
      ],
      exports: [EVENT_STORE],
    };
  }
}
