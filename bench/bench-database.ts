import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { POSTGRES_EVENT_STORE_SCHEMA } from '@claimtrail/event-store';

/** The same table and indexes as the event store's, for the raw INSERT, COPY and SELECT baselines. */
const RAW_SCHEMA = POSTGRES_EVENT_STORE_SCHEMA.filter((statement) => !statement.includes('log_seals')).map(
  (statement) =>
    statement
      .replace(/\bevents\b/g, 'raw_events')
      .replace(/events_(\w+)_(idx|key)/g, 'raw_events_$1_$2')
      // The raw baselines insert what an application would, without a chain.
      .replace(/\s*hash bytea NOT NULL,/, ''),
);

/** The PostgreSQL server the benchmarks create their databases on. */
export const SERVER_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  url: string;
  pool: pg.Pool;
  serverVersion: string;
  truncate(): Promise<void>;
  drop(): Promise<void>;
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A new, empty database claimtrail_bench_<random> on the server, and how to drop it. */
export async function createEmptyDatabase(
  serverUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `claimtrail_bench_${randomBytes(5).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const empty = await createEmptyDatabase(serverUrl);
  // As the application's pool (see dataSourceOptions): no JIT.
  const pool = new pg.Pool({ connectionString: empty.url, max: 10, options: '-c jit=off' });
  // pool.end() does not wait for its clients' sockets to close, and the DROP that follows cuts off any still open:
  // an unhandled 'error' then ended the bench after its results were written.
  pool.on('error', () => undefined);
  for (const statement of [...POSTGRES_EVENT_STORE_SCHEMA, ...RAW_SCHEMA]) await pool.query(statement);
  const { rows } = await pool.query<{ server_version: string }>('SHOW server_version');
  return {
    url: empty.url,
    pool,
    serverVersion: rows[0]!.server_version,
    truncate: async () => {
      const { rows: tables } = await pool.query<{ name: string }>(
        `SELECT quote_ident(tablename) AS name FROM pg_tables
         WHERE schemaname = 'public' AND (tablename IN ('events', 'raw_events') OR tablename LIKE 'emt\\_%')`,
      );
      if (tables.length > 0)
        await pool.query(`TRUNCATE ${tables.map((t) => t.name).join(', ')} RESTART IDENTITY`);
      await pool.query('CHECKPOINT');
    },
    drop: async () => {
      await pool.end();
      await empty.drop();
    },
  };
}
