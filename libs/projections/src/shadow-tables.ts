import type { EntityManager } from 'typeorm';

type Queryable = Pick<EntityManager, 'query'>;

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The runtime's own tables, cloned too so that a rebuild keeps its checkpoint and quarantine apart. */
const RUNTIME_TABLES = ['projection_checkpoints', 'projection_quarantine'];

/**
 * Creates schema `shadow` holding an empty copy of each live table (in public) under the same name: columns,
 * defaults, checks, and the primary keys, unique constraints and indexes under their own names, so that after a
 * swap the tables look exactly as the migrations left them.
 */
export async function createShadowTables(
  db: Queryable,
  shadow: string,
  tables: readonly string[],
): Promise<void> {
  const schema = quoteIdentifier(shadow);
  await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.query(`CREATE SCHEMA ${schema}`);
  for (const table of [...tables, ...RUNTIME_TABLES]) {
    const live = `public.${quoteIdentifier(table)}`;
    const copy = `${schema}.${quoteIdentifier(table)}`;
    await db.query(
      `CREATE TABLE ${copy} (LIKE ${live} INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED
         INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS)`,
    );
    const constraints: { name: string; definition: string }[] = await db.query(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
       WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname`,
      [live],
    );
    for (const constraint of constraints)
      await db.query(
        `ALTER TABLE ${copy} ADD CONSTRAINT ${quoteIdentifier(constraint.name)} ${constraint.definition}`,
      );
    const indexes: { definition: string }[] = await db.query(
      `SELECT pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
       WHERE i.indrelid = $1::regclass
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
       ORDER BY i.indexrelid`,
      [live],
    );
    for (const index of indexes)
      await db.query(index.definition.replace(/ ON (ONLY )?\S+ USING /, ` ON $1${copy} USING `));
  }
}

/**
 * Moves the live tables into schema `retired` and the shadow's into public, inside the caller's transaction: readers
 * see either the old tables or the new ones, never a mix.
 */
export async function swapInShadowTables(
  db: Queryable,
  shadow: string,
  retired: string,
  tables: readonly string[],
): Promise<void> {
  await db.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(retired)} CASCADE`);
  await db.query(`CREATE SCHEMA ${quoteIdentifier(retired)}`);
  for (const table of tables) {
    await db.query(`ALTER TABLE public.${quoteIdentifier(table)} SET SCHEMA ${quoteIdentifier(retired)}`);
    await db.query(`ALTER TABLE ${quoteIdentifier(shadow)}.${quoteIdentifier(table)} SET SCHEMA public`);
  }
}

export async function dropSchema(db: Queryable, schema: string): Promise<void> {
  await db.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
}
