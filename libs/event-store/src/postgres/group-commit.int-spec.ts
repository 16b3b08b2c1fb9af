import { createTestDatabase } from '@claimtrail/database';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../event-store.errors.js';
import { newEvent, type ContractSubject } from '../testing/event-store.contract.js';
import { openPostgresSubject } from '../testing/postgres-subject.js';

describe('group commit', () => {
  let subject: ContractSubject;
  beforeAll(async () => {
    // One statement in flight: every append that arrives meanwhile joins a group.
    subject = await openPostgresSubject(await createTestDatabase(), {
      notifications: 'poll',
      groupCommit: { maxInFlight: 1 },
    });
  });
  afterAll(() => subject?.dispose());

  it('gives every append of a group its own answer: success, conflict, idempotent retry or a foreign event id', async () => {
    const { store } = subject;
    await store.append('shared', [newEvent()], { expectedVersion: 'no_stream' });
    const taken = newEvent();
    await store.append('holder', [taken], { expectedVersion: 'no_stream' });
    const retried = newEvent();
    await store.append('retried', [retried], { expectedVersion: 'no_stream' });

    const fresh = Array.from({ length: 30 }, (_, i) =>
      store.append(`fresh-${i}`, [newEvent(), newEvent()], { expectedVersion: 'no_stream' }),
    );
    const racing = Array.from({ length: 5 }, () =>
      store.append('shared', [newEvent()], { expectedVersion: 0 }),
    );
    const again = store.append('retried', [retried], { expectedVersion: 'no_stream' });
    const missing = store.append('nowhere', [newEvent()], { expectedVersion: 'stream_exists' });

    const freshResults = await Promise.all(fresh);
    expect(freshResults.map((r) => r.streamVersion)).toEqual(Array(30).fill(1));
    expect(new Set(freshResults.map((r) => r.position)).size).toBe(30);
    // Groups did form: a position leads with its transaction id, and fewer transactions than appends committed them.
    expect(new Set(freshResults.map((r) => r.position.split('/')[0])).size).toBeLessThan(30);
    // An event id another stream holds fails its group's statement; each append of it then runs alone.
    const beside = Array.from({ length: 5 }, (_, i) =>
      store.append(`beside-${i}`, [newEvent()], { expectedVersion: 'no_stream' }),
    );
    const foreign = store.append('thief', [taken], { expectedVersion: 'no_stream' });
    expect((await Promise.all(beside)).map((r) => r.streamVersion)).toEqual([0, 0, 0, 0, 0]);
    const raced = await Promise.allSettled(racing);
    expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const loser of raced.filter((r) => r.status === 'rejected'))
      expect((loser as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    expect((await again).streamVersion).toBe(0);
    await expect(foreign).rejects.toBeInstanceOf(DuplicateEventIdError);
    await expect(missing).rejects.toBeInstanceOf(WrongExpectedVersionError);

    expect(await store.readStream('shared')).toHaveLength(2);
    expect(await store.readStream('retried')).toHaveLength(1);
    expect(await store.readStream('thief')).toHaveLength(0);
    const log = await store.readAll({ streamPrefix: 'fresh-' });
    expect(log).toHaveLength(60);
    // Each stream's events are contiguous and in version order in the log.
    for (let i = 0; i < log.length; i += 2) {
      expect(log[i]!.streamName).toBe(log[i + 1]!.streamName);
      expect([log[i]!.version, log[i + 1]!.version]).toEqual([0, 1]);
    }
  });

  it('applies appends to one stream in the order they were made, a group apart', async () => {
    const { store } = subject;
    const appends = Array.from({ length: 10 }, (_, i) =>
      store.append('ordered', [newEvent('Step', { i })], { expectedVersion: 'any' }),
    );
    expect((await Promise.all(appends)).map((r) => r.streamVersion)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await store.readStream('ordered')).map((e) => (e.data as { i: number }).i)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
  });
});
