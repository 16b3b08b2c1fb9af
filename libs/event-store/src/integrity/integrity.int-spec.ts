import { createTestDatabase, type ResolvedDatabase } from '@claimtrail/database';
import pg from 'pg';
import type { QueryRunner } from 'typeorm';
import { PostgresEventStore } from '../postgres/postgres-event-store.js';
import { POSTGRES_EVENT_STORE_SCHEMA } from '../postgres/postgres-event-store.schema.js';
import { CreateEventStore1764201600000 } from '../postgres/create-event-store.migration.js';
import { NumericLogOrder1764800000000 } from '../postgres/numeric-log-order.migration.js';
import { EventChains1765000000000 } from '../postgres/event-chains.migration.js';
import { LogSealer } from '../postgres/log-sealer.js';
import { PostgresIntegrity } from '../postgres/postgres-integrity.js';
import { newEvent } from '../testing/event-store.contract.js';
import { chainedEventOf } from './chain-fields.js';
import { verifyStream } from './verify.js';

async function open(): Promise<{ database: ResolvedDatabase; pool: pg.Pool }> {
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: database.poolSize });
  pool.on('error', () => undefined);
  return { database, pool };
}

// Every other event carries the trace context that events stored with traces on have, next to events without it.
const claimEvent = (n: number) => {
  const event = newEvent('PaymentRecorded', {
    paidCents: 1234 + n,
    ratio: 0.000_000_15,
    big: 1e21,
    note: 'naïve "quoted"\nline',
    nested: { zeta: [1, 2.5, null, true], a: {}, bb: [] },
  });
  if (n % 2 === 1) event.metadata.traceparent = `00-4bf92f3577b34da6a3ce929d0e0e473${n}-00f067aa0ba902b7-01`;
  return event;
};

describe('tamper evidence on the PostgreSQL adapter', () => {
  let database: ResolvedDatabase;
  let pool: pg.Pool;
  let store: PostgresEventStore;
  let integrity: PostgresIntegrity;
  let sealer: LogSealer;

  beforeAll(async () => {
    ({ database, pool } = await open());
    for (const statement of POSTGRES_EVENT_STORE_SCHEMA) await pool.query(statement);
    store = new PostgresEventStore(pool, { groupCommit: { maxInFlight: 1 } });
    integrity = new PostgresIntegrity(pool);
    sealer = new LogSealer(pool, store, { batchSize: 7 });
    // One batch of several events, then concurrent appends that group-commit, across several streams.
    await store.append('claim-A', [claimEvent(0), claimEvent(1), claimEvent(2)], {
      expectedVersion: 'no_stream',
    });
    for (let round = 0; round < 3; round++)
      await Promise.all(
        ['claim-A', 'claim-B', 'claim-C', 'claim-D'].map((stream) =>
          store.append(stream, [claimEvent(round)], { expectedVersion: 'any' }),
        ),
      );
    await sealer.catchUp();
  });
  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await database?.close();
  });

  const row = async (stream: string, version: number) =>
    (
      await pool.query<{ position: string; transaction_id: string }>(
        'SELECT position::text, transaction_id::text FROM events WHERE stream_name = $1 AND version = $2',
        [stream, version],
      )
    ).rows[0]!;
  const positionOf = async (stream: string, version: number) => {
    const r = await row(stream, version);
    return `${r.transaction_id.padStart(20, '0')}/${r.position.padStart(20, '0')}`;
  };

  it('finds untouched data intact, per claim and over the whole log, and hashes as the verifier does', async () => {
    for (const stream of ['claim-A', 'claim-B', 'claim-C', 'claim-D'])
      expect(await integrity.verifyStream(stream)).toMatchObject({ intact: true, unknown: false });
    expect(await integrity.verifyStream('claim-A')).toMatchObject({ checkedEvents: 6 });
    expect(await integrity.verifyLog()).toEqual({ intact: true, checkedEvents: 15 });
    // The events read back, printed as jsonb would print them, hash to what PostgreSQL stored.
    const events = await store.readStream('claim-A');
    expect(events[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyStream(events.map(chainedEventOf))).toEqual({ intact: true, checkedEvents: 6 });
    expect(await integrity.verifyStream('claim-nobody')).toMatchObject({ intact: true, unknown: true });
  });

  it('names the stream, version and position of an event whose data was updated in place', async () => {
    const position = await positionOf('claim-B', 1);
    await pool.query(
      `UPDATE events SET data = jsonb_set(data, '{paidCents}', '1') WHERE stream_name = 'claim-B' AND version = 1`,
    );
    try {
      const broken = { streamName: 'claim-B', version: 1, position, reason: 'EVENT_CHANGED' };
      expect(await integrity.verifyStream('claim-B')).toMatchObject({ intact: false, firstBroken: broken });
      expect(await integrity.verifyLog()).toMatchObject({ intact: false, firstBroken: broken });
    } finally {
      await pool.query(
        `UPDATE events SET data = jsonb_set(data, '{paidCents}', '1235') WHERE stream_name = 'claim-B' AND version = 1`,
      );
    }
    expect(await integrity.verifyLog()).toMatchObject({ intact: true });
  });

  it.each([
    ['in the middle of its stream', 'claim-C', 1],
    ['at the end of its stream', 'claim-C', 2],
  ])('names a deleted event %s', async (_label, stream, version) => {
    const position = await positionOf(stream, version);
    const saved = await pool.query(`SELECT * FROM events WHERE stream_name = $1 AND version = $2`, [
      stream,
      version,
    ]);
    await pool.query('DELETE FROM events WHERE stream_name = $1 AND version = $2', [stream, version]);
    try {
      const broken = { streamName: stream, version, position, reason: 'EVENT_MISSING' };
      expect(await integrity.verifyStream(stream)).toMatchObject({ intact: false, firstBroken: broken });
      expect(await integrity.verifyLog()).toMatchObject({ intact: false, firstBroken: broken });
    } finally {
      const r = saved.rows[0] as Record<string, unknown>;
      await pool.query(
        `INSERT INTO events (position, transaction_id, stream_name, version, event_id, type, schema_version, data,
           metadata, recorded_at, hash) OVERRIDING SYSTEM VALUE
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          r.position,
          r.transaction_id,
          r.stream_name,
          r.version,
          r.event_id,
          r.type,
          r.schema_version,
          r.data,
          r.metadata,
          r.recorded_at,
          r.hash,
        ],
      );
    }
    expect(await integrity.verifyLog()).toMatchObject({ intact: true });
  });

  it.each([
    ['of one stream', ['claim-D', 1], ['claim-D', 2]],
    ['of two streams', ['claim-A', 4], ['claim-D', 0]],
  ] as const)('names the first event of a position swap %s', async (_label, [s1, v1], [s2, v2]) => {
    const [a, b] = [await row(s1, v1), await row(s2, v2)];
    const swap = async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('ALTER TABLE events ALTER COLUMN position SET GENERATED BY DEFAULT');
        await client.query('UPDATE events SET position = -1 WHERE position = $1', [a.position]);
        await client.query('UPDATE events SET position = $1 WHERE position = $2', [a.position, b.position]);
        await client.query('UPDATE events SET position = $1 WHERE position = -1', [b.position]);
        await client.query('ALTER TABLE events ALTER COLUMN position SET GENERATED ALWAYS');
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    };
    const before = [await positionOf(s1, v1), await positionOf(s2, v2)].sort();
    const first = before[0] === (await positionOf(s1, v1)) ? [s1, v1] : [s2, v2];
    await swap();
    try {
      const broken = { streamName: first[0], version: first[1], position: before[0], reason: 'EVENT_MOVED' };
      expect(await integrity.verifyStream(first[0] as string)).toMatchObject({
        intact: false,
        firstBroken: broken,
      });
      expect(await integrity.verifyLog()).toMatchObject({ intact: false, firstBroken: broken });
    } finally {
      await swap();
    }
    expect(await integrity.verifyLog()).toMatchObject({ intact: true });
  });

  it('chains events appended after the seal, and seals them later', async () => {
    await store.append('claim-A', [claimEvent(9)], { expectedVersion: 5 });
    expect(await integrity.verifyLog()).toEqual({ intact: true, checkedEvents: 16 });
    expect(await sealer.catchUp()).toBe(1);
    expect(await integrity.verifyStream('claim-A')).toMatchObject({ intact: true, checkedEvents: 7 });
  });
});

describe('the event chains migration', () => {
  it('chains the events stored before it, so that later appends continue the chain', async () => {
    const { database, pool } = await open();
    try {
      const runner = { query: (sql: string) => pool.query(sql) } as unknown as QueryRunner;
      await new CreateEventStore1764201600000().up(runner);
      await new NumericLogOrder1764800000000().up(runner);
      for (const [stream, version] of [
        ['claim-M', 0],
        ['claim-N', 0],
        ['claim-M', 1],
        ['claim-M', 2],
      ] as const) {
        const e = claimEvent(version);
        await pool.query(
          `INSERT INTO events (stream_name, version, event_id, type, schema_version, data, metadata)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            stream,
            version,
            e.id,
            e.type,
            e.schemaVersion,
            JSON.stringify(e.data),
            JSON.stringify(e.metadata),
          ],
        );
      }
      await new EventChains1765000000000().up(runner);
      const store = new PostgresEventStore(pool);
      await store.append('claim-M', [claimEvent(3)], { expectedVersion: 2 });
      await new LogSealer(pool, store).catchUp();
      const integrity = new PostgresIntegrity(pool);
      expect(await integrity.verifyStream('claim-M')).toMatchObject({ intact: true, checkedEvents: 4 });
      expect(await integrity.verifyLog()).toEqual({ intact: true, checkedEvents: 5 });
      await store.close();
    } finally {
      await pool.end();
      await database.close();
    }
  });
});

describe('the whole-log check over transaction ids of different lengths', () => {
  it('walks the log in numeric order, where 99 comes before 100', async () => {
    const { database, pool } = await open();
    try {
      for (const statement of POSTGRES_EVENT_STORE_SCHEMA) await pool.query(statement);
      const store = new PostgresEventStore(pool);
      await store.append('claim-N', [claimEvent(0), claimEvent(1)], { expectedVersion: 'no_stream' });
      await store.append('claim-N', [claimEvent(2)], { expectedVersion: 1 });
      // As a log whose transaction ids gained a digit between appends (on a server, ids pass 999, 9999, ...).
      await pool.query(
        `UPDATE events SET transaction_id = CASE WHEN version = 0 THEN 99 WHEN version = 1 THEN 100 ELSE 1000 END`,
      );
      await new LogSealer(pool, store).catchUp();
      expect(await new PostgresIntegrity(pool).verifyLog()).toEqual({ intact: true, checkedEvents: 3 });
      await store.close();
    } finally {
      await pool.end();
      await database.close();
    }
  });
});
