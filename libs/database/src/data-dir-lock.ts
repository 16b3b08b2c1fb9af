import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, type DataDirOwner } from './database.errors.js';

export const DATA_DIR_LOCK_FILE = 'claimtrail.lock';

export interface DataDirLock {
  readonly path: string;
  release(): Promise<void>;
}

type Verdict = 'alive' | 'stale' | 'elsewhere';

/**
 * Makes this process the only one serving dataDir (an existing, resolved directory) until release.
 *
 * The lock is a file created with O_EXCL that records the owner; it is never refreshed, since PGlite can block
 * the event loop for seconds. A lock whose owner is gone (kill -9) is taken over: the pid is not alive, or it now
 * belongs to another process (another start time or boot). A lock from another host cannot be judged and is
 * refused. On Linux the process also binds an abstract unix socket named after the directory, which the kernel
 * frees when the process dies: taking over a stale lock happens only while holding it, so two processes starting
 * together cannot both take over, and a live owner is found even if someone deleted its lock file.
 */
export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const path = join(dataDir, DATA_DIR_LOCK_FILE);
  const guard = await holdGuard(dataDir);
  if (guard === 'held') {
    const owner = await readOwner(path);
    throw lockedError(dataDir, path, typeof owner === 'object' ? owner : undefined, 'alive');
  }
  try {
    const record = `${JSON.stringify(currentOwner())}\n`;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await create(path, record)) return { path, release: () => release(path, record, guard) };
      const owner = await readOwner(path);
      if (owner === 'missing') continue;
      // A half-written lock: with the guard, its writer died before finishing (a live one would hold the guard).
      const verdict = owner === 'unreadable' ? (guard ? 'stale' : 'elsewhere') : judge(owner);
      if (verdict !== 'stale')
        throw lockedError(dataDir, path, typeof owner === 'object' ? owner : undefined, verdict);
      await unlink(path).catch(ignoreMissing);
    }
    throw new DataDirLockedError(
      dataDir,
      undefined,
      `Could not take ${path}: other processes keep taking it.`,
    );
  } catch (error) {
    await closeGuard(guard);
    throw error;
  }
}

function currentOwner(): DataDirOwner {
  return {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    bootId: bootId(),
    startTicks: startTicks(process.pid),
  };
}

function judge(owner: DataDirOwner): Verdict {
  if (owner.host !== hostname()) return 'elsewhere';
  const boot = bootId();
  if (boot && owner.bootId && owner.bootId !== boot) return 'stale';
  if (!isAlive(owner.pid)) return 'stale';
  const ticks = startTicks(owner.pid);
  if (ticks && owner.startTicks && ticks !== owner.startTicks) return 'stale';
  return 'alive';
}

function lockedError(
  dataDir: string,
  path: string,
  owner: DataDirOwner | undefined,
  verdict: Verdict,
): DataDirLockedError {
  if (!owner) {
    const message =
      verdict === 'alive'
        ? `The embedded data directory ${dataDir} is in use by another process on this host (its lock file ` +
          `${path} is missing or unreadable). Stop that process, or set CLAIMTRAIL_DATA_DIR to another directory.`
        : `The embedded data directory ${dataDir} has a lock file ${path} that cannot be read. If no process ` +
          'uses the directory, delete that file and start again.';
    return new DataDirLockedError(dataDir, undefined, message);
  }
  const holder = `process ${owner.pid} on host ${owner.host} since ${owner.since}`;
  const message =
    verdict === 'elsewhere'
      ? `The embedded data directory ${dataDir} is locked by ${holder}; from host ${hostname()} it cannot be ` +
        `told whether that process still runs. If it does not, delete ${path} and start again.`
      : `The embedded data directory ${dataDir} is in use by ${holder}` +
        `${owner.pid === process.pid ? ' (this process)' : ''}. Stop that process, or set CLAIMTRAIL_DATA_DIR ` +
        'to another directory.';
  return new DataDirLockedError(dataDir, owner, message);
}

/** Creates the lock file only if there is none (O_EXCL), owner-only, and flushes it before anyone can act on it. */
async function create(path: string, record: string): Promise<boolean> {
  let file;
  try {
    file = await open(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await file.writeFile(record);
    await file.sync();
  } finally {
    await file.close();
  }
  return true;
}

async function readOwner(path: string): Promise<DataDirOwner | 'missing' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const owner = JSON.parse(text) as Partial<DataDirOwner>;
    if (Number.isInteger(owner.pid) && typeof owner.host === 'string' && typeof owner.since === 'string') {
      return owner as DataDirOwner;
    }
  } catch {
    // Falls through: not a lock this code wrote whole.
  }
  return 'unreadable';
}

async function release(path: string, record: string, guard: Server | undefined): Promise<void> {
  try {
    // Only our own record: a lock someone took over after judging ours stale is theirs to remove.
    if ((await readFile(path, 'utf8').catch(() => undefined)) === record)
      await unlink(path).catch(ignoreMissing);
  } finally {
    await closeGuard(guard);
  }
}

function holdGuard(dataDir: string): Promise<Server | 'held' | undefined> {
  if (process.platform !== 'linux') return Promise.resolve(undefined);
  const name = `\0claimtrail-data-dir-${createHash('sha256').update(dataDir).digest('hex').slice(0, 40)}`;
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolve('held') : reject(error),
    );
    server.listen(name, () => resolve(server.unref()));
  });
}

function closeGuard(guard: Server | 'held' | undefined): Promise<void> {
  if (!guard || guard === 'held') return Promise.resolve();
  return new Promise((resolve) => guard.close(() => resolve()));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function bootId(): string | undefined {
  return readProc('/proc/sys/kernel/random/boot_id')?.trim();
}

/** Field 22 of /proc/<pid>/stat, after the command name in parentheses, which may itself hold spaces. */
function startTicks(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
