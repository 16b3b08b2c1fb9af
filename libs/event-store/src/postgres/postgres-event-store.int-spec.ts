import { createTestDatabase } from '@claimtrail/database';
import { collect } from '../testing/concurrent-writers.js';
import { eventStoreContract, newEvent, type ContractSubject } from '../testing/event-store.contract.js';
import { openPostgresSubject } from '../testing/postgres-subject.js';

// The embedded runner covers the same adapter and SQL on every run; this one needs a real server.
if (process.env.DATABASE_URL) {
  eventStoreContract('PostgreSQL server, LISTEN/NOTIFY', async () =>
    openPostgresSubject(await createTestDatabase(), { notifications: 'listen', pollIntervalMs: 20 }),
  );

  describe('PostgreSQL LISTEN/NOTIFY', () => {
    let subject: ContractSubject;
    beforeAll(async () => {
      // No fallback poll: only a notification can deliver within the test's bound (pollIntervalMs only applies while
      // another database's open transaction holds the horizon back).
      subject = await openPostgresSubject(await createTestDatabase(), {
        notifications: 'listen',
        pollIntervalMs: 1_000,
        listenFallbackMs: 600_000,
      });
    });
    afterAll(() => subject.dispose());

    it.each([
      ['a pooled append (NOTIFY after commit)', false],
      ['an append in a held-open transaction (NOTIFY at its commit)', true],
    ])('wakes a caught-up subscriber on %s', async (_label, heldOpen) => {
      const { store } = subject;
      const after = await store.headPosition();
      const received = collect(store, { after, streamPrefix: 'notify-' }, 1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const event = newEvent('Notified');
      const stream = `notify-${event.id}`;
      if (heldOpen)
        await subject.appendHeldOpen!(stream, [event], { expectedVersion: 'no_stream' }, async () => {});
      else await store.append(stream, [event], { expectedVersion: 'no_stream' });
      expect((await received).map((e) => e.id)).toEqual([event.id]);
    });
  });
} else {
  describe('event store contract: PostgreSQL server', () => {
    it.skip('skipped: DATABASE_URL is not set (the embedded PGlite runner still tests this adapter)', () => {});
  });
}
