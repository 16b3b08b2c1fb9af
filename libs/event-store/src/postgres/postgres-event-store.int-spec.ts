import pg from 'pg';
import { createTestDatabase } from '@claimtrail/database';
import { eventStoreContract } from '../testing/event-store.contract.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { POSTGRES_EVENT_STORE_SCHEMA } from './postgres-event-store.schema.js';

eventStoreContract(process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite', async () => {
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: database.poolSize });
  for (const statement of POSTGRES_EVENT_STORE_SCHEMA) await pool.query(statement);
  return {
    store: new PostgresEventStore(pool, { pollIntervalMs: 20 }),
    dispose: async () => {
      await pool.end();
      await database.close();
    },
  };
});
