import pg, { type Pool } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { ResolvedDatabase } from './resolve-database.js';
import { TypeOrmLogger } from './typeorm-logger.js';

export interface SchemaParts {
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

export function dataSourceOptions(database: ResolvedDatabase, parts: SchemaParts): DataSourceOptions {
  return {
    type: 'postgres',
    url: database.url,
    entities: parts.entities,
    migrations: parts.migrations,
    migrationsRun: false,
    synchronize: false,
    // TypeORM's loggers print failing SQL with its parameters (patient data): this one never does.
    logger: new TypeOrmLogger(),
    extra: {
      max: database.poolSize,
      // The embedded server queues work behind an open transaction; a long wait is contention, not failure.
      connectionTimeoutMillis: database.embedded ? 0 : 10_000,
      // JIT compiles a statement whose estimated cost passes jit_above_cost, at every execution: for the event store's
      // group append that was about 40 ms for a statement that runs in 1. Every statement here is short.
      ...(database.embedded ? {} : { options: '-c jit=off' }),
    },
  };
}

/** Any fixed number: every ClaimTrail process migrating one database takes this advisory lock first. */
const MIGRATION_LOCK = 7_463_911_202;

/**
 * Initialised data source with every migration applied. The API and projector workers often start together on one
 * database: TypeORM would let each run the same pending migration, so they take turns under an advisory lock, held
 * on a connection of its own so that a pool of one can still migrate.
 */
export async function openDataSource(database: ResolvedDatabase, parts: SchemaParts): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(database, parts));
  await dataSource.initialize();
  try {
    if (database.embedded) await dataSource.runMigrations({ transaction: 'each' });
    else await underMigrationLock(database.url, () => dataSource.runMigrations({ transaction: 'each' }));
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

async function underMigrationLock(url: string, work: () => Promise<unknown>): Promise<void> {
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await work();
  } finally {
    // Ending the session releases the lock whatever happened.
    await lock.end();
  }
}

/** The data source's own pg pool, so that raw SQL and TypeORM share connections (one, on the embedded database). */
export function poolOf(dataSource: DataSource): Pool {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool) throw new Error('The data source is not initialised');
  return pool;
}
