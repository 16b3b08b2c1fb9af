import { createTestDatabase, type ResolvedDatabase } from '@claimtrail/database';
import pg from 'pg';
import { InvalidEventStoreArgumentError } from '../event-store.errors.js';
import { PostgresChangeListener } from './postgres-change-listener.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { POSTGRES_EVENT_STORE_SCHEMA } from './postgres-event-store.schema.js';
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
      else await subject.otherWriter!.append(stream, [event], { expectedVersion: 'no_stream' });
      expect((await received).map((e) => e.id)).toEqual([event.id]);
    });

    it('reads the log once for every subscriber woken by the same commit', async () => {
      const database = await createTestDatabase();
      const pool = new pg.Pool({ connectionString: database.url, max: 10 });
      for (const statement of POSTGRES_EVENT_STORE_SCHEMA) await pool.query(statement);
      let liveReads = 0;
      const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
      pool.query = ((...args: unknown[]) => {
        if (JSON.stringify(args[0]).includes('head_xid')) liveReads++;
        return query(...args);
      }) as typeof pool.query;
      const store = new PostgresEventStore(pool, {
        notifications: 'listen',
        pollIntervalMs: 1_000,
        listenFallbackMs: 600_000,
      });
      try {
        const after = await store.headPosition();
        const subscribers = Array.from({ length: 4 }, () =>
          collect(store, { after, streamPrefix: 'woken-' }, 1),
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
        liveReads = 0;
        const event = newEvent('Woken');
        await store.append(`woken-${event.id}`, [event], { expectedVersion: 'no_stream' });
        for (const received of await Promise.all(subscribers))
          expect(received.map((e) => e.id)).toEqual([event.id]);
        expect(liveReads).toBe(1);
      } finally {
        await store.close();
        await pool.end();
        await database.close();
      }
    });

    it("skips its own sender's notifications, which its process announced to itself", async () => {
      const database = await createTestDatabase();
      const listener = new PostgresChangeListener(database.url, 'claimtrail_listener_test', 'me');
      const sender = new pg.Client({ connectionString: database.url });
      try {
        await listener.ready();
        await sender.connect();
        const before = listener.generation;
        // One session, one after the other: PostgreSQL delivers them in this order.
        await sender.query("SELECT pg_notify('claimtrail_listener_test', 'me')");
        await sender.query("SELECT pg_notify('claimtrail_listener_test', 'another process')");
        await listener.wait(before, 5_000);
        // Time for a second wake-up, had the first notification caused one.
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(listener.generation).toBe(before + 1);
      } finally {
        await sender.end();
        await listener.close();
        await database.close();
      }
    });
  });

  describe('the horizon counts appenders only', () => {
    let database: ResolvedDatabase;
    let subject: ContractSubject;
    beforeAll(async () => {
      database = await createTestDatabase();
      subject = await openPostgresSubject(database, { notifications: 'listen', pollIntervalMs: 20 });
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query('CREATE TABLE unrelated (n int)');
      await client.end();
    });
    afterAll(() => subject.dispose());

    /** Runs body while another session keeps a transaction open after the given writes; rolls it back after. */
    async function whileOpen(url: string, writes: string[], body: () => Promise<void>): Promise<void> {
      const stranger = new pg.Client({ connectionString: url });
      await stranger.connect();
      try {
        await stranger.query('BEGIN');
        for (const write of writes) await stranger.query(write);
        await body();
      } finally {
        await stranger.query('ROLLBACK');
        await stranger.end();
      }
    }

    it.each([
      [
        'a writing transaction in another database',
        () => process.env.DATABASE_URL!,
        'SELECT pg_current_xact_id()',
      ],
      [
        'a transaction that wrote to an unrelated table',
        () => database.url,
        'INSERT INTO unrelated VALUES (1)',
      ],
    ])('lets readers pass %s that stays open', async (_label, url, write) => {
      await whileOpen(url(), [write], async () => {
        const { store } = subject;
        const before = await store.headPosition();
        const event = newEvent('WhileAStrangerWaits');
        const { position } = await store.append(`stranger-${event.id}`, [event], {
          expectedVersion: 'no_stream',
        });
        expect((await store.readAll({ after: before })).map((e) => e.id)).toEqual([event.id]);
        expect(await store.headPosition()).toBe(position);
        expect((await collect(store, { after: before }, 1)).map((e) => e.id)).toEqual([event.id]);
      });
    });

    it("refuses an append that joins a transaction after the transaction's other writes, writing nothing", async () => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const event = newEvent();
      try {
        await client.query('BEGIN');
        await client.query('INSERT INTO unrelated VALUES (2)');
        await expect(
          new PostgresEventStore(client).append(`late-${event.id}`, [event], {
            expectedVersion: 'no_stream',
          }),
        ).rejects.toBeInstanceOf(InvalidEventStoreArgumentError);
        await client.query('ROLLBACK');
      } finally {
        await client.end();
      }
      expect(await subject.store.readStream(`late-${event.id}`)).toEqual([]);
    });

    it('accepts several appends in one transaction, and other writes after them', async () => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const [a, b] = [newEvent(), newEvent()];
      try {
        await client.query('BEGIN');
        const store = new PostgresEventStore(client);
        await store.append(`multi-${a.id}`, [a], { expectedVersion: 'no_stream' });
        await client.query('INSERT INTO unrelated VALUES (3)');
        await store.append(`multi-${b.id}`, [b], { expectedVersion: 'no_stream' });
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
      expect(await subject.store.readStream(`multi-${b.id}`)).toHaveLength(1);
    });
  });
} else {
  describe('event store contract: PostgreSQL server', () => {
    it.skip('skipped: DATABASE_URL is not set (the embedded PGlite runner still tests this adapter)', () => {});
  });
}
