import { randomUUID } from 'node:crypto';
import { poolOf } from '@claimtrail/database';
import type { PostgresEventStore } from '@claimtrail/event-store';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { CheckpointStore } from './checkpoint-store.js';
import { splitCheckpoints } from './partition-checkpoints.js';
import type { Projection } from './projection.js';
import { ProjectionRebuilder } from './projection-rebuilder.js';
import { CheckpointMoved, PartitionCountMismatch, ProjectionRunner } from './projection-runner.js';
import { partitionOf } from './stream-partition.js';
import {
  happened as event,
  openProjectionDatabase,
  type ProjectionDatabase,
} from './testing/projection-database.js';

class CreateEventApplications1764300000002 implements MigrationInterface {
  name = 'CreateEventApplications1764300000002';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE event_applications (
      event_id uuid PRIMARY KEY, stream_name text NOT NULL, times integer NOT NULL)`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE event_applications');
  }
}

/** Counts how many times each event was applied: exactly once is the whole point of the partitions. */
const applications = (fail?: (streamName: string) => boolean): Projection => ({
  name: 'event_applications',
  async apply(events, manager) {
    if (events.some((e) => fail?.(e.streamName))) throw new TypeError('bug');
    await manager.query(
      `INSERT INTO event_applications (event_id, stream_name, times)
       SELECT id, stream_name, 1 FROM unnest($1::uuid[], $2::text[]) AS e(id, stream_name)
       ON CONFLICT (event_id) DO UPDATE SET times = event_applications.times + 1`,
      [events.map((e) => e.id), events.map((e) => e.streamName)],
    );
  },
  async forgetStream(streamName, manager) {
    await manager.query('DELETE FROM event_applications WHERE stream_name = $1', [streamName]);
  },
});

const PARTITIONS = 4;

describe('a projection split into partitions by stream hash', () => {
  let opened: ProjectionDatabase;
  let dataSource: DataSource;
  let store: PostgresEventStore;
  let checkpoints: CheckpointStore;

  beforeAll(async () => {
    opened = await openProjectionDatabase({ migrations: [CreateEventApplications1764300000002] });
    ({ dataSource, store } = opened);
    checkpoints = new CheckpointStore(poolOf(dataSource), { partitions: PARTITIONS });
  });
  afterAll(async () => opened?.close());
  beforeEach(async () => {
    await dataSource.query('TRUNCATE event_applications, projection_checkpoints, projection_quarantine');
  });

  const runner = (index: number, options: { batchSize?: number; fail?: (s: string) => boolean } = {}) =>
    new ProjectionRunner(store, dataSource, applications(options.fail), {
      batchSize: options.batchSize ?? 7,
      partition: { index, count: PARTITIONS },
    });
  const appendStreams = async (prefix: string, streams: number, events: number) => {
    for (let s = 0; s < streams; s++)
      await store.append(
        `${prefix}-${s}`,
        Array.from({ length: events }, () => event()),
        { expectedVersion: 'no_stream' },
      );
  };
  const logLength = async () => (await store.readAll({ limit: 100_000 })).length;
  const timesApplied = async () => {
    const rows: { times: number; events: number }[] = await dataSource.query(
      'SELECT times, count(*)::int AS events FROM event_applications GROUP BY times',
    );
    return Object.fromEntries(rows.map((row) => [row.times, row.events]));
  };
  /** Catches a runner up, starting again whenever a rival moved the checkpoint first. */
  const drain = async (r: ProjectionRunner) => {
    for (;;) {
      try {
        return await r.catchUp();
      } catch (error) {
        if (!(error instanceof CheckpointMoved)) throw error;
      }
    }
  };

  it('applies each stream in its own partition only, and together the partitions apply every event once', async () => {
    await appendStreams(`split-${randomUUID()}`, 40, 3);
    await splitCheckpoints(dataSource, ['event_applications'], PARTITIONS, 'resplit');
    await runner(1).catchUp();
    const streams: { stream_name: string }[] = await dataSource.query(
      'SELECT DISTINCT stream_name FROM event_applications',
    );
    expect(streams.length).toBeGreaterThan(0);
    for (const { stream_name } of streams) expect(partitionOf(stream_name, PARTITIONS)).toBe(1);

    for (const index of [0, 2, 3]) await runner(index).catchUp();
    expect(await timesApplied()).toEqual({ 1: await logLength() });
    const [status] = await checkpoints.statuses(['event_applications']);
    expect(status).toMatchObject({ position: await store.headPosition(), eventsApplied: await logLength() });
    expect(status!.partitions).toHaveLength(PARTITIONS);
  });

  it('lets two runners of one partition race without applying an event twice', async () => {
    await appendStreams(`race-${randomUUID()}`, 30, 4);
    await splitCheckpoints(dataSource, ['event_applications'], PARTITIONS, 'resplit');
    for (let index = 0; index < PARTITIONS; index++)
      await Promise.all([drain(runner(index, { batchSize: 3 })), drain(runner(index, { batchSize: 5 }))]);
    expect(await timesApplied()).toEqual({ 1: await logLength() });
    expect((await checkpoints.statuses(['event_applications']))[0]!.eventsApplied).toBe(await logLength());
  });

  it('moves a partition whose streams are quiet to the end of the log too; read-your-writes waits for all', async () => {
    await splitCheckpoints(dataSource, ['event_applications'], PARTITIONS, 'resplit');
    const quiet = `quiet-${randomUUID()}`;
    const busy = Array.from({ length: 50 }, (_, i) => `${quiet}-${i}`).find(
      (name) => partitionOf(name, PARTITIONS) !== 3,
    )!;
    await store.append(busy, [event(), event()], { expectedVersion: 'no_stream' });
    const head = (await store.headPosition())!;
    const others = [0, 1, 2].map((index) => runner(index));
    for (const r of others) await r.catchUp();
    expect(await checkpoints.waitUntil(['event_applications'], head, 50)).toBe(false);
    await runner(3).catchUp();
    expect(await checkpoints.waitUntil(['event_applications'], head, 50)).toBe(true);
    const [status] = await checkpoints.statuses(['event_applications']);
    expect(status!.partitions!.map((p) => p.position)).toEqual([head, head, head, head]);
  });

  it('retries a quarantined stream in its own partition, under that partition checkpoint', async () => {
    const poisoned = `poisoned-${randomUUID()}`;
    await store.append(poisoned, [event(), event()], { expectedVersion: 'no_stream' });
    await splitCheckpoints(dataSource, ['event_applications'], PARTITIONS, 'resplit');
    const own = partitionOf(poisoned, PARTITIONS);
    for (let index = 0; index < PARTITIONS; index++)
      await runner(index, { fail: (s) => s === poisoned }).catchUp();
    expect((await runner(own).quarantined()).map((q) => q.streamName)).toEqual([poisoned]);

    expect(await runner((own + 1) % PARTITIONS).retryQuarantined()).toEqual([]);
    expect(await runner(own).retryQuarantined()).toEqual([{ streamName: poisoned, released: true }]);
    expect(await timesApplied()).toEqual({ 1: await logLength() });
  });

  describe('a change of the partition count', () => {
    it('splits level checkpoints anew, carrying the position and the events applied', async () => {
      await appendStreams(`resplit-${randomUUID()}`, 10, 2);
      await splitCheckpoints(dataSource, ['event_applications'], 2, 'resplit');
      const two = [0, 1].map(
        (index) =>
          new ProjectionRunner(store, dataSource, applications(), { partition: { index, count: 2 } }),
      );
      for (const r of two) await r.catchUp();
      await splitCheckpoints(dataSource, ['event_applications'], PARTITIONS, 'resplit');
      const [status] = await checkpoints.statuses(['event_applications']);
      expect(status).toMatchObject({
        position: await store.headPosition(),
        eventsApplied: await logLength(),
      });
      expect(status!.partitions).toHaveLength(PARTITIONS);

      // The runners of the old split stop applying; the new split goes on from where the old one stood.
      await appendStreams(`after-${randomUUID()}`, 10, 1);
      await expect(two[0]!.catchUp()).rejects.toBeInstanceOf(PartitionCountMismatch);
      for (let index = 0; index < PARTITIONS; index++) await runner(index).catchUp();
      expect(await timesApplied()).toEqual({ 1: await logLength() });
    });

    it('refuses to split anew partitions at different positions, naming the stored count', async () => {
      await appendStreams(`uneven-${randomUUID()}`, 10, 2);
      await splitCheckpoints(dataSource, ['event_applications'], PARTITIONS, 'resplit');
      await runner(0).catchUp();
      await expect(splitCheckpoints(dataSource, ['event_applications'], 8, 'resplit')).rejects.toThrow(
        /PROJECTOR_PARTITIONS is 8, but the checkpoints of event_applications are split into 4 partitions at different positions/,
      );
      await expect(splitCheckpoints(dataSource, ['event_applications'], 2, 'check')).rejects.toThrow(
        /run this with PROJECTOR_PARTITIONS=4/,
      );
      expect((await checkpoints.statuses(['event_applications']))[0]!.partitions).toHaveLength(PARTITIONS);
    });

    it('takes checkpoints kept before partitions as partition 0 of 1', async () => {
      await appendStreams(`legacy-${randomUUID()}`, 5, 1);
      await new ProjectionRunner(store, dataSource, applications()).catchUp();
      const [row] = await dataSource.query('SELECT partition, partitions FROM projection_checkpoints');
      expect(row).toEqual({ partition: 0, partitions: 1 });
      await splitCheckpoints(dataSource, ['event_applications'], PARTITIONS, 'resplit');
      await appendStreams(`legacy-after-${randomUUID()}`, 5, 1);
      for (let index = 0; index < PARTITIONS; index++) await runner(index).catchUp();
      expect(await timesApplied()).toEqual({ 1: await logLength() });
    });
  });

  it('rebuilds into fresh tables and hands every partition the rebuilt position', async () => {
    await appendStreams(`rebuild-${randomUUID()}`, 12, 2);
    await splitCheckpoints(dataSource, ['event_applications'], PARTITIONS, 'resplit');
    await runner(0).catchUp();
    const rebuilder = new ProjectionRebuilder(store, dataSource, [
      { projection: applications(), tables: ['event_applications'] },
    ]);
    const outcome = await rebuilder.rebuild('event_applications');
    const [status] = await checkpoints.statuses(['event_applications']);
    expect(status!.partitions!.map((p) => p.position)).toEqual(Array(PARTITIONS).fill(outcome.position));
    expect(status!.eventsApplied).toBe(await logLength());
    await appendStreams(`rebuild-after-${randomUUID()}`, 6, 1);
    for (let index = 0; index < PARTITIONS; index++) await runner(index).catchUp();
    expect(await timesApplied()).toEqual({ 1: await logLength() });
  });
});
