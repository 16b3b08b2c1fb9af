import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type pg from 'pg';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  quoteIdentifier,
  TEXT_IO_SETTINGS,
  type BackupColumn,
  type BackupEnd,
  type BackupExtra,
  type BackupHeader,
  type BackupSequence,
} from './backup-format.js';

/** Which rows of a table belong in the snapshot, and in what order; SQL fragments from the application, not input. */
export interface TableSelection {
  where?: string;
  orderBy?: string;
}

/** What the application adds, worked out inside the snapshot's transaction (on its client) before rows are read. */
export interface SnapshotDescription<Application> {
  application: Application;
  tables?: Record<string, TableSelection>;
  /** Written after the tables, before the end line. */
  extras?: BackupExtra[];
}

export interface DumpOptions<Application> {
  describe(client: pg.ClientBase): Promise<SnapshotDescription<Application>>;
  /** Rows written so far and in all. */
  onProgress?(rows: number, total: number): void;
  /** Rows per FETCH. */
  batchSize?: number;
}

/**
 * Writes every table of schema public, as one snapshot, to out (gzip), and ends out. The client must be one
 * connection no one else uses meanwhile; the transaction is REPEATABLE READ READ ONLY, so on PostgreSQL writers carry
 * on while it runs (on the embedded database, which has one session, they wait for it). Resolves with the header.
 */
export async function writeLogicalDump<Application>(
  client: pg.ClientBase,
  out: Writable,
  options: DumpOptions<Application>,
): Promise<BackupHeader<Application>> {
  const gzip = createGzip();
  const piped = pipeTo(gzip, out);
  const hash = createHash('sha256');
  // One write per batch of lines: a write per row cost more than reading the rows.
  const write = async (...values: unknown[]) => {
    const text = values.map((value) => `${JSON.stringify(value)}\n`).join('');
    hash.update(text);
    if (!gzip.write(text)) await Promise.race([once(gzip, 'drain'), piped]);
  };
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    for (const [name, value] of Object.entries(TEXT_IO_SETTINGS))
      await client.query('SELECT set_config($1, $2, true)', [name, value]);
    const description = await options.describe(client);
    const tables = await listTables(client);
    const selections = description.tables ?? {};
    const header: BackupHeader<Application> = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      server: (await client.query<{ version: string }>('SELECT version()')).rows[0]!.version,
      migrations: await appliedMigrations(client),
      tables: [],
      sequences: await sequences(client),
      application: description.application,
    };
    for (const table of tables) {
      const rows = await client.query<{ count: string }>(
        `SELECT count(*)::text AS count FROM ${table.qualified}${where(selections[table.name])}`,
      );
      header.tables.push({ name: table.name, columns: table.columns, rows: Number(rows.rows[0]!.count) });
    }
    const total = header.tables.reduce((sum, table) => sum + table.rows, 0);
    let written = 0;
    await write(header);
    for (const [i, table] of tables.entries()) {
      await write({ table: table.name });
      // Aliased: an output column named like its source would make ORDER BY sort the text (999 after 1000).
      const columns = table.columns.map((c, n) => `${quoteIdentifier(c.name)}::text AS c${n}`).join(', ');
      const selection = selections[table.name];
      const order = selection?.orderBy ?? table.primaryKey.map(quoteIdentifier).join(', ');
      await client.query(
        `DECLARE claimtrail_dump NO SCROLL CURSOR FOR SELECT ${columns} FROM ${table.qualified}${where(selection)}` +
          `${order ? ` ORDER BY ${order}` : ''}`,
      );
      let count = 0;
      for (;;) {
        const batch = await client.query<string[]>({
          text: `FETCH ${options.batchSize ?? 1000} FROM claimtrail_dump`,
          rowMode: 'array',
        });
        if (batch.rows.length > 0) await write(...batch.rows);
        count += batch.rows.length;
        written += batch.rows.length;
        options.onProgress?.(written, total);
        if (batch.rows.length === 0) break;
      }
      await client.query('CLOSE claimtrail_dump');
      // The count and the rows come from one snapshot; were they to differ, the header would not describe the file.
      if (count !== header.tables[i]!.rows)
        throw new Error(`Table ${table.name} gave ${count} rows, ${header.tables[i]!.rows} counted`);
    }
    for (const extra of description.extras ?? []) await write(extra);
    await client.query('COMMIT');
    const end: BackupEnd = { end: true, rows: written, sha256: hash.digest('hex') };
    gzip.end(`${JSON.stringify(end)}\n`);
    await piped;
    return header;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    gzip.destroy();
    throw error;
  }
}

function pipeTo(gzip: ReturnType<typeof createGzip>, out: Writable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    gzip.on('error', reject);
    out.on('error', reject);
    out.on('finish', resolve);
    gzip.pipe(out);
  });
}

function where(selection: TableSelection | undefined): string {
  return selection?.where ? ` WHERE ${selection.where}` : '';
}

interface DumpedTable {
  name: string;
  qualified: string;
  columns: BackupColumn[];
  primaryKey: string[];
}

/**
 * The tables of schema public, each after the tables its foreign keys reference (then by name), with their stored
 * columns (generated ones are made again on load) and primary key columns.
 */
async function listTables(client: pg.ClientBase): Promise<DumpedTable[]> {
  const { rows } = await client.query<{ oid: number; name: string }>(
    `SELECT c.oid::int AS oid, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`,
  );
  const references = await client.query<{ from: number; to: number }>(
    `SELECT conrelid::int AS from, confrelid::int AS to FROM pg_constraint
     WHERE contype = 'f' AND connamespace = 'public'::regnamespace AND conrelid <> confrelid`,
  );
  const ordered: typeof rows = [];
  const placed = new Set<number>();
  const visit = (table: (typeof rows)[number], path: Set<number>) => {
    if (placed.has(table.oid) || path.has(table.oid)) return;
    path.add(table.oid);
    for (const ref of references.rows.filter((r) => r.from === table.oid)) {
      const target = rows.find((t) => t.oid === ref.to);
      if (target) visit(target, path);
    }
    placed.add(table.oid);
    ordered.push(table);
  };
  for (const table of rows) visit(table, new Set());
  const tables: DumpedTable[] = [];
  for (const table of ordered) {
    const columns = await client.query<BackupColumn>(
      `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
       WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
      [table.oid],
    );
    const key = await client.query<{ name: string }>(
      `SELECT a.attname AS name FROM pg_index i
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
       WHERE i.indrelid = $1 AND i.indisprimary ORDER BY k.n`,
      [table.oid],
    );
    tables.push({
      name: table.name,
      qualified: `public.${quoteIdentifier(table.name)}`,
      columns: columns.rows,
      primaryKey: key.rows.map((k) => k.name),
    });
  }
  return tables;
}

/** TypeORM's record of the migrations that ran, oldest first; none when the table is not there. */
async function appliedMigrations(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ exists: boolean }>(
    `SELECT to_regclass('public.migrations') IS NOT NULL AS exists`,
  );
  if (!rows[0]!.exists) return [];
  return (await client.query<{ name: string }>('SELECT name FROM public.migrations ORDER BY id')).rows.map(
    (row) => row.name,
  );
}

async function sequences(client: pg.ClientBase): Promise<BackupSequence[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
  );
  const result: BackupSequence[] = [];
  for (const { name } of rows) {
    const state = await client.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text AS last_value, is_called FROM public.${quoteIdentifier(name)}`,
    );
    result.push({ name, lastValue: state.rows[0]!.last_value, isCalled: state.rows[0]!.is_called });
  }
  return result;
}
