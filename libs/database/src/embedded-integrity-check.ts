import type { PGlite } from '@electric-sql/pglite';

interface KeyedTable {
  table_name: string;
  ascending: string;
  descending: string;
}

export interface UnreadableTable {
  table: string;
  /** The SQLSTATE of the failure; never the message, which may quote stored values. */
  code: string;
  cause: unknown;
}

/**
 * Reads the rows with the smallest and the largest primary key of every table in schema public through its index.
 * A table file cut short (a half-copied backup, a truncated write) is not an error to PostgreSQL: a sequential
 * scan just sees fewer blocks, so rows vanish silently, while the index still points at the lost blocks. Forcing
 * index scans that must visit the heap turns that into an error at start-up instead of wrong answers later.
 */
export async function findUnreadableTable(db: PGlite): Promise<UnreadableTable | undefined> {
  const { rows: tables } = await db.query<KeyedTable>(`
    SELECT c.oid::regclass::text AS table_name,
           string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord) AS ascending,
           string_agg(quote_ident(a.attname) || ' DESC', ', ' ORDER BY k.ord) AS descending
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
    WHERE i.indisprimary AND n.nspname = 'public' AND c.relkind = 'r'
    GROUP BY c.oid
    ORDER BY 1`);
  for (const { table_name: table, ascending, descending } of tables) {
    try {
      await db.transaction(async (tx) => {
        // Index-only scans could answer from the index alone; ctid makes each probe fetch its heap tuple.
        await tx.exec('SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off');
        await tx.exec('SET LOCAL enable_indexonlyscan = off');
        await tx.query(`SELECT ctid FROM ${table} ORDER BY ${ascending} LIMIT 1`);
        await tx.query(`SELECT ctid FROM ${table} ORDER BY ${descending} LIMIT 1`);
      });
    } catch (cause) {
      return { table, code: (cause as { code?: string }).code ?? 'unknown', cause };
    }
  }
  return undefined;
}
