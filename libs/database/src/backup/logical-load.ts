import type pg from 'pg';
import { quoteIdentifier, TEXT_IO_SETTINGS, type BackupExtra, type BackupTable } from './backup-format.js';
import type { BackupContents } from './backup-reader.js';
import { BackupError } from '../database.errors.js';

export interface LoadOptions {
  /** Rows loaded so far and in all. */
  onProgress?(rows: number, total: number): void;
}

/**
 * Loads a backup into the tables its migrations made (they must hold nothing worth keeping: they are emptied), in
 * one transaction, with triggers off (the append-only tables refuse nothing then, and foreign keys are not checked
 * row by row), and sets every sequence as it was. Resolves with the backup's extra lines. A damaged file fails the
 * transaction; the caller decides what becomes of the database.
 */
export async function loadLogicalDump(
  client: pg.ClientBase,
  contents: BackupContents,
  options: LoadOptions = {},
): Promise<BackupExtra[]> {
  const { header } = contents;
  const total = header.tables.reduce((sum, table) => sum + table.rows, 0);
  const extras: BackupExtra[] = [];
  await client.query('BEGIN');
  try {
    for (const [name, value] of Object.entries({ ...TEXT_IO_SETTINGS, session_replication_role: 'replica' }))
      await client.query('SELECT set_config($1, $2, true)', [name, value]);
    const inserts = new Map<string, string>();
    for (const table of header.tables) inserts.set(table.name, await insertStatement(client, table));
    if (header.tables.length > 0)
      await client.query(
        `TRUNCATE ${header.tables.map((table) => `public.${quoteIdentifier(table.name)}`).join(', ')}`,
      );
    let loaded = 0;
    for await (const item of contents.items()) {
      if (item.kind === 'extra') {
        extras.push(item.extra);
        continue;
      }
      const columns = item.table.columns.map((_, i) => item.rows.map((row) => row[i] ?? null));
      await client.query(inserts.get(item.table.name)!, columns);
      loaded += item.rows.length;
      options.onProgress?.(loaded, total);
    }
    for (const sequence of header.sequences) {
      const found = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [
        `public.${quoteIdentifier(sequence.name)}`,
      ]);
      if (!found.rows[0]!.exists)
        throw new BackupError('BACKUP_SCHEMA_MISMATCH', `The backup's sequence ${sequence.name} is not here`);
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [
        `public.${quoteIdentifier(sequence.name)}`,
        sequence.lastValue,
        sequence.isCalled,
      ]);
    }
    await client.query('COMMIT');
    return extras;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * One INSERT per batch: each column's text values as one array parameter, cast to the column's type here. OVERRIDING
 * SYSTEM VALUE keeps identity columns (the event log's positions) as they were.
 */
async function insertStatement(client: pg.ClientBase, table: BackupTable): Promise<string> {
  const { rows } = await client.query<{ name: string; type: string }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
     WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''`,
    [`public.${quoteIdentifier(table.name)}`],
  );
  if (rows.length === 0)
    throw new BackupError('BACKUP_SCHEMA_MISMATCH', `The backup's table ${table.name} is not here`);
  const types = new Map(rows.map((row) => [row.name, row.type]));
  const missing = table.columns.filter((column) => !types.has(column.name));
  if (missing.length > 0)
    throw new BackupError(
      'BACKUP_SCHEMA_MISMATCH',
      `Table ${table.name} here has no column ${missing.map((c) => c.name).join(', ')} of the backup's`,
    );
  const names = table.columns.map((column) => quoteIdentifier(column.name)).join(', ');
  const values = table.columns.map((column, i) => `u.v${i}::${types.get(column.name)}`).join(', ');
  const parameters = table.columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const aliases = table.columns.map((_, i) => `v${i}`).join(', ');
  return (
    `INSERT INTO public.${quoteIdentifier(table.name)} (${names}) OVERRIDING SYSTEM VALUE ` +
    `SELECT ${values} FROM unnest(${parameters}) AS u(${aliases})`
  );
}
