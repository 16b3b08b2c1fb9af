import type { ResolvedDatabase } from '@claimtrail/database';
import type { Pool } from 'pg';
import { openEventStore } from './event-store.module.js';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';

describe('openEventStore', () => {
  const pool = {} as Pool;
  const database = { url: 'postgres://x', embedded: false } as ResolvedDatabase;

  it('opens EventStoreDB when EVENT_STORE selects it, whoever asks (API, worker or CLI)', async () => {
    const store = openEventStore(
      { kind: 'eventstoredb', connectionString: 'esdb://127.0.0.1:1?tls=false' },
      pool,
      database,
    );
    expect(store).toBeInstanceOf(EventStoreDbEventStore);
    await store.close();
  });

  it('opens PostgreSQL on the shared database otherwise', () => {
    expect(openEventStore({ kind: 'postgres' }, pool, database)).toBeInstanceOf(PostgresEventStore);
  });
});
