import { randomUUID } from 'node:crypto';
import { poolOf } from '@claimtrail/database';
import type { PostgresEventStore, RecordedEvent } from '@claimtrail/event-store';
import {
  Column,
  Entity,
  PrimaryColumn,
  type DataSource,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import { CheckpointStore } from './checkpoint-store.js';
import type { Projection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import type { BatchObserver } from './batch-observer.port.js';
import { rowProjection, upsertRows } from './row-projection.js';
import {
  happened as event,
  openProjectionDatabase,
  type ProjectionDatabase,
} from './testing/projection-database.js';

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

/** Counts each stream's events; `fail` makes it throw for some events, as a bug or bad data would. */
const counting = (fail?: (event: RecordedEvent) => unknown): Projection =>
  rowProjection<StreamCount>({
    name: 'stream_counts',
    entity: StreamCount,
    keyOf: (streamName) => (streamName.startsWith('ignored-') ? undefined : streamName),
    apply: (row, event) => {
      const failure = fail?.(event);
      if (failure) throw failure;
      if (event.type === 'Deleted') return undefined;
      return Object.assign(new StreamCount(), {
        streamName: event.streamName,
        events: (row?.events ?? 0) + 1,
      });
    },
  });

/** Writes a row the database refuses (PostgreSQL has no year 0) for events of type Poison, as bad input would. */
const refusedByTheDatabase = (): Projection => {
  const counts = counting();
  return {
    name: 'stream_counts',
    apply: async (events, manager) => {
      await counts.apply(events, manager);
      if (events.some((e) => e.type === 'Poison')) await manager.query("SELECT '0000-01-01'::date");
    },
    forgetStream: counts.forgetStream,
  };
};

describe('projection runner on a real database', () => {
  let opened: ProjectionDatabase;
  let dataSource: DataSource;
  let store: PostgresEventStore;
  let checkpoints: CheckpointStore;

  beforeAll(async () => {
    opened = await openProjectionDatabase({
      entities: [StreamCount],
      migrations: [CreateStreamCounts1764300000000],
    });
    ({ dataSource, store } = opened);
    checkpoints = new CheckpointStore(poolOf(dataSource));
  });
  afterAll(async () => opened?.close());

  const counts = async () =>
    Object.fromEntries(
      (await dataSource.getRepository(StreamCount).find()).map((r) => [r.streamName, r.events]),
    );

  it('folds events into rows and saves the checkpoint with them; deletes a row the projection removes', async () => {
    await store.append('s-a', [event(), event()], { expectedVersion: 'no_stream' });
    await store.append('ignored-1', [event()], { expectedVersion: 'no_stream' });
    await store.append('s-b', [event()], { expectedVersion: 'no_stream' });
    await store.append('s-c', [event(), event('Deleted')], { expectedVersion: 'no_stream' });
    const runner = new ProjectionRunner(store, dataSource, counting(), { batchSize: 2 });
    expect(await runner.catchUp()).toBe(6);
    expect(await counts()).toEqual({ 's-a': 2, 's-b': 1 });
    const [status] = await checkpoints.statuses(['stream_counts']);
    expect(status).toMatchObject({ position: await store.headPosition(), eventsApplied: 6 });
    expect(await runner.catchUp()).toBe(0);
  });

  it('writes neither rows nor checkpoint for a batch that fails for a reason outside the events, and resumes', async () => {
    const [before] = await checkpoints.statuses(['stream_counts']);
    await store.append('s-d', [event(), event('Unlucky')], { expectedVersion: 'no_stream' });
    const connectionLost = Object.assign(new Error('Connection terminated unexpectedly'), { code: '08006' });
    const broken = new ProjectionRunner(
      store,
      dataSource,
      counting((e) => e.type === 'Unlucky' && connectionLost),
    );
    await expect(broken.catchUp()).rejects.toBe(connectionLost);
    expect((await counts())['s-d']).toBeUndefined();
    expect((await checkpoints.statuses(['stream_counts']))[0]!.position).toBe(before!.position);
    expect(await broken.quarantined()).toEqual([]);

    await new ProjectionRunner(store, dataSource, counting()).catchUp();
    expect((await counts())['s-d']).toBe(2);
  });

  describe('an event the projection cannot apply', () => {
    it.each([
      ['a value the database refuses', refusedByTheDatabase],
      ['a bug in the projection code', () => counting((e) => e.type === 'Poison' && new TypeError('bug'))],
    ])('quarantines its stream only, on %s, and keeps applying everyone else', async (_label, projection) => {
      const poisoned = `poisoned-${randomUUID()}`;
      const healthy = `healthy-${randomUUID()}`;
      await store.append(poisoned, [event(), event('Poison'), event()], { expectedVersion: 'no_stream' });
      await store.append(healthy, [event(), event()], { expectedVersion: 'no_stream' });
      const runner = new ProjectionRunner(store, dataSource, projection(), { batchSize: 50 });
      await runner.catchUp();
      await store.append(healthy, [event()], { expectedVersion: 'any' });
      await store.append(poisoned, [event()], { expectedVersion: 'any' });
      await runner.catchUp();

      expect((await counts())[healthy]).toBe(3);
      expect((await counts())[poisoned]).toBe(1);
      const [entry] = (await runner.quarantined()).filter((q) => q.streamName === poisoned);
      const poison = (await store.readStream(poisoned))[1]!;
      expect(entry).toMatchObject({ position: poison.position, eventType: 'Poison', retries: 0 });
      expect(entry!.errorClass).toMatch(/^(QueryFailedError \(22008\)|TypeError)$/);
      expect((await checkpoints.statuses(['stream_counts']))[0]!.position).toBe(await store.headPosition());

      // Still broken: quarantined again at the same event. Fixed: the whole stream, later events included, applies.
      expect(await runner.retryQuarantined(poisoned)).toEqual([{ streamName: poisoned, released: false }]);
      expect((await runner.quarantined()).find((q) => q.streamName === poisoned)?.retries).toBe(1);
      const fixed = new ProjectionRunner(store, dataSource, counting());
      expect(await fixed.retryQuarantined(poisoned)).toEqual([{ streamName: poisoned, released: true }]);
      expect((await counts())[poisoned]).toBe(4);
      expect(await fixed.quarantined()).toEqual([]);
      await store.append(poisoned, [event()], { expectedVersion: 'any' });
      await fixed.catchUp();
      expect((await counts())[poisoned]).toBe(5);
    });
  });

  it('tells its observer of each batch and its steps, ending the checkpoint step once it has committed', async () => {
    const seen: string[] = [];
    const committed: Promise<string | undefined>[] = [];
    const observer: BatchObserver = {
      batch: async (projection, events, run) => {
        seen.push(`batch ${projection} ${events.map((e) => e.type).join(',')}`);
        return run();
      },
      step: (step) => (failure) => {
        seen.push(`${step} ${failure ? (failure.error as Error).constructor.name : 'ok'}`);
        if (step === 'checkpoint')
          committed.push(checkpoints.statuses(['stream_counts']).then(([status]) => status?.position));
      },
    };
    const stream = `observed-${randomUUID()}`;
    const runner = new ProjectionRunner(store, dataSource, refusedByTheDatabase(), {
      batchSize: 50,
      observer,
    });
    await runner.catchUp();
    seen.length = 0;
    committed.length = 0;
    await store.append(stream, [event(), event('Poison')], { expectedVersion: 'no_stream' });
    await store.append(stream, [event()], { expectedVersion: 'any' });
    await runner.catchUp();
    // The poison fails the first pass; the second applies the stream's events before it and quarantines the rest.
    expect(seen).toEqual([
      'batch stream_counts Happened,Poison,Happened',
      'apply IsolateStreams',
      'apply ok',
      'checkpoint ok',
    ]);
    expect(await Promise.all(committed)).toEqual([await store.headPosition()]);
  });

  it('lets two runners of one projection race without applying an event twice', async () => {
    for (let i = 0; i < 20; i++)
      await store.append(`race-${i}`, [event(), event()], { expectedVersion: 'no_stream' });
    const a = new ProjectionRunner(store, dataSource, counting(), { batchSize: 3 });
    const b = new ProjectionRunner(store, dataSource, counting(), { batchSize: 5 });
    const drain = async (runner: ProjectionRunner) => {
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

  it('upserts more rows at once than a statement can bind parameters for (65535), and updates existing ones', async () => {
    const rows = (events: number) =>
      Array.from({ length: 40_000 }, (_, i) =>
        Object.assign(new StreamCount(), { streamName: `bulk-${i}`, events }),
      );
    const metadata = dataSource.getMetadata(StreamCount);
    await dataSource.transaction((manager) => upsertRows(manager, metadata, rows(1)));
    await dataSource.transaction((manager) => upsertRows(manager, metadata, rows(2).slice(0, 10)));
    const [{ total, updated }] = await dataSource.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE events = 2)::int AS updated
       FROM stream_counts WHERE stream_name LIKE 'bulk-%'`,
    );
    expect({ total, updated }).toEqual({ total: 40_000, updated: 10 });
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

  it('aborted while applying a batch, commits that batch with its checkpoint and stops before the next', async () => {
    const { position: before } = await store.append('stop-a', [event()], { expectedVersion: 'no_stream' });
    const runner = new ProjectionRunner(store, dataSource, counting());
    await runner.catchUp();
    await store.append('stop-b', [event(), event()], { expectedVersion: 'no_stream' });
    const { position: last } = await store.append('stop-c', [event()], { expectedVersion: 'no_stream' });
    let entered = () => {};
    const applying = new Promise<void>((resolve) => (entered = resolve));
    let proceed = () => {};
    const held = new Promise<void>((resolve) => (proceed = resolve));
    const inner = counting();
    const slow: Projection = {
      ...inner,
      apply: async (events, manager) => {
        entered();
        await held;
        await inner.apply(events, manager);
      },
    };
    const controller = new AbortController();
    const running = new ProjectionRunner(store, dataSource, slow, { batchSize: 2 }).run(controller.signal);
    await applying;
    controller.abort();
    proceed();
    await running;
    const [status] = await checkpoints.statuses(['stream_counts']);
    expect(status!.position).not.toBe(before);
    expect(status!.position).not.toBe(last);
    expect(await counts()).toMatchObject({ 'stop-a': 1, 'stop-b': 2 });
    expect((await counts())['stop-c']).toBeUndefined();
  });
});
