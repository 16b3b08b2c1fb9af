import { randomUUID } from 'node:crypto';
import { createTestDatabase, openDataSource, poolOf, type ResolvedDatabase } from '@claimtrail/database';
import { EVENT_STORE_MIGRATIONS, PostgresEventStore, type NewEvent } from '@claimtrail/event-store';
import type { DataSource } from 'typeorm';
import { PROJECTION_MIGRATIONS } from '../projection.migrations.js';

type Class = new (...args: never[]) => unknown;

export interface ProjectionDatabase {
  database: ResolvedDatabase;
  dataSource: DataSource;
  store: PostgresEventStore;
  close(): Promise<void>;
}

/** A fresh test database with the event store's and the projection runtime's tables, and the test's own. */
export async function openProjectionDatabase(
  own: { entities?: Class[]; migrations?: Class[] } = {},
): Promise<ProjectionDatabase> {
  const database = await createTestDatabase();
  const dataSource = await openDataSource(database, {
    entities: own.entities ?? [],
    migrations: [...EVENT_STORE_MIGRATIONS, ...PROJECTION_MIGRATIONS, ...(own.migrations ?? [])],
  });
  return {
    database,
    dataSource,
    store: new PostgresEventStore(poolOf(dataSource)),
    close: async () => {
      await dataSource.destroy();
      await database.close();
    },
  };
}

/** An event of no interest but its type, with a fresh id. */
export function happened(type = 'Happened'): NewEvent {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data: {},
    metadata: { actor: 'test', occurredAt: '2026-01-01T00:00:00.000Z' },
  };
}
