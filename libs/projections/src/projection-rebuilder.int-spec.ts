import { randomUUID } from 'node:crypto';
import { createTestDatabase, openDataSource, poolOf, type ResolvedDatabase } from '@claimtrail/database';
import { EVENT_STORE_MIGRATIONS, PostgresEventStore, type NewEvent } from '@claimtrail/event-store';
import {
  Column,
  Entity,
  PrimaryColumn,
  type DataSource,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import { CheckpointStore } from './checkpoint-store.js';
import { ProjectionRebuilder, ProjectionRebuildError } from './projection-rebuilder.js';
import { ProjectionRunner } from './projection-runner.js';
import { rowProjection } from './row-projection.js';
import { PROJECTION_MIGRATIONS } from './index.js';

@Entity('stream_totals')
class StreamTotal {
  @PrimaryColumn({ name: 'stream_name', type: 'text' })
  streamName!: string;

  @Column({ type: 'integer' })
  events!: number;

  @Column({ type: 'integer' })
  total!: number;
}

class CreateStreamTotals1764300000001 implements MigrationInterface {
  name = 'CreateStreamTotals1764300000001';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE stream_totals (
      stream_name text CONSTRAINT stream_totals_key PRIMARY KEY,
      events integer NOT NULL CHECK (events > 0),
      total integer NOT NULL DEFAULT 0)`);
    await runner.query('CREATE INDEX stream_totals_by_total ON stream_totals (total DESC, stream_name)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE stream_totals');
  }
}

const totals = rowProjection<StreamTotal>({
  name: 'stream_totals',
  entity: StreamTotal,
  keyOf: (streamName) => streamName,
  apply: (row, event) =>
    Object.assign(new StreamTotal(), {
      streamName: event.streamName,
      events: (row?.events ?? 0) + 1,
      total: (row?.total ?? 0) + (event.data as { amount: number }).amount,
    }),
});

const event = (amount: number): NewEvent => ({
  id: randomUUID(),
  type: 'Added',
  schemaVersion: 1,
  data: { amount },
  metadata: { actor: 'test', occurredAt: '2026-01-01T00:00:00.000Z' },
});

describe('projection rebuild beside the live tables', () => {
  let database: ResolvedDatabase;
  let dataSource: DataSource;
  let store: PostgresEventStore;
  let checkpoints: CheckpointStore;
  let rebuilder: ProjectionRebuilder;
  let live: ProjectionRunner;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openDataSource(database, {
      entities: [StreamTotal],
      migrations: [...EVENT_STORE_MIGRATIONS, ...PROJECTION_MIGRATIONS, CreateStreamTotals1764300000001],
    });
    store = new PostgresEventStore(poolOf(dataSource));
    checkpoints = new CheckpointStore(poolOf(dataSource));
    rebuilder = new ProjectionRebuilder(
      store,
      dataSource,
      [{ projection: totals, tables: ['stream_totals'] }],
      {
        batchSize: 7,
      },
    );
    live = new ProjectionRunner(store, dataSource, totals, { batchSize: 5 });
    for (let s = 0; s < 20; s++)
      await store.append(`s-${s}`, [event(s), event(2 * s), event(3)], { expectedVersion: 'no_stream' });
    await live.catchUp();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.close();
  });

  const rows = () => dataSource.query('SELECT * FROM stream_totals ORDER BY stream_name');
  const shape = () =>
    dataSource.query(
      `SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relname LIKE 'stream_totals%' ORDER BY c.relname`,
    );
  const schemas = () =>
    dataSource.query(
      "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild_%' OR nspname LIKE 'retired_%'",
    );

  it('replays into fresh tables while queries read the live ones, then swaps them in with their checkpoint', async () => {
    const before = await rows();
    const tablesBefore = await shape();
    // Damage the live rows: only a replay from the log can set them right again.
    await dataSource.query("UPDATE stream_totals SET total = -1 WHERE stream_name = 's-3'");
    const seenDuringRebuild: unknown[] = [];
    const progress: number[] = [];
    const outcome = await rebuilder.rebuild('stream_totals', async (p) => {
      progress.push(p.eventsApplied);
      if (progress.length === 2) seenDuringRebuild.push(...(await rows()));
    });

    expect(outcome.eventsApplied).toBe(60);
    expect(progress.at(-1)).toBe(60);
    expect(seenDuringRebuild.find((r: any) => r.stream_name === 's-3')).toMatchObject({ total: -1 });
    expect(await rows()).toEqual(before);
    // Same constraint and index names as the migration made, so later migrations still find them.
    expect(await shape()).toEqual(tablesBefore);
    expect(await schemas()).toEqual([]);
    const [status] = await checkpoints.statuses(['stream_totals']);
    expect(status).toMatchObject({ eventsApplied: 60, position: outcome.position, rebuild: undefined });
  });

  it('hands over to the live runner, which carries on from the rebuilt checkpoint', async () => {
    await store.append('s-99', [event(10)], { expectedVersion: 'no_stream' });
    await store.append('s-1', [event(5)], { expectedVersion: 2 });
    expect(await live.catchUp()).toBe(2);
    const byStream = Object.fromEntries((await rows()).map((r: any) => [r.stream_name, r.total]));
    expect(byStream).toMatchObject({ 's-99': 10, 's-1': 1 + 2 + 3 + 5 });
  });

  it('refuses an unknown projection and a second rebuild of the same one', async () => {
    await expect(rebuilder.rebuild('nope')).rejects.toMatchObject({ reason: 'UNKNOWN_PROJECTION' });
    let second: Promise<unknown> | undefined;
    await rebuilder.rebuild('stream_totals', (p) => {
      if (p.eventsApplied > 0 && !second)
        second = rebuilder.rebuild('stream_totals').catch((e: unknown) => e);
    });
    const refused = await second;
    expect(refused).toBeInstanceOf(ProjectionRebuildError);
    expect(refused).toMatchObject({ reason: 'REBUILD_IN_PROGRESS' });
  });

  it('leaves the live tables untouched when a rebuild stops half way, and the next one starts over', async () => {
    const before = await rows();
    const controller = new AbortController();
    await expect(
      rebuilder.rebuild(
        'stream_totals',
        (p) => p.eventsApplied >= 14 && controller.abort(),
        controller.signal,
      ),
    ).rejects.toThrow();
    expect(await rows()).toEqual(before);
    expect(await schemas()).toEqual([]);
    expect((await checkpoints.statuses(['stream_totals']))[0]!.rebuild).toBeUndefined();
    await rebuilder.rebuild('stream_totals');
    expect(await rows()).toEqual(before);
  });

  it('takes over a rebuild whose process died once its heartbeat is stale', async () => {
    await dataSource.query(
      "INSERT INTO projection_rebuilds (name, heartbeat_at) VALUES ('stream_totals', now() - interval '1 hour')",
    );
    await dataSource.query('CREATE SCHEMA rebuild_stream_totals');
    await expect(rebuilder.rebuild('stream_totals')).resolves.toMatchObject({ eventsApplied: 62 });
    expect(await schemas()).toEqual([]);
  });
});
