import { mkdir, mkdtemp, readdir, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock, DATA_DIR_LOCK_FILE } from './data-dir-lock.js';
import { restrictToOwner } from './data-dir-permissions.js';
import { DamagedDatabaseError } from './database.errors.js';
import { findUnreadableTable } from './embedded-integrity-check.js';
import { EmbeddedSocketServer } from './embedded-socket-server.js';

export interface EmbeddedDatabase {
  /** A pg connection string for the private socket; use it with a pool of one connection. */
  url: string;
  close(): Promise<void>;
}

/**
 * PGlite kept in dataDir ('memory' keeps nothing), served on a private unix socket to the ordinary pg driver.
 * A directory is owned by this process until close, readable by its owner only, and served only if it looks
 * whole: a damaged one rejects with DamagedDatabaseError, a directory another process holds with
 * DataDirLockedError.
 */
export async function openEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dataDir === 'memory') {
    const db = await PGlite.create();
    return serve(db, () => db.close());
  }
  const opened = await openDataDir(resolve(dataDir), (path) => PGlite.create(path));
  return serve(opened.db, opened.close);
}

async function openDataDir(
  dataDir: string,
  create: (path: string) => Promise<PGlite>,
): Promise<{ db: PGlite; close(): Promise<void> }> {
  // Worker threads share the process umask and may not set it; the mode walk below covers them.
  if (isMainThread) process.umask(0o077);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = await realpath(dataDir);
  const lock = await acquireDataDirLock(path);
  let db: PGlite | undefined;
  try {
    await restrictToOwner(path);
    const existing = await checkClusterFiles(path);
    try {
      db = await create(path);
    } catch (cause) {
      // PGlite's own failures on a damaged directory are WebAssembly aborts that say nothing useful.
      if (existing) throw new DamagedDatabaseError(path, 'PostgreSQL could not start on it', { cause });
      throw cause;
    }
    await restrictToOwner(path);
    const unreadable = await findUnreadableTable(db);
    if (unreadable) {
      throw new DamagedDatabaseError(
        path,
        `table ${unreadable.table} cannot be read through its primary key (SQLSTATE ${unreadable.code})`,
        { cause: unreadable.cause },
      );
    }
  } catch (error) {
    await db?.close().catch(() => undefined);
    await lock.release();
    throw error;
  }
  const opened = db;
  return {
    db: opened,
    close: async () => {
      try {
        await opened.close();
        await restrictToOwner(path);
      } finally {
        await lock.release();
      }
    },
  };
}

/**
 * Whether dataDir already holds a cluster, refusing one that is incomplete. PGlite initialises any directory
 * without PG_VERSION, over whatever files it holds, and aborts unreadably without global/pg_control.
 */
async function checkClusterFiles(dataDir: string): Promise<boolean> {
  const entries = (await readdir(dataDir)).filter((entry) => entry !== DATA_DIR_LOCK_FILE);
  if (entries.length === 0) return false;
  if (!(await isFile(join(dataDir, 'PG_VERSION')))) {
    throw new DamagedDatabaseError(dataDir, 'it is not empty but has no PG_VERSION file');
  }
  if (!(await isFile(join(dataDir, 'global', 'pg_control')))) {
    throw new DamagedDatabaseError(dataDir, 'its control file global/pg_control is missing');
  }
  return true;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** closeDb closes db and whatever else it holds, after the server has stopped using it. */
async function serve(db: PGlite, closeDb: () => Promise<void>): Promise<EmbeddedDatabase> {
  // A short path keeps the socket under the unix limit of about 100 bytes, wherever the project lives.
  const socketDir = await mkdtemp(join(tmpdir(), 'ct-pg-'));
  const server = new EmbeddedSocketServer(db, join(socketDir, '.s.PGSQL.5432'));
  const close = async () => {
    try {
      await server.stop();
      await closeDb();
    } finally {
      await rm(socketDir, { recursive: true, force: true });
    }
  };
  try {
    await server.start();
  } catch (error) {
    await close();
    throw error;
  }
  return { url: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}`, close };
}
