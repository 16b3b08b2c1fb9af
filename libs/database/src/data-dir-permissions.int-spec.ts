import { chmod, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { resolveDatabase } from './resolve-database.js';

/**
 * Every path under root (root included) that grants any permission to its group or to others; strictly, also
 * every directory with more than 0700 and every file with more than 0600.
 */
async function openToOthers(root: string, strictly = false): Promise<string[]> {
  const found: string[] = [];
  const walk = async (path: string) => {
    const stats = await stat(path);
    const limit = strictly ? (stats.isDirectory() ? 0o700 : 0o600) : 0o700;
    if (stats.mode & 0o777 & ~limit) found.push(`${(stats.mode & 0o777).toString(8)} ${path}`);
    if (stats.isDirectory()) for (const entry of await readdir(path)) await walk(join(path, entry));
  };
  await walk(root);
  return found;
}

async function writeRows(dataDir: string): Promise<void> {
  const database = await resolveDatabase({ embeddedDataDir: dataDir });
  const pool = new pg.Pool({ connectionString: database.url, max: database.poolSize });
  try {
    await pool.query('CREATE TABLE IF NOT EXISTS visits (id integer PRIMARY KEY, note text NOT NULL)');
    await pool.query(
      `INSERT INTO visits SELECT g, 'note ' || g FROM generate_series(1, 500) g ON CONFLICT (id) DO NOTHING`,
    );
    expect(await openToOthers(dataDir)).toEqual([]);
  } finally {
    await pool.end();
    await database.close();
  }
}

describe('the embedded data directory', () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'claimtrail-modes-'));
    // As a shared machine often has it; the data directory must not depend on it.
    await chmod(scratch, 0o755);
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('is readable by its owner only, every file and directory in it, while open and after close', async () => {
    const dataDir = join(scratch, 'fresh', 'pgdata');
    await writeRows(dataDir);
    expect(await openToOthers(dataDir, true)).toEqual([]);
  });

  it('takes group and other access off an existing directory when it opens', async () => {
    const dataDir = join(scratch, 'loosened');
    await writeRows(dataDir);
    const loosen = async (path: string): Promise<void> => {
      const stats = await stat(path);
      await chmod(path, stats.isDirectory() ? 0o777 : 0o666);
      if (stats.isDirectory()) for (const entry of await readdir(path)) await loosen(join(path, entry));
    };
    await loosen(dataDir);
    expect((await openToOthers(dataDir)).length).toBeGreaterThan(100);

    await writeRows(dataDir);
    expect(await openToOthers(dataDir, true)).toEqual([]);
  });
});
