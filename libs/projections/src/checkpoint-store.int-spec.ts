import { randomUUID } from 'node:crypto';
import { createTestDatabase, openDataSource, poolOf, type ResolvedDatabase } from '@claimtrail/database';
import { CommitNotifier, EVENT_STORE_MIGRATIONS, PostgresEventStore } from '@claimtrail/event-store';
import type { DataSource } from 'typeorm';
import { CHECKPOINTS_CHANNEL, CheckpointStore } from './checkpoint-store.js';
import type { Projection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { PROJECTION_MIGRATIONS } from './index.js';

const nothing: Projection = {
  name: 'nothing',
  apply: async () => undefined,
  forgetStream: async () => undefined,
};

// Fallback polls far longer than Jest's 5 s bound: only a wake-up can make these reads return in time.
describe('read-your-writes without polling', () => {
  let database: ResolvedDatabase;
  let dataSource: DataSource;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openDataSource(database, {
      entities: [],
      migrations: [...EVENT_STORE_MIGRATIONS, ...PROJECTION_MIGRATIONS],
    });
    store = new PostgresEventStore(poolOf(dataSource));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.close();
  });

  const appendOne = async () =>
    (
      await store.append(
        `s-${randomUUID()}`,
        [
          {
            id: randomUUID(),
            type: 'E',
            schemaVersion: 1,
            data: {},
            metadata: { actor: 't', occurredAt: '2026-01-01T00:00:00Z' },
          },
        ],
        { expectedVersion: 'no_stream' },
      )
    ).position;

  it('wakes a waiting read when a runner in this process commits the position', async () => {
    const checkpoints = new CheckpointStore(poolOf(dataSource), { fallbackPollMs: 600_000 });
    const runner = new ProjectionRunner(store, dataSource, nothing, {
      onCommitted: (name, position) => checkpoints.committed(name, position),
    });
    await runner.catchUp();
    const position = await appendOne();
    const waiting = checkpoints.waitUntil(['nothing'], position, 600_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(checkpoints.applied('nothing')).not.toBe(position);
    await runner.catchUp();
    await expect(waiting).resolves.toBe(true);
    expect(checkpoints.applied('nothing')).toBe(position);
    await checkpoints.close();
  });

  it('wakes a waiting read when a runner in another process commits it and NOTIFYs', async () => {
    if (database.embedded) return; // one process only: nobody else can run the projection
    const checkpoints = new CheckpointStore(poolOf(dataSource), {
      fallbackPollMs: 600_000,
      listenConnectionString: database.url,
    });
    const notifier = new CommitNotifier(poolOf(dataSource), CHECKPOINTS_CHANNEL);
    const elsewhere = new ProjectionRunner(store, dataSource, nothing, {
      onCommitted: () => notifier.poke(),
    });
    await elsewhere.catchUp();
    const position = await appendOne();
    const waiting = checkpoints.waitUntil(['nothing'], position, 600_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await elsewhere.catchUp();
    await expect(waiting).resolves.toBe(true);
    // Known from the table as the wait read it: nothing reported here.
    expect(checkpoints.applied('nothing')).toBe(position);
    await notifier.drain();
    await checkpoints.close();
  });

  it('gives up when the time runs out', async () => {
    const checkpoints = new CheckpointStore(poolOf(dataSource));
    await expect(checkpoints.waitUntil(['nothing'], await appendOne(), 100)).resolves.toBe(false);
  });
});
