import { Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { openDataSource, poolOf, type SchemaParts } from './data-source.factory.js';
import { resolveDatabase, type DatabaseSettings, type ResolvedDatabase } from './resolve-database.js';

export const RESOLVED_DATABASE = Symbol('RESOLVED_DATABASE');
export const PG_POOL = Symbol('PG_POOL');

class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(RESOLVED_DATABASE) private readonly database: ResolvedDatabase,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.database.close();
    new Logger('Database').log(
      { phase: 'database-closed', embedded: this.database.embedded },
      this.database.embedded
        ? 'Closed the embedded database and released its data directory'
        : 'Closed the connection pool',
    );
  }
}

/**
 * The database the whole process shares: DATABASE_URL, else embedded PGlite; migrated before anything uses it. The
 * composition root creates it once and hands it to each module that needs it.
 */
@Module({})
export class DatabaseModule {
  static forRoot(settings: DatabaseSettings, parts: SchemaParts): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: RESOLVED_DATABASE,
          useFactory: async () => {
            const database = await resolveDatabase(settings);
            new Logger('Database').log(`Using ${database.description}`);
            return database;
          },
        },
        {
          provide: DataSource,
          inject: [RESOLVED_DATABASE],
          useFactory: (database: ResolvedDatabase) => openDataSource(database, parts),
        },
        {
          provide: PG_POOL,
          inject: [DataSource],
          useFactory: (dataSource: DataSource): Pool => poolOf(dataSource),
        },
        DatabaseLifecycle,
      ],
      exports: [RESOLVED_DATABASE, DataSource, PG_POOL],
    };
  }
}
