import { writeFile, readFile, mkdir } from 'node:fs/promises';
import { cpus } from 'node:os';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import {
  PostgresEventStore,
  type NewEvent,
  type Queryable,
  type RecordedEvent,
} from '@claimtrail/event-store';
import { createBenchDatabase, SERVER_URL, type BenchDatabase } from './bench-database.js';
import { copyIn } from './copy-in.js';
import { renderTable, type Result } from './report.js';
import { benchEvent, median, singleEventWriters, timed, type Rate } from './workloads.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SINGLE_1 = 2_000;
const SINGLE_8_PER_WRITER = 750;
const BATCHES = 300;
const BATCH = 100;
const PAGE = 1_000;

const RAW_COLUMNS = 'stream_name, version, event_id, type, schema_version, data, metadata';
const row = (stream: string, version: number, e: NewEvent) => [
  stream,
  version,
  e.id,
  e.type,
  e.schemaVersion,
  JSON.stringify(e.data),
  JSON.stringify(e.metadata),
];

function insertSql(rows: number): string {
  const values = Array.from(
    { length: rows },
    (_, r) => `(${Array.from({ length: 7 }, (_, c) => `$${r * 7 + c + 1}`).join(', ')})`,
  );
  return `INSERT INTO raw_events (${RAW_COLUMNS}) VALUES ${values.join(', ')}`;
}

/** Runs every variant ROUNDS times, interleaved so that drift hits all alike, and keeps the median rate. */
async function measure(
  db: BenchDatabase,
  variants: Record<string, () => Promise<Rate>>,
  truncate = true,
): Promise<Record<string, number>> {
  const rates: Record<string, number[]> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of Object.entries(variants)) {
      if (truncate) await db.truncate();
      const rate = await run();
      (rates[name] ??= []).push(rate.perSecond);
      console.log(
        `  ${name}: ${Math.round(rate.perSecond)} events/s (${rate.events} in ${rate.seconds.toFixed(2)} s)`,
      );
    }
  }
  return Object.fromEntries(Object.entries(rates).map(([name, values]) => [name, median(values)]));
}

/** The event store against Emmett and raw SQL: writes bench/results/event-store.json and its table in the docs. */
export async function runEventStoreBench(): Promise<void> {
  const db = await createBenchDatabase(SERVER_URL);
  const listening = new PostgresEventStore(db.pool, {
    notifications: 'listen',
    listenConnectionString: db.url,
  });
  const polling = new PostgresEventStore(db.pool, { notifications: 'poll' });
  const ungrouped = new PostgresEventStore(db.pool, {
    notifications: 'listen',
    listenConnectionString: db.url,
    groupCommit: false,
  });
  // Seen as a caller's client (no pool), the adapter puts NOTIFY inside the append statement: the alternative design.
  const notifyInStatement = new PostgresEventStore(
    { query: db.pool.query.bind(db.pool) as Queryable['query'] },
    { notifications: 'listen', listenConnectionString: db.url },
  );
  const emmett = getPostgreSQLEventStore(db.url, { schema: { autoMigration: 'CreateOrUpdate' } });
  await emmett.schema.migrate();
  const results: Result[] = [];
  try {
    const ours = (store: PostgresEventStore) => (stream: string, version: number, event: NewEvent) =>
      store.append(stream, [event], { expectedVersion: version }).then(() => undefined);
    const viaEmmett = (stream: string, version: number, event: NewEvent) =>
      emmett
        .appendToStream(
          stream,
          [{ type: event.type, data: event.data as Record<string, unknown>, metadata: event.metadata }],
          {
            expectedStreamVersion: BigInt(version + 1),
          },
        )
        .then(() => undefined);
    // The inline design ADR 0007 turned down: the claim's row projected in the append's own transaction.
    await db.pool.query(`CREATE TABLE IF NOT EXISTS inline_claim_rows (
      claim_id text PRIMARY KEY, events bigint NOT NULL, version bigint NOT NULL, position text NOT NULL)`);
    const inlineRow = async (stream: string, version: number, event: NewEvent) => {
      const client = await db.pool.connect();
      try {
        await client.query('BEGIN');
        const appended = await new PostgresEventStore(client, { notifications: 'poll' }).append(
          stream,
          [event],
          {
            expectedVersion: version,
          },
        );
        const { rows } = await client.query<{ events: string }>(
          'SELECT events FROM inline_claim_rows WHERE claim_id = $1',
          [stream],
        );
        await client.query(
          `INSERT INTO inline_claim_rows VALUES ($1, $2, $3, $4) ON CONFLICT (claim_id) DO UPDATE
           SET events = EXCLUDED.events, version = EXCLUDED.version, position = EXCLUDED.position`,
          [stream, Number(rows[0]?.events ?? 0) + 1, appended.streamVersion, appended.position],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    };
    const rawInsert = (stream: string, version: number, event: NewEvent) =>
      db.pool.query(insertSql(1), row(stream, version, event)).then(() => undefined);

    for (const writers of [1, 8]) {
      const perWriter = writers === 1 ? SINGLE_1 : SINGLE_8_PER_WRITER;
      const total = writers * perWriter;
      console.log(`One event per append, ${writers} writer(s), ${total} events`);
      const single = (append: Parameters<typeof singleEventWriters>[3]) => () =>
        timed(total, () => singleEventWriters(writers, perWriter, 50, append));
      const rates = await measure(db, {
        ours: single(ours(listening)),
        oursWithoutNotify: single(ours(polling)),
        oursUngrouped: single(ours(ungrouped)),
        oursInlineRow: single(inlineRow),
        oursNotifyInStatement: single(ours(notifyInStatement)),
        emmett: single(viaEmmett),
        rawInsert: single(rawInsert),
      });
      results.push(
        {
          scenario: `append, 1 event per command, ${writers} writer${writers > 1 ? 's' : ''}`,
          rate: rates.ours!,
          baseline: 'Emmett PostgreSQL',
          baselineRate: rates.emmett!,
          target: writers === 8 ? 1.0 : undefined,
        },
        {
          scenario: `  same, without NOTIFY (poll mode, embedded database)`,
          rate: rates.oursWithoutNotify!,
          baseline: 'Emmett PostgreSQL',
          baselineRate: rates.emmett!,
        },
        {
          scenario: `  same, NOTIFY inside the append statement (rejected design)`,
          rate: rates.oursNotifyInStatement!,
          baseline: 'Emmett PostgreSQL',
          baselineRate: rates.emmett!,
        },
        {
          scenario: `  same, against raw INSERT (1 row, autocommit)`,
          rate: rates.ours!,
          baseline: 'raw INSERT',
          baselineRate: rates.rawInsert!,
          target: writers === 8 ? 1.0 : undefined,
        },
        {
          scenario: `  same, with the claim row projected inline (ADR 0007, not taken), against the append alone`,
          rate: rates.oursInlineRow!,
          baseline: 'ClaimTrail append alone',
          baselineRate: rates.ours!,
        },
        {
          scenario: `  same, one commit per append (group commit off), against raw INSERT`,
          rate: rates.oursUngrouped!,
          baseline: 'raw INSERT',
          baselineRate: rates.rawInsert!,
        },
      );
    }

    console.log(`Batches of ${BATCH}, ${BATCHES * BATCH} events`);
    const batches = Array.from({ length: BATCHES }, (_, b) =>
      Array.from({ length: BATCH }, (_, i) => benchEvent(b * BATCH + i)),
    );
    const rates = await measure(db, {
      ours: () =>
        timed(BATCHES * BATCH, async () => {
          for (const [b, events] of batches.entries())
            await listening.append(`claim-batch-${b}`, events, { expectedVersion: 'no_stream' });
        }),
      rawInsert: () =>
        timed(BATCHES * BATCH, async () => {
          const sql = insertSql(BATCH);
          for (const [b, events] of batches.entries())
            await db.pool.query(
              sql,
              events.flatMap((e, v) => row(`claim-batch-${b}`, v, e)),
            );
        }),
      rawCopy: () =>
        timed(BATCHES * BATCH, async () => {
          const client = await db.pool.connect();
          try {
            for (const [b, events] of batches.entries())
              await copyIn(
                client,
                `COPY raw_events (${RAW_COLUMNS}) FROM STDIN`,
                events.map((e, v) => row(`claim-batch-${b}`, v, e)),
              );
          } finally {
            client.release();
          }
        }),
    });
    results.push(
      {
        scenario: `append, batches of ${BATCH}, 1 writer`,
        rate: rates.ours!,
        baseline: `raw INSERT, ${BATCH} rows`,
        baselineRate: rates.rawInsert!,
        target: 0.8,
      },
      {
        scenario: `  same, against raw COPY`,
        rate: rates.ours!,
        baseline: `raw COPY, ${BATCH} rows`,
        baselineRate: rates.rawCopy!,
      },
    );

    // The last "ours" round left its events in the table: read them back.
    await db.truncate();
    for (const [b, events] of batches.entries())
      await listening.append(`claim-batch-${b}`, events, { expectedVersion: 'no_stream' });
    await db.pool.query('VACUUM ANALYZE events');
    const total = BATCHES * BATCH;
    console.log(`Reading ${total} events in pages of ${PAGE}`);
    const reads = await measure(
      db,
      {
        ours: () =>
          timed(total, async () => {
            let after: string | undefined;
            for (;;) {
              const page = await listening.readAll({ after, limit: PAGE });
              if (page.length === 0) break;
              after = page[page.length - 1]!.position;
            }
          }),
        rawSelect: () =>
          timed(total, async () => {
            let after = '0';
            for (;;) {
              const { rows } = await db.pool.query<{ position: string }>(
                `SELECT position::text, transaction_id::text, ${RAW_COLUMNS}, recorded_at FROM events
                 WHERE position > $1 ORDER BY position LIMIT ${PAGE}`,
                [after],
              );
              if (rows.length === 0) break;
              after = rows[rows.length - 1]!.position;
            }
          }),
        catchUp: () =>
          timed(total, async () => {
            const controller = new AbortController();
            let seen = 0;
            for await (const batch of listening.subscribe({ batchSize: PAGE, signal: controller.signal })) {
              seen += (batch as RecordedEvent[]).length;
              if (seen >= total) controller.abort();
            }
          }),
      },
      false,
    );
    results.push(
      {
        scenario: `read all, pages of ${PAGE}`,
        rate: reads.ours!,
        baseline: 'raw ordered SELECT',
        baselineRate: reads.rawSelect!,
        target: 0.7,
      },
      {
        scenario: `subscription catch-up, batches of ${PAGE}`,
        rate: reads.catchUp!,
        baseline: 'raw ordered SELECT',
        baselineRate: reads.rawSelect!,
      },
    );

    const report = {
      generatedAt: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version, postgres: db.serverVersion },
      rounds: ROUNDS,
      eventBytes: JSON.stringify(benchEvent(1)).length,
      results: results.map((r) => ({
        ...r,
        rate: Math.round(r.rate),
        baselineRate: Math.round(r.baselineRate),
        ratio: Number((r.rate / r.baselineRate).toFixed(2)),
        met: r.target === undefined ? undefined : r.rate / r.baselineRate >= r.target,
      })),
    };
    await mkdir('bench/results', { recursive: true });
    await writeFile('bench/results/event-store.json', JSON.stringify(report, null, 2) + '\n');
    const docs = 'docs/performance.md';
    const current = await readFile(docs, 'utf8');
    const table = renderTable(report);
    await writeFile(
      docs,
      current.replace(
        /<!-- bench:event-store:start -->[\s\S]*<!-- bench:event-store:end -->/,
        `<!-- bench:event-store:start -->\n${table}\n<!-- bench:event-store:end -->`,
      ),
    );
    console.log(table);
  } finally {
    await emmett.close();
    await listening.close();
    await ungrouped.close();
    await db.drop();
  }
}
