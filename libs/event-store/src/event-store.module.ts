import { Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { PG_POOL, RESOLVED_DATABASE, type ResolvedDatabase } from '@claimtrail/database';
import type { Pool } from 'pg';
import type { EventStoreSettings } from './event-store.config.js';
import { EVENT_STORE, type EventStore } from './event-store.port.js';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';
import { EVENT_STORE_MIGRATIONS } from './event-store.migrations.js';
import { adapterOf, ObservedEventStore, type AppendObserver } from './observed-event-store.js';
import { EVENT_STORE_INTEGRITY, type EventStoreIntegrity } from './integrity/integrity.port.js';
import { ReadBackIntegrity } from './integrity/read-back-integrity.js';
import { PostgresIntegrity } from './postgres/postgres-integrity.js';

class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/**
 * The configured event store: PostgreSQL on the process's shared database (LISTEN/NOTIFY on a real server, polling on
 * the embedded one, where LISTEN does not cross connections), or EventStoreDB.
 */
export function openEventStore(
  settings: EventStoreSettings,
  pool: Pool,
  database: ResolvedDatabase,
): EventStore {
  if (settings.kind === 'eventstoredb') return new EventStoreDbEventStore(settings.connectionString);
  return new PostgresEventStore(pool, {
    notifications: database.embedded ? 'poll' : 'listen',
    listenConnectionString: database.url,
  });
}

/** Provides EVENT_STORE as configured (openEventStore), and EVENT_STORE_INTEGRITY for it, over the database module. */
@Module({})
export class EventStoreModule {
  static readonly schema = { entities: [], migrations: EVENT_STORE_MIGRATIONS };

  /** observer: told of every append (metrics); none by default. */
  static forRoot(
    settings: EventStoreSettings,
    database: DynamicModule,
    observer?: AppendObserver,
  ): DynamicModule {
    return {
      module: EventStoreModule,
      imports: [database],
      providers: [
        {
          provide: EVENT_STORE,
          inject: [PG_POOL, RESOLVED_DATABASE],
          useFactory: (pool: Pool, database: ResolvedDatabase): EventStore => {
            new Logger('EventStore').log(
              `Using ${settings.kind === 'eventstoredb' ? 'EventStoreDB' : 'PostgreSQL'}`,
            );
            const store = openEventStore(settings, pool, database);
            return observer ? new ObservedEventStore(store, observer) : store;
          },
        },
        {
          provide: EVENT_STORE_INTEGRITY,
          inject: [EVENT_STORE, PG_POOL],
          useFactory: (store: EventStore, pool: Pool): EventStoreIntegrity =>
            adapterOf(store) instanceof PostgresEventStore
              ? new PostgresIntegrity(pool)
              : new ReadBackIntegrity(store),
        },
        EventStoreLifecycle,
      ],
      exports: [EVENT_STORE, EVENT_STORE_INTEGRITY],
    };
  }
}
