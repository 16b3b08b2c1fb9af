import pg from 'pg';
import type { ResolvedDatabase } from '@claimtrail/database';
import { PostgresEventStore, type PostgresEventStoreOptions } from '../postgres/postgres-event-store.js';
import { POSTGRES_EVENT_STORE_SCHEMA } from '../postgres/postgres-event-store.schema.js';
import type { ContractSubject } from './contract-subject.js';

/** The PostgreSQL adapter on a fresh database, with appends that can hold their transaction open. */
export async function openPostgresSubject(
  database: ResolvedDatabase,
  options: PostgresEventStoreOptions,
): Promise<ContractSubject> {
  const pool = new pg.Pool({
    connectionString: database.url,
    max: database.poolSize,
    // As the application's pool (see dataSourceOptions in @claimtrail/database); the embedded server has no JIT.
    ...(database.embedded ? {} : { options: '-c jit=off' }),
  });
  // An idle client cut off by the server (teardown, restart) would otherwise crash the Jest worker; pg asks for this.
  pool.on('error', () => undefined);
  for (const statement of POSTGRES_EVENT_STORE_SCHEMA) await pool.query(statement);
  const store = new PostgresEventStore(pool, options);
  return {
    store,
    otherWriter: new PostgresEventStore(pool, options),
    singleConnection: database.poolSize === 1,
    appendHeldOpen: async (streamName, events, appendOptions, hold) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await new PostgresEventStore(client, options).append(
          streamName,
          events,
          appendOptions,
        );
        await hold();
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    dispose: async () => {
      await store.close();
      await pool.end();
      await database.close();
    },
  };
}
