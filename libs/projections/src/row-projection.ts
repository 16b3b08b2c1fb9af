import type { RecordedEvent } from '@claimtrail/event-store';
import type { EntityManager, EntityMetadata, ObjectLiteral } from 'typeorm';
import type { Projection, RowProjection } from './projection.js';

/** Rows per upsert statement: one JSON parameter each, so the size is bounded by memory, not by 65535 parameters. */
const UPSERT_CHUNK = 2000;

/** One table's rows for upsertTables. */
export interface TableRows<Row extends ObjectLiteral = ObjectLiteral> {
  metadata: EntityMetadata;
  rows: readonly Row[];
}

/** INSERT ... ON CONFLICT DO UPDATE of one table from the JSON array in parameter $n. */
function upsertSql(metadata: EntityMetadata, parameter: number): string {
  const names = metadata.columns.map((c) => `"${c.databaseName}"`);
  const keys = metadata.primaryColumns.map((c) => `"${c.databaseName}"`);
  const updates = names.filter((n) => !keys.includes(n)).map((n) => `${n} = EXCLUDED.${n}`);
  return `INSERT INTO "${metadata.tableName}" (${names.join(', ')})
    SELECT ${names.join(', ')} FROM jsonb_populate_recordset(NULL::"${metadata.tableName}", $${parameter}::jsonb)
    ON CONFLICT (${keys.join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`;
}

function recordsOf(metadata: EntityMetadata, rows: readonly ObjectLiteral[]): string {
  return JSON.stringify(
    rows.map((row) => {
      const record: Record<string, unknown> = {};
      for (const column of metadata.columns)
        record[column.databaseName] = column.getEntityValue(row, true) ?? null;
      return record;
    }),
  );
}

/**
 * Writes rows as one JSON array parameter unpacked by jsonb_populate_recordset: TypeORM's upsert binds one
 * parameter per column and row, which fails past 65535 parameters (4369 rows of 15 columns) and spent more time
 * building the statement than PostgreSQL spent running it.
 */
export async function upsertRows<Row extends ObjectLiteral>(
  manager: EntityManager,
  metadata: EntityMetadata,
  rows: readonly Row[],
): Promise<void> {
  const sql = upsertSql(metadata, 1);
  for (let i = 0; i < rows.length; i += UPSERT_CHUNK)
    await manager.query(sql, [recordsOf(metadata, rows.slice(i, i + UPSERT_CHUNK))]);
}

/**
 * Upserts into several tables in one statement (one round trip: a data-modifying CTE per table), as upsertRows does
 * for one; table by table when there are more rows than one statement should carry.
 */
export async function upsertTables(manager: EntityManager, tables: readonly TableRows[]): Promise<void> {
  const present = tables.filter((t) => t.rows.length > 0);
  if (present.reduce((n, t) => n + t.rows.length, 0) > UPSERT_CHUNK || present.length < 2) {
    for (const { metadata, rows } of present) await upsertRows(manager, metadata, rows);
    return;
  }
  const [last, ...others] = [...present].reverse();
  const ctes = others.map((t, i) => `w${i} AS (${upsertSql(t.metadata, i + 2)})`);
  await manager.query(`WITH ${ctes.join(',\n')}\n${upsertSql(last!.metadata, 1)}`, [
    recordsOf(last!.metadata, last!.rows),
    ...others.map((t) => recordsOf(t.metadata, t.rows)),
  ]);
}

/** Deletes the rows whose column equals one of keys, from several tables in one statement. */
export async function deleteFromTables(
  manager: EntityManager,
  tableNames: readonly string[],
  column: string,
  keys: readonly string[],
): Promise<void> {
  if (tableNames.length === 0 || keys.length === 0) return;
  const [last, ...others] = [...tableNames].reverse();
  const ctes = others.map((table, i) => `d${i} AS (DELETE FROM "${table}" WHERE "${column}" = ANY($1))`);
  await manager.query(
    `${ctes.length > 0 ? `WITH ${ctes.join(', ')} ` : ''}DELETE FROM "${last}" WHERE "${column}" = ANY($1)`,
    [keys],
  );
}

/** The runtime shape of a one-row-per-stream read model: loads the rows a batch touches, folds, writes them back. */
export function rowProjection<Row extends ObjectLiteral>(definition: RowProjection<Row>): Projection {
  const metadataOf = (manager: EntityManager) => manager.connection.getMetadata(definition.entity);
  const keyOf = (metadata: EntityMetadata) => metadata.primaryColumns[0]!;
  const deleteKeys = (manager: EntityManager, keys: string[]) => {
    const metadata = metadataOf(manager);
    return manager.query(
      `DELETE FROM "${metadata.tableName}" WHERE "${keyOf(metadata).databaseName}" = ANY($1)`,
      [keys],
    );
  };

  return {
    name: definition.name,
    async apply(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
      const keyed = events.flatMap((event) => {
        const key = definition.keyOf(event.streamName);
        return key === undefined ? [] : [{ key, event }];
      });
      if (keyed.length === 0) return;
      const metadata = metadataOf(manager);
      const property = keyOf(metadata).propertyName;
      const keys = [...new Set(keyed.map((k) => k.key))];
      // One array parameter rather than In(keys): one bind value whatever the batch size.
      const existing = await manager
        .createQueryBuilder(definition.entity, 'row')
        .where(`row.${property} = ANY(:keys)`, { keys })
        .getMany();
      const rows = new Map<string, Row | undefined>(existing.map((r) => [String(r[property]), r]));
      for (const { key, event } of keyed) rows.set(key, definition.apply(rows.get(key), event));
      const kept = [...rows.values()].filter((r): r is Row => r !== undefined);
      const removed = keys.filter((k) => rows.get(k) === undefined);
      if (kept.length > 0) await upsertRows(manager, metadata, kept);
      if (removed.length > 0) await deleteKeys(manager, removed);
    },
    async forgetStream(streamName: string, manager: EntityManager): Promise<void> {
      const key = definition.keyOf(streamName);
      if (key !== undefined) await deleteKeys(manager, [key]);
    },
  };
}
