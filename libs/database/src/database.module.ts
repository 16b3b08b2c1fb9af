import { Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { openDataSource, poolOf, type SchemaParts } from './data-source.factory.js';
import { readDatabaseConfig } from './database.config.js';
import { resolveDatabase, type ResolvedDatabase } from './resolve-database.js';

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
  }
}

/** The database the whole process shares: DATABASE_URL, else embedded PGlite; migrated before anything uses it. */
@Module({})
export class DatabaseModule {
  static forRoot(parts: SchemaParts): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        {
          provide: RESOLVED_DATABASE,
          inject: [ConfigService],
          useFactory: async (config: ConfigService) => {
            const settings = readDatabaseConfig({
              DATABASE_URL: config.get('DATABASE_URL'),
              CLAIMTRAIL_DATA_DIR: config.get('CLAIMTRAIL_DATA_DIR'),
              DATABASE_POOL_SIZE: config.get('DATABASE_POOL_SIZE'),
            });
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
        { provide: PG_POOL, inject: [DataSource], useFactory: (dataSource: DataSource): Pool => poolOf(dataSource) },
        DatabaseLifecycle,
      ],
      exports: [RESOLVED_DATABASE, DataSource, PG_POOL],
    };
  }
}
