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

export interface BenchDatabase {
  url: string;
  pool: pg.Pool;
  serverVersion: string;
  truncate(): Promise<void>;
  drop(): Promise<void>;
}

export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `claimtrail_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
  for (const statement of [...POSTGRES_EVENT_STORE_SCHEMA, ...RAW_SCHEMA]) await pool.query(statement);
  const { rows } = await pool.query<{ server_version: string }>('SHOW server_version');
  return {
    url: url.toString(),
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
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
