import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock } from './data-dir-lock.js';
import { restrictToOwner } from './data-dir-permissions.js';
import { EmbeddedSocketServer } from './embedded-socket-server.js';

export interface EmbeddedDatabase {
  /** A pg connection string for the private socket; use it with a pool of one connection. */
  url: string;
  close(): Promise<void>;
}

/**
 * PGlite kept in dataDir ('memory' keeps nothing), served on a private unix socket to the ordinary pg driver.
 * A directory is owned by this process until close and readable by its owner only; one that another process
 * holds rejects with DataDirLockedError.
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
    db = await create(path);
    await restrictToOwner(path);
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
