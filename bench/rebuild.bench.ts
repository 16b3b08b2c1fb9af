import { READ_MODELS } from '@claimtrail/composition';
import type pg from 'pg';
import type { ClaimsBook } from './claims-book.js';
import { machine, publish, runStamp } from './docs-section.js';

const ROUNDS = Number(process.env.BENCH_REBUILD_ROUNDS ?? 1);
/** Parameters per statement are capped at 65535: rows per INSERT shrink for wide tables. */
const MAX_ROWS_PER_INSERT = 1000;

interface RebuildResult {
  projection: string;
  tables: string[];
  rows: number;
  rebuildSeconds: number;
  rate: number;
  baselineReadSeconds: number;
  baselineInsertSeconds: number;
  baselineRate: number;
  ratio: number;
  target: number;
  met: boolean;
}

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

/** The real runner's catch-up from an empty checkpoint into empty tables. */
async function rebuild(book: ClaimsBook, projection: string, tables: string[]): Promise<number> {
  const runner = book.runners.find((r) => r.name === projection)!;
  await book.pool.query(`TRUNCATE ${tables.join(', ')}`);
  await book.pool.query('DELETE FROM projection_checkpoints WHERE name = $1', [projection]);
  await book.pool.query('DELETE FROM projection_quarantine WHERE projection = $1', [projection]);
  await book.pool.query('CHECKPOINT');
  const started = performance.now();
  await runner.catchUp();
  return (performance.now() - started) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function runRebuildBench(book: ClaimsBook): Promise<void> {
  const results: RebuildResult[] = [];
  const reads: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const read = await rawRead(book.pool, book.batchSize);
    reads.push(read.seconds);
    console.log(`  raw read: ${read.events} events in ${read.seconds.toFixed(1)} s`);
  }
  const readSeconds = median(reads);
  for (const readModel of READ_MODELS) {
    const name = readModel.projection.name;
    const tables = tablesOf(book, readModel.entities as unknown[]);
    const rebuilds: number[] = [];
    const inserts: number[] = [];
    let rows = 0;
    for (let round = 0; round < ROUNDS; round++) {
      rebuilds.push(await rebuild(book, name, tables));
      const insert = await rawInsert(book.pool, tables);
      inserts.push(insert.seconds);
      rows = insert.rows;
      console.log(
        `  ${name}: rebuild ${rebuilds.at(-1)!.toFixed(1)} s; raw insert of ${rows} rows ${insert.seconds.toFixed(1)} s`,
      );
    }
    const rebuildSeconds = median(rebuilds);
    const insertSeconds = median(inserts);
    const rate = book.stats.events / rebuildSeconds;
    const baselineRate = book.stats.events / (readSeconds + insertSeconds);
    results.push({
      projection: name,
      tables,
      rows,
      rebuildSeconds: Math.round(rebuildSeconds * 10) / 10,
      rate: Math.round(rate),
      baselineReadSeconds: Math.round(readSeconds * 10) / 10,
      baselineInsertSeconds: Math.round(insertSeconds * 10) / 10,
      baselineRate: Math.round(baselineRate),
      ratio: Math.round((rate / baselineRate) * 100) / 100,
      target: 0.5,
      met: rate / baselineRate >= 0.5,
    });
  }
  const report = {
    generatedAt: new Date().toISOString(),
    machine: machine(book.serverVersion),
    book: { claims: book.stats.claims, events: book.stats.events, batchSize: book.batchSize, rounds: ROUNDS },
    results,
  };
  const table = [
    `Run ${runStamp(report.generatedAt)} UTC · ${report.machine.cpus} cores · Node ${report.machine.node} · PostgreSQL ${report.machine.postgres} · ${book.stats.claims} claims, ${book.stats.events} events · batches of ${book.batchSize} · median of ${ROUNDS} round(s)`,
    '',
    '| Projection | Rows written | Rebuild s | Rebuild events/s | Baseline: read s + insert s | Baseline events/s | Ratio | Target |',
    '| --- | ---: | ---: | ---: | --- | ---: | ---: | --- |',
    ...results.map(
      (r) =>
        `| ${r.projection} (${r.tables.join(', ')}) | ${r.rows} | ${r.rebuildSeconds} | ${r.rate} | ${r.baselineReadSeconds} + ${r.baselineInsertSeconds} | ${r.baselineRate} | ${r.ratio.toFixed(2)}x | ≥ 0.5x ${r.met ? 'met' : 'short'} |`,
    ),
  ].join('\n');
  await publish('rebuild', report, table);
}

/** Brings every projection up to the end of the log, unmeasured, for the suites that only read. */
export async function catchUpAll(book: ClaimsBook): Promise<void> {
  for (const runner of book.runners) {
    const started = performance.now();
    const events = await runner.catchUp();
    console.log(
      `  ${runner.name}: caught up ${events} events in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
}
