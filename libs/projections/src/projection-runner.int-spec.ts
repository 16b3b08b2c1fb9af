import { randomUUID } from 'node:crypto';
import { createTestDatabase, openDataSource, poolOf, type ResolvedDatabase } from '@claimtrail/database';
import {
  EVENT_STORE_MIGRATIONS,
  PostgresEventStore,
  type NewEvent,
  type RecordedEvent,
} from '@claimtrail/event-store';
import {
  Column,
  Entity,
  PrimaryColumn,
  type DataSource,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import { CheckpointStore } from './checkpoint-store.js';
import { CreateProjectionCheckpoints1764201700000 } from './projection-checkpoint.migration.js';
import type { RowProjection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';

@Entity('stream_counts')
class StreamCount {
  @PrimaryColumn({ name: 'stream_name', type: 'text' })
  streamName!: string;

  @Column({ type: 'integer' })
  events!: number;
}

class CreateStreamCounts1764300000000 implements MigrationInterface {
  name = 'CreateStreamCounts1764300000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE stream_counts (stream_name text PRIMARY KEY, events integer NOT NULL)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE stream_counts');
  }
}

const counting = (fail?: (event: RecordedEvent) => boolean): RowProjection<StreamCount> => ({
  name: 'stream_counts',
  entity: StreamCount,
  keyOf: (event) => (event.type === 'Ignored' ? undefined : event.streamName),
  apply: (row, event) => {
    if (fail?.(event)) throw new Error('projection bug');
    if (event.type === 'Deleted') return undefined;
    return Object.assign(new StreamCount(), { streamName: event.streamName, events: (row?.events ?? 0) + 1 });
  },
});

const event = (type = 'Happened'): NewEvent => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data: {},
  metadata: { actor: 'test', occurredAt: '2026-01-01T00:00:00.000Z' },
});

describe('projection runner on a real database', () => {
  let database: ResolvedDatabase;
  let dataSource: DataSource;
  let store: PostgresEventStore;
  let checkpoints: CheckpointStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openDataSource(database, {
      entities: [StreamCount],
      migrations: [
        ...EVENT_STORE_MIGRATIONS,
        CreateProjectionCheckpoints1764201700000,
        CreateStreamCounts1764300000000,
      ],
    });
    store = new PostgresEventStore(poolOf(dataSource));
    checkpoints = new CheckpointStore(poolOf(dataSource));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.close();
  });

  const counts = async () =>
    Object.fromEntries(
      (await dataSource.getRepository(StreamCount).find()).map((r) => [r.streamName, r.events]),
    );

  it('folds events into rows and saves the checkpoint with them; deletes a row the projection removes', async () => {
    await store.append('s-a', [event(), event(), event('Ignored')], { expectedVersion: 'no_stream' });
    await store.append('s-b', [event()], { expectedVersion: 'no_stream' });
    await store.append('s-c', [event(), event('Deleted')], { expectedVersion: 'no_stream' });
    const runner = new ProjectionRunner(store, dataSource, counting(), { batchSize: 2 });
    expect(await runner.catchUp()).toBe(6);
    expect(await counts()).toEqual({ 's-a': 2, 's-b': 1 });
    const [status] = await checkpoints.statuses(['stream_counts']);
    expect(status).toMatchObject({ position: await store.headPosition(), eventsApplied: 6 });
    expect(await runner.catchUp()).toBe(0);
  });

  it('writes neither rows nor checkpoint for a batch that fails, and resumes from where it stood', async () => {
    const [before] = await checkpoints.statuses(['stream_counts']);
    await store.append('s-d', [event(), event('Poison')], { expectedVersion: 'no_stream' });
    const broken = new ProjectionRunner(
      store,
      dataSource,
      counting((e) => e.type === 'Poison'),
    );
    await expect(broken.catchUp()).rejects.toThrow('projection bug');
    expect((await counts())['s-d']).toBeUndefined();
    expect((await checkpoints.statuses(['stream_counts']))[0]!.position).toBe(before!.position);

    await new ProjectionRunner(store, dataSource, counting()).catchUp();
    expect((await counts())['s-d']).toBe(2);
  });

  it('lets two runners of one projection race without applying an event twice', async () => {
    for (let i = 0; i < 20; i++)
      await store.append(`race-${i}`, [event(), event()], { expectedVersion: 'no_stream' });
    const a = new ProjectionRunner(store, dataSource, counting(), { batchSize: 3 });
    const b = new ProjectionRunner(store, dataSource, counting(), { batchSize: 5 });
    const drain = async (runner: ProjectionRunner<StreamCount>) => {
      for (;;) {
        try {
          return await runner.catchUp();
        } catch (error) {
          if ((error as Error).constructor.name !== 'CheckpointMoved') throw error;
        }
      }
    };
    await Promise.all([drain(a), drain(b)]);
    const all = await counts();
    for (let i = 0; i < 20; i++) expect(all[`race-${i}`]).toBe(2);
  });

  it('runs live until aborted and reports that a position has been reached', async () => {
    const controller = new AbortController();
    const running = new ProjectionRunner(store, dataSource, counting()).run(controller.signal);
    const { position } = await store.append('live-1', [event()], { expectedVersion: 'no_stream' });
    expect(await checkpoints.waitUntil(['stream_counts'], position, 10_000)).toBe(true);
    expect((await counts())['live-1']).toBe(1);
    controller.abort();
    await running;
  });
});
