import { READ_MODELS } from '@claimtrail/composition';
import type pg from 'pg';
import type { ClaimsBook } from './claims-book.js';
import { machine, publish, runStamp } from './docs-section.js';

const ROUNDS = Number(process.env.BENCH_REBUILD_ROUNDS ?? 1);
/** Parameters per statement are capped at 65535: rows per INSERT shrink for wide tables. */
const MAX_ROWS_PER_INSERT = 1000;

const tablesOf = (book: ClaimsBook, entities: readonly unknown[]) =>
  entities.map((entity) => book.dataSource.getMetadata(entity as never).tableName);

/** Baseline, read side: the whole log in pages, keyset on position, every column, no projection logic. */
async function rawRead(pool: pg.Pool, page: number): Promise<{ seconds: number; events: number }> {
  const started = performance.now();
  let after = '0';
  let events = 0;
  for (;;) {
    const { rows } = await pool.query<{ position: string }>(
      `SELECT position, transaction_id, stream_name, version, event_id, type, schema_version, data, metadata,
         recorded_at FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
      [after, page],
    );
    if (rows.length === 0) break;
    events += rows.length;
    after = rows[rows.length - 1]!.position;
  }
  return { seconds: (performance.now() - started) / 1000, events };
}

/**
 * Baseline, write side: the rows the projection ended with, inserted again with multi-row INSERTs into plain copies
 * of its tables (same columns and indexes). Reading them out is not timed; only the inserts are.
 */
async function rawInsert(pool: pg.Pool, tables: string[]): Promise<{ seconds: number; rows: number }> {
  const reader = await pool.connect();
  const writer = await pool.connect();
  let seconds = 0;
  let total = 0;
  try {
    for (const table of tables) {
      await writer.query(`DROP TABLE IF EXISTS bench_raw_${table}`);
      await writer.query(`CREATE TABLE bench_raw_${table} (LIKE ${table} INCLUDING ALL)`);
      await reader.query('BEGIN');
      await reader.query(`DECLARE rows_out NO SCROLL CURSOR FOR SELECT * FROM ${table}`);
      const text = { getTypeParser: () => (value: string) => value };
      for (;;) {
        const page = await reader.query({ text: 'FETCH 5000 FROM rows_out', rowMode: 'array', types: text });
        if (page.rows.length === 0) break;
        const columns = page.fields.length;
        const perInsert = Math.min(MAX_ROWS_PER_INSERT, Math.floor(65_535 / columns));
        const started = performance.now();
        for (let i = 0; i < page.rows.length; i += perInsert) {
          const slice = page.rows.slice(i, i + perInsert) as unknown[][];
          const values = slice.map(
            (_, r) => `(${Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`).join(', ')})`,
          );
          await writer.query(`INSERT INTO bench_raw_${table} VALUES ${values.join(', ')}`, slice.flat());
        }
        seconds += (performance.now() - started) / 1000;
        total += page.rows.length;
      }
      await reader.query('COMMIT');
      await writer.query(`DROP TABLE bench_raw_${table}`);
    }
  } finally {
    reader.release();
    writer.release();
  }
  return { seconds, rows: total };
}

/**
 * The real runners' catch-up from empty checkpoints into empty tables, every projection at once as the projector
 * runs them; the seconds until the last one finished, and each one's own.
 */
async function rebuildAll(
  book: ClaimsBook,
  tables: string[],
): Promise<{ seconds: number; each: Record<string, number> }> {
  await book.pool.query(`TRUNCATE ${tables.join(', ')}`);
  await book.pool.query('DELETE FROM projection_checkpoints');
  await book.pool.query('DELETE FROM projection_quarantine');
  await book.pool.query('VACUUM ANALYZE');
  await book.pool.query('CHECKPOINT');
  const started = performance.now();
  const each: Record<string, number> = {};
  await Promise.all(
    book.runners.map(async (runner) => {
      await runner.catchUp();
      each[runner.name] = Math.round((performance.now() - started) / 100) / 10;
    }),
  );
  return { seconds: (performance.now() - started) / 1000, each };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function runRebuildBench(book: ClaimsBook): Promise<void> {
  const tables = READ_MODELS.flatMap((readModel) => tablesOf(book, readModel.entities as unknown[]));
  const rebuilds: number[] = [];
  const reads: number[] = [];
  const inserts: number[] = [];
  let rows = 0;
  let each: Record<string, number> = {};
  for (let round = 0; round < ROUNDS; round++) {
    const rebuild = await rebuildAll(book, tables);
    rebuilds.push(rebuild.seconds);
    each = rebuild.each;
    console.log(`  rebuild: ${rebuild.seconds.toFixed(1)} s (${JSON.stringify(rebuild.each)})`);
    const read = await rawRead(book.pool, book.batchSize);
    reads.push(read.seconds);
    const insert = await rawInsert(book.pool, tables);
    inserts.push(insert.seconds);
    rows = insert.rows;
    console.log(
      `  baseline: read ${read.events} events in ${read.seconds.toFixed(1)} s, insert ${rows} rows in ${insert.seconds.toFixed(1)} s`,
    );
  }
  const [rebuildSeconds, readSeconds, insertSeconds] = [median(rebuilds), median(reads), median(inserts)];
  const rate = book.stats.events / rebuildSeconds;
  const baselineRate = book.stats.events / (readSeconds + insertSeconds);
  const result = {
    projections: READ_MODELS.map((r) => r.projection.name),
    tables,
    rows,
    rebuildSeconds: Math.round(rebuildSeconds * 10) / 10,
    finishedAfterSeconds: each,
    rate: Math.round(rate),
    baselineReadSeconds: Math.round(readSeconds * 10) / 10,
    baselineInsertSeconds: Math.round(insertSeconds * 10) / 10,
    baselineRate: Math.round(baselineRate),
    ratio: Math.round((rate / baselineRate) * 100) / 100,
    target: 0.5,
    met: rate / baselineRate >= 0.5,
  };
  const report = {
    generatedAt: new Date().toISOString(),
    machine: machine(book.serverVersion),
    book: { claims: book.stats.claims, events: book.stats.events, batchSize: book.batchSize, rounds: ROUNDS },
    results: [result],
  };
  const r = result;
  const table = [
    `Run ${runStamp(report.generatedAt)} UTC · ${report.machine.cpus} cores (load average ${report.machine.loadAverage.join(' ')}) · Node ${report.machine.node} · PostgreSQL ${report.machine.postgres} · ${book.stats.claims} claims, ${book.stats.events} events · batches of ${book.batchSize} · median of ${ROUNDS} round(s)`,
    '',
    '| Workload | Rows at the end | Seconds | Events/s | Baseline | Baseline s | Baseline events/s | Ratio | Target |',
    '| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |',
    `| rebuild of ${r.projections.join(', ')} at once (finished after ${Object.entries(r.finishedAfterSeconds)
      .map(([n, s]) => `${n} ${s} s`)
      .join(
        ', ',
      )}) | ${r.rows} | ${r.rebuildSeconds} | ${r.rate} | raw paged SELECT of the log + multi-row INSERT of the same rows | ${r.baselineReadSeconds} + ${r.baselineInsertSeconds} | ${r.baselineRate} | ${r.ratio.toFixed(2)}x | ≥ 0.5x ${r.met ? 'met' : 'short'} |`,
  ].join('\n');
  await publish('rebuild', report, table);
}

/** Brings every projection up to the end of the log, unmeasured, for the suites that only read. */
export async function catchUpAll(book: ClaimsBook): Promise<void> {
  let caughtUp = 0;
  for (const runner of book.runners) {
    const started = performance.now();
    const events = await runner.catchUp();
    caughtUp += events;
    console.log(
      `  ${runner.name}: caught up ${events} events in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  // A catch-up rewrites each claim's rows once per event. In production autovacuum clears the dead rows and gathers
  // statistics soon after; the servers here run with autovacuum off, so the bench does what it would have done.
  if (caughtUp > 0) await book.pool.query('VACUUM (ANALYZE)');
}
