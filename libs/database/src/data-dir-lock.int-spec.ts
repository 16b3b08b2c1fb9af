import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, realpath, rm, unlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import swc from '@swc/core';
import { acquireDataDirLock, DATA_DIR_LOCK_FILE } from './data-dir-lock.js';
import { DataDirLockedError, type DataDirOwner } from './database.errors.js';
import { resolveDatabase } from './resolve-database.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The lock code as plain ESM in a temp folder, so that a child node process runs exactly what the library runs. */
async function compileLockForChildren(into: string): Promise<string> {
  for (const file of ['data-dir-lock', 'database.errors']) {
    const { code } = await swc.transformFile(join(here, `${file}.ts`), {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
    });
    await writeFile(join(into, `${file}.js`), code);
  }
  const child = join(into, 'hold-lock.mjs');
  await writeFile(
    child,
    `import { acquireDataDirLock } from './data-dir-lock.js';
try {
  await acquireDataDirLock(process.argv[2]);
  process.stdout.write('locked\\n');
  setInterval(() => undefined, 60_000);
} catch (error) {
  process.stdout.write('refused ' + error.code + '\\n');
}
`,
  );
  return child;
}

describe('one owner of an embedded data directory', () => {
  let scratch: string;
  let holdLock: string;
  const children: ChildProcess[] = [];

  /** A child process that takes the lock of dataDir and reports 'locked' or 'refused <code>'. */
  async function startChild(dataDir: string): Promise<{ child: ChildProcess; outcome: string }> {
    const child = spawn(process.execPath, [holdLock, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    const [line] = (await once(child.stdout!, 'data')) as [Buffer];
    return { child, outcome: line.toString().trim() };
  }

  async function kill9(child: ChildProcess): Promise<void> {
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  const newDataDir = async () => realpath(await mkdtemp(join(scratch, 'data-')));
  const lockRecord = (owner: Partial<DataDirOwner>) =>
    JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z', ...owner });

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'claimtrail-lock-'));
    holdLock = await compileLockForChildren(scratch);
  });

  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(scratch, { recursive: true, force: true });
  });

  it('refuses a directory another process holds, naming the directory and that process', async () => {
    const dataDir = await newDataDir();
    const { child, outcome } = await startChild(dataDir);
    expect(outcome).toBe('locked');

    const refusal = resolveDatabase({ embeddedDataDir: dataDir });
    await expect(refusal).rejects.toThrow(DataDirLockedError);
    const message = ((await refusal.catch((error: unknown) => error)) as Error).message;
    expect(message).toContain(dataDir);
    expect(message).toContain(`process ${child.pid} on host ${hostname()} since 20`);
    // Refused before PGlite touched the directory.
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(false);
    await kill9(child);
  });

  it('refuses a second open in the same process, and takes the directory once the first is closed', async () => {
    const dataDir = await newDataDir();
    const first = await resolveDatabase({ embeddedDataDir: dataDir });
    try {
      await expect(resolveDatabase({ embeddedDataDir: dataDir })).rejects.toThrow(
        `The embedded data directory ${dataDir} is in use by process ${process.pid}`,
      );
    } finally {
      await first.close();
    }
    expect(existsSync(join(dataDir, DATA_DIR_LOCK_FILE))).toBe(false);
    const second = await resolveDatabase({ embeddedDataDir: dataDir });
    await second.close();
  });

  it('is not blocked by the lock of a process killed with kill -9', async () => {
    const dataDir = await newDataDir();
    const { child, outcome } = await startChild(dataDir);
    expect(outcome).toBe('locked');
    await kill9(child);
    expect(JSON.parse(await readFile(join(dataDir, DATA_DIR_LOCK_FILE), 'utf8')).pid).toBe(child.pid);

    const restarted = await resolveDatabase({ embeddedDataDir: dataDir });
    try {
      expect(JSON.parse(await readFile(join(dataDir, DATA_DIR_LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    } finally {
      await restarted.close();
    }
    expect(existsSync(join(dataDir, DATA_DIR_LOCK_FILE))).toBe(false);
  });

  it('takes over a lock whose pid now belongs to another process', async () => {
    const dataDir = await newDataDir();
    // This process is alive, but it did not start at tick 1.
    await writeFile(join(dataDir, DATA_DIR_LOCK_FILE), lockRecord({ startTicks: '1' }));
    const lock = await acquireDataDirLock(dataDir);
    await lock.release();
  });

  it('refuses a lock taken on another host and says what to do', async () => {
    const dataDir = await newDataDir();
    await writeFile(join(dataDir, DATA_DIR_LOCK_FILE), lockRecord({ pid: 4242, host: 'billing-02' }));
    await expect(acquireDataDirLock(dataDir)).rejects.toThrow(
      `is locked by process 4242 on host billing-02 since 2026-01-01T00:00:00.000Z; from host ${hostname()} it ` +
        `cannot be told whether that process still runs. If it does not, delete ${join(dataDir, DATA_DIR_LOCK_FILE)}`,
    );
  });

  it('still refuses when the live owner lost its lock file', async () => {
    const dataDir = await newDataDir();
    const { child, outcome } = await startChild(dataDir);
    expect(outcome).toBe('locked');
    await unlink(join(dataDir, DATA_DIR_LOCK_FILE));
    await expect(acquireDataDirLock(dataDir)).rejects.toThrow(DataDirLockedError);
    await kill9(child);
  });

  it('lets exactly one of several processes starting together take over a stale lock', async () => {
    const dataDir = await newDataDir();
    const { child, outcome } = await startChild(dataDir);
    expect(outcome).toBe('locked');
    await kill9(child);
    const outcomes = (await Promise.all([1, 2, 3, 4].map(() => startChild(dataDir)))).map((c) => c.outcome);
    expect(outcomes.sort()).toEqual([
      'locked',
      'refused DATA_DIR_LOCKED',
      'refused DATA_DIR_LOCKED',
      'refused DATA_DIR_LOCKED',
    ]);
  });
});
