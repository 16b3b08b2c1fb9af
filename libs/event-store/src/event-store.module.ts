import { Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { PG_POOL, RESOLVED_DATABASE, type ResolvedDatabase } from '@claimtrail/database';
import type { Pool } from 'pg';
import type { EventStoreSettings } from './event-store.config.js';
import { EVENT_STORE, type EventStore } from './event-store.port.js';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';

class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/**
 * Provides EVENT_STORE: PostgreSQL on the process's shared database (LISTEN/NOTIFY on a real server, polling on the
 * embedded one, where LISTEN does not cross connections), or EventStoreDB.
 */
@Module({})
export class EventStoreModule {
  static forRoot(settings: EventStoreSettings = { kind: 'postgres' }): DynamicModule {
    const store =
      settings.kind === 'eventstoredb'
        ? {
            provide: EVENT_STORE,
            useFactory: (): EventStore => {
              new Logger('EventStore').log('Using EventStoreDB');
              return new EventStoreDbEventStore(settings.connectionString);
            },
          }
        : {
            provide: EVENT_STORE,
            inject: [PG_POOL, RESOLVED_DATABASE],
            useFactory: (pool: Pool, database: ResolvedDatabase): EventStore =>
              new PostgresEventStore(pool, {
                notifications: database.embedded ? 'poll' : 'listen',
                listenConnectionString: database.url,
              }),
          };
    return {
      module: EventStoreModule,
      global: true,
      providers: [store, EventStoreLifecycle],
      exports: [EVENT_STORE],
    };
  }
}
