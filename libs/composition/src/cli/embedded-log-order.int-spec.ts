import { resolveDatabase, type ResolvedDatabase } from '@claimtrail/database';
import {
  POSTGRES_EVENT_STORE_SCHEMA,
  PostgresEventStore,
  type EventStore,
  type ReadAllOptions,
  type RecordedEvent,
} from '@claimtrail/event-store';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { exportEvents } from './export-events.js';

// PGlite 0.5.14 sorted an xid8 column as text when it sorted in memory (999 after 1000) while comparing it
// numerically, so whether a page skipped or repeated events depended on the plan. This writes events on both sides of
// three digit boundaries of the transaction id and reads the log back through every read path in small pages.
describe('log order on the embedded database across transaction-id digit boundaries', () => {
  let database: ResolvedDatabase;
  let pool: pg.Pool;
  let store: EventStore;
  const appended: { id: string; type: string; streamName: string }[] = [];

  const currentXid = async () =>
    Number((await pool.query<{ x: string }>('SELECT pg_current_xact_id()::text AS x')).rows[0]!.x);

  // Each exception block is a subtransaction, and each subtransaction that writes takes a transaction id.
  async function burnTransactionIdsTo(target: number): Promise<void> {
    const count = target - (await currentXid());
    if (count <= 0) return;
    await pool.query(`DO $$ BEGIN FOR i IN 1..${count} LOOP
      BEGIN INSERT INTO xid_burner VALUES (i); EXCEPTION WHEN others THEN NULL; END;
    END LOOP; END $$`);
  }

  beforeAll(async () => {
    database = await resolveDatabase({ embeddedDataDir: 'memory' });
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
    for (const statement of POSTGRES_EVENT_STORE_SCHEMA) await pool.query(statement);
    await pool.query('CREATE TABLE xid_burner (n int)');
    store = new PostgresEventStore(pool, { notifications: 'poll', pollIntervalMs: 10 });
    for (const boundary of [1_000, 10_000, 100_000]) {
      await burnTransactionIdsTo(boundary - 12);
      for (let i = 0; i < 24; i++) {
        const type = i % 3 === 0 ? 'Rare' : 'Common';
        const streamName = `${i % 2 === 0 ? 'even' : 'odd'}-${randomUUID()}`;
        const id = randomUUID();
        await store.append(
          streamName,
          [
            {
              id,
              type,
              schemaVersion: 1,
              data: { i },
              metadata: { actor: 't', occurredAt: '2026-01-01T00:00:00Z' },
            },
          ],
          { expectedVersion: 'no_stream' },
        );
        appended.push({ id, type, streamName });
      }
    }
    expect(await currentXid()).toBeGreaterThan(100_010);
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await database?.close();
  });

  const idsMatching = (filter: Pick<ReadAllOptions, 'types' | 'streamPrefix'>) =>
    appended
      .filter((e) => !filter.types || filter.types.includes(e.type))
      .filter((e) => !filter.streamPrefix || e.streamName.startsWith(filter.streamPrefix))
      .map((e) => e.id);

  const expectLogOrder = (
    events: RecordedEvent[],
    filter: Pick<ReadAllOptions, 'types' | 'streamPrefix'>,
  ) => {
    expect(events.map((e) => e.id)).toEqual(idsMatching(filter));
    const positions = events.map((e) => e.position);
    expect([...positions].sort()).toEqual(positions);
  };

  // The order must not depend on the plan: once as the planner likes, once with every sort done in memory.
  describe.each([
    ['as planned', []],
    [
      'with sorts in memory',
      [
        'SET enable_indexscan = off',
        'SET enable_indexonlyscan = off',
        'SET enable_bitmapscan = off',
        'SET plan_cache_mode = force_custom_plan',
      ],
    ],
  ])('%s', (_plan, settings) => {
    beforeAll(async () => {
      for (const setting of settings) await pool.query(setting);
    });
    afterAll(async () => {
      await pool.query('RESET ALL');
    });
    it.each([
      ['no filter', {}],
      ['a type filter', { types: ['Rare'] }],
      ['a stream-prefix filter', { streamPrefix: 'even-' }],
      ['both filters', { types: ['Common'], streamPrefix: 'odd-' }],
    ])('readAll in pages of 5 returns every event once and in order with %s', async (_label, filter) => {
      const events: RecordedEvent[] = [];
      for (let page = await store.readAll({ ...filter, limit: 5 }); page.length > 0;) {
        events.push(...page);
        page = await store.readAll({ ...filter, after: page[page.length - 1]!.position, limit: 5 });
      }
      expectLogOrder(events, filter);
    });

    it.each([
      ['no filter', {}],
      ['a type filter', { types: ['Rare'] }],
      ['a stream-prefix filter', { streamPrefix: 'odd-' }],
    ])('subscribe in batches of 4 delivers every event once and in order with %s', async (_label, filter) => {
      const expected = idsMatching(filter).length;
      const controller = new AbortController();
      const events: RecordedEvent[] = [];
      for await (const batch of store.subscribe({ ...filter, batchSize: 4, signal: controller.signal })) {
        events.push(...batch);
        if (events.length >= expected) controller.abort();
      }
      expectLogOrder(events, filter);
    });

    it('reports the last appended event as the head', async () => {
      const last = await store.readStream(appended[appended.length - 1]!.streamName);
      expect(await store.headPosition()).toBe(last[0]!.position);
    });

    it('exports every event once and in order as NDJSON, resumable from any exported position', async () => {
      const lines: string[] = [];
      await exportEvents(store, { pageSize: 7 }, (line) => lines.push(line));
      const events = lines.map((line) => JSON.parse(line) as RecordedEvent);
      expectLogOrder(events, {});
      const resumed: string[] = [];
      await exportEvents(store, { after: events[30]!.position, pageSize: 3 }, (line) => resumed.push(line));
      expect(resumed).toEqual(lines.slice(31));
    });
  });
});
