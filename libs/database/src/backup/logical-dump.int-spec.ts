import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import type { ResolvedDatabase } from '../resolve-database.js';
import { createTestDatabase } from '../testing/test-database.js';
import { openBackup } from './backup-reader.js';
import { BackupError } from '../database.errors.js';
import { writeLogicalDump } from './logical-dump.js';
import { loadLogicalDump } from './logical-load.js';
import { advanceTransactionIds, nextTransactionId } from './transaction-ids.js';

const MARKER = 'PATIENT-MARKER';

const SCHEMA = [
  'CREATE TABLE migrations (id serial PRIMARY KEY, "timestamp" bigint NOT NULL, name text NOT NULL)',
  // Named so that, by name alone, the child would come first.
  'CREATE TABLE b_parents (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL)',
  `CREATE TABLE a_children (
     id serial PRIMARY KEY, parent_id bigint REFERENCES b_parents (id), doc jsonb, raw bytea, at timestamptz,
     tags text[], amount numeric(14, 2), ratio double precision, day date, span interval, flag boolean,
     twice bigint GENERATED ALWAYS AS (id * 2) STORED)`,
  'CREATE TABLE notes (id bigserial PRIMARY KEY, note text)',
  `CREATE FUNCTION notes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'append-only'; END $$`,
  `CREATE TRIGGER notes_no_change BEFORE UPDATE OR DELETE ON notes
     FOR EACH ROW EXECUTE FUNCTION notes_append_only()`,
  `CREATE TRIGGER notes_no_truncate BEFORE TRUNCATE ON notes
     FOR EACH STATEMENT EXECUTE FUNCTION notes_append_only()`,
];

const TEXTS = [`${MARKER} "quoted" \\ back\\slash`, 'line\nbreak\ttab', 'NULL', '', 'ünïcödé 😀', null];

async function fill(client: pg.ClientBase): Promise<void> {
  await client.query(`INSERT INTO migrations ("timestamp", name) VALUES (1, 'First1'), (2, 'Second2')`);
  for (let i = 0; i < 30; i++)
    await client.query('INSERT INTO b_parents (name) VALUES ($1)', [`parent ${i}`]);
  for (const [i, text] of TEXTS.entries()) {
    await client.query(
      `INSERT INTO a_children (parent_id, doc, raw, at, tags, amount, ratio, day, span, flag)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        i + 1,
        JSON.stringify({ text, big: '9007199254740993', nested: [1.5, { n: null }] }),
        Buffer.from([0, 1, 2, 255, i]),
        '2026-03-02 10:11:12.345678+02',
        [text, 'b,c', '{x}'],
        '123456789012.34',
        i === 0 ? 0.1 : i === 1 ? Number.NaN : -1e-300,
        '1900-01-01',
        '1 year 2 mons 3 days 04:05:06.789',
        i % 2 === 0,
      ],
    );
    await client.query('INSERT INTO notes (note) VALUES ($1)', [text]);
  }
  // A gap in a sequence stays a gap.
  await client.query(`SELECT setval('notes_id_seq', 1000)`);
}

async function tableRows(client: pg.ClientBase, table: string): Promise<unknown[]> {
  return (await client.query(`SELECT to_jsonb(t)::text AS row FROM ${table} t ORDER BY id`)).rows.map(
    (r) => r.row,
  );
}

describe('a logical backup', () => {
  let scratch: string;
  let sourceDb: ResolvedDatabase;
  let targetDb: ResolvedDatabase;
  let source: pg.Client;
  let target: pg.Client;
  let file: string;

  const dump = async (path: string, options: Partial<Parameters<typeof writeLogicalDump>[2]> = {}) =>
    writeLogicalDump(source, createWriteStream(path, { mode: 0o600 }), {
      describe: async () => ({ application: { note: 'app' } }),
      ...options,
    });

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'claimtrail-dump-'));
    [sourceDb, targetDb] = [await createTestDatabase(), await createTestDatabase()];
    source = new pg.Client({ connectionString: sourceDb.url });
    target = new pg.Client({ connectionString: targetDb.url });
    await source.connect();
    await target.connect();
    for (const statement of SCHEMA) {
      await source.query(statement);
      await target.query(statement);
    }
    await fill(source);
    file = join(scratch, 'backup.gz');
    await dump(file);
  });
  afterAll(async () => {
    await source?.end();
    await target?.end();
    await sourceDb?.close();
    await targetDb?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('heads the file with the migrations, tables in foreign-key order, row counts and sequences', async () => {
    const { header } = await openBackup(file);
    expect(header).toMatchObject({
      format: 'claimtrail-backup',
      formatVersion: 1,
      migrations: ['First1', 'Second2'],
      application: { note: 'app' },
    });
    expect(header.tables.map((t) => [t.name, t.rows])).toEqual([
      ['b_parents', 30],
      ['a_children', TEXTS.length],
      ['migrations', 2],
      ['notes', TEXTS.length],
    ]);
    // The generated column is made again on load, not carried.
    expect(header.tables[1]!.columns.map((c) => c.name)).not.toContain('twice');
    expect(header.sequences).toContainEqual({ name: 'notes_id_seq', lastValue: '1000', isCalled: true });
  });

  it('loads every value back as it was, into tables that held rows, with the sequences where they were', async () => {
    await target.query(`INSERT INTO notes (note) VALUES ('to be replaced')`);
    await loadLogicalDump(target, await openBackup(file));
    for (const table of ['b_parents', 'a_children', 'migrations', 'notes'])
      expect([table, await tableRows(target, table)]).toEqual([table, await tableRows(source, table)]);
    const next = async (client: pg.ClientBase) =>
      [
        (await client.query(`INSERT INTO b_parents (name) VALUES ('next') RETURNING id`)).rows[0].id,
        (await client.query(`INSERT INTO notes (note) VALUES ('next') RETURNING id`)).rows[0].id,
      ] as string[];
    expect(await next(target)).toEqual(await next(source));
    // Triggers are back on once loaded.
    await expect(target.query('DELETE FROM notes')).rejects.toThrow('append-only');
  });

  it('keeps only the rows the application selects, in its order', async () => {
    const path = join(scratch, 'selected.gz');
    const { tables } = await dump(path, {
      describe: async () => ({
        application: {},
        tables: { b_parents: { where: 'id % 2 = 0', orderBy: 'id DESC' } },
        extras: [{ extra: 'note', value: 'kept apart' }],
      }),
    });
    expect(tables.find((t) => t.name === 'b_parents')!.rows).toBe(15);
    const rows: string[] = [];
    const extras: unknown[] = [];
    for await (const item of (await openBackup(path)).items()) {
      if (item.kind === 'extra') extras.push(item.extra);
      else if (item.table.name === 'b_parents') rows.push(...item.rows.map((row) => row[0]!));
    }
    expect(rows[0]).toBe('30');
    expect(rows).toHaveLength(15);
    expect(extras).toEqual([{ extra: 'note', value: 'kept apart' }]);
  });

  describe('refuses, naming no value of a row', () => {
    const refusal = async (path: string) => {
      const error = await (async () => {
        for await (const _ of (await openBackup(path)).items());
      })().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(BackupError);
      expect((error as Error).message).not.toContain(MARKER);
      return error as BackupError;
    };

    it('a file cut short', async () => {
      const bytes = await readFile(file);
      const cut = join(scratch, 'cut.gz');
      await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
      expect((await refusal(cut)).code).toBe('BACKUP_CORRUPT');
    });

    /** The backup decompressed, changed as a text, and compressed again (so gzip finds nothing wrong). */
    const rewritten = async (name: string, change: (lines: string[]) => string[]) => {
      const path = join(scratch, name);
      const lines = gunzipSync(await readFile(file))
        .toString('utf8')
        .split('\n');
      await writeFile(path, gzipSync(change(lines).join('\n')));
      return path;
    };

    it('a file whose end line is missing, though its compression is whole', async () => {
      const cut = await rewritten('no-end.gz', (lines) => [...lines.slice(0, -2), '']);
      expect((await refusal(cut)).message).toContain('its end is missing');
    });

    it('a row changed', async () => {
      const changed = await rewritten('changed.gz', (lines) =>
        lines.map((l) => l.replace('parent 7', 'parent 8')),
      );
      expect((await refusal(changed)).message).toContain('checksum');
    });

    it('a row missing, the count then disagreeing with the header', async () => {
      const missing = await rewritten('missing.gz', (lines) =>
        lines.filter((line) => !line.includes('parent 7')),
      );
      expect((await refusal(missing)).message).toContain('table b_parents has 29 rows, its header says 30');
    });

    it('what is not a backup, or not one this build reads', async () => {
      const text = join(scratch, 'text.txt');
      await writeFile(text, 'hello');
      await expect(openBackup(text)).rejects.toMatchObject({ code: 'BACKUP_NOT_A_BACKUP' });
      const other = join(scratch, 'other.gz');
      await writeFile(other, gzipSync('{"hello":"world"}\n'));
      await expect(openBackup(other)).rejects.toMatchObject({ code: 'BACKUP_NOT_A_BACKUP' });
      const future = join(scratch, 'future.gz');
      await writeFile(future, gzipSync('{"format":"claimtrail-backup","formatVersion":2}\n'));
      await expect(openBackup(future)).rejects.toMatchObject({ code: 'BACKUP_FORMAT_UNSUPPORTED' });
      await expect(openBackup(join(scratch, 'absent.gz'))).rejects.toMatchObject({
        code: 'BACKUP_FILE_MISSING',
      });
    });
  });

  it("moves the server's transaction counter past a target and leaves nothing behind", async () => {
    const start = await nextTransactionId(target);
    const used = await advanceTransactionIds(target, start + 2_500n);
    expect(used).toBeGreaterThanOrEqual(2_500);
    expect(await nextTransactionId(target)).toBeGreaterThanOrEqual(start + 2_500n);
    expect(await advanceTransactionIds(target, start)).toBe(0);
    const { rows } = await target.query(`SELECT to_regclass('pg_temp.claimtrail_transaction_ids') AS t`);
    expect(rows[0].t).toBeNull();
  });
});
