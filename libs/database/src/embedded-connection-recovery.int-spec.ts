import pg from 'pg';
import { resolveDatabase, type ResolvedDatabase } from './resolve-database.js';

// Always the embedded database, whatever DATABASE_URL says: this is where one failed statement used to break the
// only connection for good.
describe('the embedded database after a failed statement', () => {
  let database: ResolvedDatabase;
  let pool: pg.Pool;

  const insert = (id: number, note: string) => ({
    name: 'recovery_insert',
    text: 'INSERT INTO notes (id, note) VALUES ($1, $2) RETURNING id',
    values: [id, note],
  });
  const countNotes = () => ({
    name: 'recovery_count',
    text: 'SELECT count(*)::int AS n FROM notes WHERE id > $1',
    values: [0],
  });
  const count = async () => (await pool.query<{ n: number }>(countNotes())).rows[0]!.n;

  /** Every kind of later use works: the same named statements, an unnamed one, a read, and a transaction. */
  async function expectHealthy(): Promise<void> {
    const before = await count();
    const id = before + 1_000;
    expect((await pool.query(insert(id, 'after the failure'))).rows).toEqual([{ id }]);
    expect((await pool.query('SELECT note FROM notes WHERE id = $1', [id])).rows).toEqual([
      { note: 'after the failure' },
    ]);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(insert(id + 1, 'in a transaction'));
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(await count()).toBe(before + 2);
  }

  beforeAll(async () => {
    database = await resolveDatabase({ embeddedDataDir: 'memory' });
    pool = new pg.Pool({ connectionString: database.url, max: database.poolSize });
    pool.on('error', () => undefined);
    await pool.query('CREATE TABLE notes (id integer PRIMARY KEY, note text NOT NULL)');
    // Prepare both named statements on the first connection, as the event store does on its first append.
    await pool.query(insert(1, 'first'));
    expect(await count()).toBe(1);
  });

  afterAll(async () => {
    await pool?.end();
    await database?.close();
  });

  it('recovers from a failed Bind of a named statement (a NUL byte in a text parameter)', async () => {
    await expect(pool.query(insert(2, 'nul \u0000 byte'))).rejects.toThrow(/0x00/);
    await expectHealthy();
  });

  it('recovers from JSON with an escaped NUL in a named statement, as an event append sends it', async () => {
    const append = {
      name: 'recovery_append',
      text: 'SELECT jsonb_array_length($1::jsonb) AS n',
      values: [JSON.stringify([{ note: 'nul \u0000 escaped' }])],
    };
    await expect(pool.query(append)).rejects.toThrow(/unsupported Unicode escape sequence/);
    await expectHealthy();
    expect((await pool.query({ ...append, values: ['[{"note":"clean"}]'] })).rows).toEqual([{ n: 1 }]);
  });

  it('recovers from a failed Parse of a named statement', async () => {
    await expect(
      pool.query({ name: 'recovery_broken', text: 'SELEKT $1::int', values: [1] }),
    ).rejects.toThrow(/syntax error/);
    await expectHealthy();
  });

  it('recovers from a failed Execute of an unnamed statement', async () => {
    await expect(
      pool.query('INSERT INTO notes (id, note) VALUES ($1, $2)', [1, 'duplicate']),
    ).rejects.toThrow(/duplicate key/);
    await expectHealthy();
  });

  it('recovers from a failed Execute of a named statement', async () => {
    await expect(pool.query(insert(1, 'duplicate'))).rejects.toThrow(/duplicate key/);
    await expectHealthy();
  });

  it('recovers from a failed simple query', async () => {
    await expect(pool.query('SELECT 1/0')).rejects.toThrow(/division by zero/);
    await expectHealthy();
  });

  it('recovers from a failure inside a transaction and keeps none of its writes', async () => {
    const before = await count();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(insert(5_000, 'rolled back'));
      await expect(client.query(insert(5_001, 'nul \u0000 byte'))).rejects.toThrow(/0x00/);
      await expect(client.query(countNotes())).rejects.toThrow(/current transaction is aborted/);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await count()).toBe(before);
    await expectHealthy();
  });

  it('recovers when a connection is dropped inside a failed transaction, and keeps none of its writes', async () => {
    const before = await count();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(insert(6_000, 'never committed'));
      await expect(client.query(insert(6_001, 'nul \u0000 byte'))).rejects.toThrow(/0x00/);
    } finally {
      // As a pool user does on an unexpected error: the connection is dropped, not rolled back by the caller.
      client.release(new Error('dropped'));
    }
    expect(await count()).toBe(before);
    await expectHealthy();
  });

  it('gives each new connection a fresh session: no statement, setting or transaction of the last one', async () => {
    const client = await pool.connect();
    try {
      await client.query({ name: 'recovery_leftover', text: 'SELECT $1::int AS n', values: [1] });
      await client.query("SET statement_timeout = '1234s'");
      await client.query('BEGIN');
      await client.query(insert(7_000, 'left open'));
    } finally {
      client.release(new Error('dropped'));
    }
    expect(
      (await pool.query({ name: 'recovery_leftover', text: 'SELECT $1::int AS n', values: [2] })).rows,
    ).toEqual([{ n: 2 }]);
    expect((await pool.query('SHOW statement_timeout')).rows).toEqual([{ statement_timeout: '0' }]);
    expect((await pool.query('SELECT count(*)::int AS n FROM notes WHERE id = 7000')).rows).toEqual([
      { n: 0 },
    ]);
    await expectHealthy();
  });

  it('keeps no half-run batch of a connection that left before its Sync', async () => {
    const before = await count();
    const client = await pool.connect();
    // pg reports the replies to messages it did not send itself as errors; they are expected here.
    client.on('error', () => undefined);
    // The extended protocol by hand: Parse, Bind and Execute an insert, then leave without the Sync that ends it.
    const connection = (client as unknown as { connection: LowLevelConnection }).connection;
    const executed = new Promise<void>((resolve) => connection.once('commandComplete', resolve));
    connection.parse({ text: 'INSERT INTO notes (id, note) VALUES (8000, $1)', name: '', types: [] });
    connection.bind({ statement: '', values: ['never synced'] });
    connection.execute({ portal: '', rows: 0 });
    connection.flush();
    await executed;
    client.release(new Error('dropped'));
    expect(await count()).toBe(before);
    await expectHealthy();
  });
});

interface LowLevelConnection {
  parse(query: { text: string; name: string; types: number[] }): void;
  bind(config: { statement: string; values: unknown[] }): void;
  execute(config: { portal: string; rows: number }): void;
  flush(): void;
  once(event: 'commandComplete', listener: () => void): void;
}
