import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, stat, truncate, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DATA_DIR_LOCK_FILE } from './data-dir-lock.js';
import { DamagedDatabaseError } from './database.errors.js';
import { resolveDatabase } from './resolve-database.js';

const ROWS = 5_000;
const MARKER = 'PATIENT-MARKER';

async function countVisits(dataDir: string): Promise<number> {
  const database = await resolveDatabase({ embeddedDataDir: dataDir });
  const pool = new pg.Pool({ connectionString: database.url, max: database.poolSize });
  try {
    return (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM visits')).rows[0]!.n;
  } finally {
    await pool.end();
    await database.close();
  }
}

describe('a damaged embedded data directory', () => {
  let scratch: string;
  let pristine: string;
  /** The heap file of table visits, relative to the data directory. */
  let visitsFile: string;
  let copies = 0;

  const copyOfPristine = async () => {
    const dataDir = join(scratch, `copy-${++copies}`);
    await cp(pristine, dataDir, { recursive: true });
    return dataDir;
  };

  async function expectRefused(dataDir: string, reason: string): Promise<string> {
    const error = await resolveDatabase({ embeddedDataDir: dataDir }).then(
      async (database) => {
        await database.close();
        throw new Error('a damaged data directory was served');
      },
      (refusal: unknown) => refusal,
    );
    expect(error).toBeInstanceOf(DamagedDatabaseError);
    const message = (error as Error).message;
    expect(message).toContain(`The embedded database in ${dataDir} is damaged: ${reason}`);
    expect(message).toContain('Restore the directory from a backup, or move it aside');
    expect(message).not.toContain(MARKER);
    // Refusing hands the directory back: nothing holds it any more.
    expect(existsSync(join(dataDir, DATA_DIR_LOCK_FILE))).toBe(false);
    return message;
  }

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'claimtrail-damage-'));
    pristine = join(scratch, 'pristine');
    const database = await resolveDatabase({ embeddedDataDir: pristine });
    const pool = new pg.Pool({ connectionString: database.url, max: database.poolSize });
    try {
      await pool.query('CREATE TABLE visits (id integer PRIMARY KEY, note text NOT NULL)');
      await pool.query(
        `INSERT INTO visits SELECT g, '${MARKER} ' || g || repeat('x', 80) FROM generate_series(1, ${ROWS}) g`,
      );
      visitsFile = (await pool.query("SELECT pg_relation_filepath('visits') AS path")).rows[0].path;
    } finally {
      await pool.end();
      await database.close();
    }
  });

  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('serves an intact copy with every row (the copies below are sound before they are damaged)', async () => {
    const dataDir = await copyOfPristine();
    expect((await stat(join(dataDir, visitsFile))).size).toBeGreaterThan(8192 * 10);
    expect(await countVisits(dataDir)).toBe(ROWS);
  });

  it('refuses a directory whose control file is missing, and initialises nothing over it', async () => {
    const dataDir = await copyOfPristine();
    await unlink(join(dataDir, 'global', 'pg_control'));
    const { size } = await stat(join(dataDir, visitsFile));

    await expectRefused(dataDir, 'its control file global/pg_control is missing');
    expect(existsSync(join(dataDir, 'global', 'pg_control'))).toBe(false);
    expect((await stat(join(dataDir, visitsFile))).size).toBe(size);
  });

  it('refuses a directory without PG_VERSION instead of initialising a new database over it', async () => {
    const dataDir = await copyOfPristine();
    await unlink(join(dataDir, 'PG_VERSION'));

    await expectRefused(dataDir, 'it is not empty but has no PG_VERSION file');
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(false);
  });

  it('refuses a directory whose control file is cut short', async () => {
    const dataDir = await copyOfPristine();
    await truncate(join(dataDir, 'global', 'pg_control'), 100);

    await expectRefused(dataDir, 'PostgreSQL could not start on it');
  });

  it('refuses a table whose file was cut to half its size, naming the table and no row values', async () => {
    const dataDir = await copyOfPristine();
    const file = join(dataDir, visitsFile);
    await truncate(file, Math.floor((await stat(file)).size / 2 / 8192) * 8192);

    await expectRefused(dataDir, 'table visits cannot be read through its primary key (SQLSTATE XX001)');
  });

  it('refuses a table whose file is gone', async () => {
    const dataDir = await copyOfPristine();
    await unlink(join(dataDir, visitsFile));

    await expectRefused(dataDir, 'table visits cannot be read through its primary key');
  });
});
