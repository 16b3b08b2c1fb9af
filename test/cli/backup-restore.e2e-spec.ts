import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createTestDatabase, type ResolvedDatabase } from '@claimtrail/database';
import type { RecordedEvent } from '@claimtrail/event-store';
import { buildApi, runCli, startApiProcess, type ApiProcess } from '../support/api-process.js';
import { submitClaimInput } from '../support/claim-inputs.js';
import { expectServedAsFolded } from '../support/folded-claim.js';
import { gql, mutation, randomCommand } from '../support/random-commands.js';

const CLIENTS = 8;
const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');
const IDENTITY = { lastName: 'Backupson', firstName: 'Restora', birthDate: '1970-07-07', memberId: 'MB-7' };

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The built CLI as an operator runs it, on the settings given (and nothing from this process's environment). */
async function cli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await runCli({ DATABASE_URL: '', ...env }, ...args);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

function ok(result: CliResult): CliResult {
  if (result.code !== 0) throw new Error(`claimtrail exited ${result.code}:\n${result.stderr}`);
  return result;
}

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!);

/** The positions of the events a backup file holds, in the file's order, read straight from the file. */
async function backupPositions(file: string): Promise<{ header: any; positions: string[] }> {
  const lines = gunzipSync(await readFile(file))
    .toString('utf8')
    .trim()
    .split('\n');
  const header = JSON.parse(lines[0]!);
  const events = header.tables.find((t: any) => t.name === 'events');
  const [xid, position] = ['transaction_id', 'position'].map((name) =>
    events.columns.findIndex((c: any) => c.name === name),
  ) as [number, number];
  const start = lines.indexOf('{"table":"events"}');
  const positions: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('[')) break;
    const row = JSON.parse(line) as string[];
    positions.push(`${row[xid]!.padStart(20, '0')}/${row[position]!.padStart(20, '0')}`);
  }
  return { header, positions };
}

/**
 * Keeps CLIENTS clients sending random commands to the API while `during` runs: from 100 acknowledged commands before
 * it until 50 more after it, so that whatever it does happens amid writes and the log goes on past it.
 */
async function underLoad<T>(url: string, pool: string[], tag: string, during: () => Promise<T>): Promise<T> {
  let acknowledged = 0;
  let stop = false;
  const client = async (c: number) => {
    for (let i = 0; !stop; i++) {
      const command = randomCommand(pool, `${tag}-${c}-${i}`);
      const result = await gql(url, mutation(command.name), { input: command.input });
      if (result.errors?.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR'))
        throw new Error(`Internal error on ${command.name}`);
      if (!result.errors) {
        acknowledged++;
        if (command.name === 'submitClaim') pool.push(command.input.claimId);
      }
    }
  };
  const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  try {
    while (acknowledged < 100) await new Promise((resolve) => setTimeout(resolve, 20));
    const result = await during();
    const after = acknowledged;
    while (acknowledged < after + 50) await new Promise((resolve) => setTimeout(resolve, 20));
    return result;
  } finally {
    stop = true;
    await load;
  }
}

const HISTORY = `query H($id: ID!) { claimHistory(id: $id) {
  type version position schemaVersion data recordedAt metadata { actor occurredAt commandId } } }`;

async function histories(url: string, claims: Iterable<string>): Promise<Map<string, RecordedEvent[]>> {
  const result = new Map<string, RecordedEvent[]>();
  for (const claimId of claims) {
    const { data, errors } = await gql(url, HISTORY, { id: claimId });
    if (errors?.[0]?.extensions?.code === 'NOT_FOUND') continue;
    expect(errors).toBeUndefined();
    result.set(claimId, data.claimHistory);
  }
  return result;
}

/** What is in the directory, with sizes and times: to tell that a refused restore touched nothing. */
async function snapshotOf(dir: string): Promise<string[] | undefined> {
  if (!existsSync(dir)) return undefined;
  const entries: string[] = [];
  const walk = async (path: string) => {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) await walk(full);
      else {
        const info = await stat(full);
        entries.push(`${full} ${info.size} ${info.mtimeMs}`);
      }
    }
  };
  await walk(dir);
  return entries.sort();
}

async function leftovers(parent: string): Promise<string[]> {
  return (await readdir(parent)).filter(
    (entry) => entry.includes('.restoring-') || entry.endsWith('.partial'),
  );
}

describe('claimtrail backup and restore', () => {
  let dir: string;
  let api: ApiProcess | undefined;

  beforeAll(async () => {
    buildApi('cli');
    dir = await mkdtemp(join(tmpdir(), 'ct-backup-'));
  }, 240_000);

  afterAll(async () => {
    api?.child.kill('SIGKILL');
    await api?.exited;
    await rm(dir, { recursive: true, force: true });
  });

  const stopApi = async () => {
    api?.child.kill('SIGTERM');
    await api?.exited;
    api = undefined;
  };

  describe('of the embedded database, taken while the API writes', () => {
    let source: string;
    let restored: string;
    let file: string;
    let backup: { header: any; positions: string[] };
    let sourceHistories: Map<string, RecordedEvent[]>;
    let withIdentity: string;
    const pool: string[] = [];

    beforeAll(async () => {
      source = join(dir, 'source');
      restored = join(dir, 'restored');
      file = join(dir, 'while-writing.ctbackup');
      api = await startApiProcess({ DATABASE_URL: '', CLAIMTRAIL_DATA_DIR: source });
      const seeded = submitClaimInput({ patient: IDENTITY });
      withIdentity = seeded.claimId;
      for (const input of [seeded, ...Array.from({ length: 11 }, () => submitClaimInput())]) {
        expect((await gql(api.url, mutation('submitClaim'), { input })).errors).toBeUndefined();
        pool.push(input.claimId);
      }

      const summary = await underLoad(api.url, pool, 'embedded', async () =>
        lastJson(ok(await cli({ CLAIMTRAIL_DATA_DIR: source }, 'backup', file)).stdout),
      );
      expect(summary).toMatchObject({ via: 'api', file });
      sourceHistories = await histories(api.url, new Set(pool));
      await stopApi();
      backup = await backupPositions(file);
    }, 300_000);

    it('writes the file for its owner only', async () => {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await leftovers(dir)).toEqual([]);
    });

    it('holds a gap-free prefix of the log: every event up to its head, none after', async () => {
      const { stdout } = ok(await cli({ CLAIMTRAIL_DATA_DIR: source }, 'export'));
      const log = stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).position as string);
      expect(backup.positions.length).toBe(backup.header.application.log.events);
      expect(backup.positions.length).toBeGreaterThan(100);
      expect(log.length).toBeGreaterThan(backup.positions.length);
      expect(backup.positions).toEqual(log.slice(0, backup.positions.length));
      expect(backup.header.application.log.head).toBe(backup.positions.at(-1));
      expect(backup.header.application.patientKeys).toMatchObject({ masterKeyIncluded: false });
      expect(backup.header.application.patientKeys.wrapped).toBeGreaterThan(0);
    });

    it('is not restored without the master key that wrapped its patient keys, leaving the target untouched', async () => {
      const result = await cli({ CLAIMTRAIL_DATA_DIR: restored }, 'restore', file);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('RESTORE_MASTER_KEY_MISSING');
      expect(existsSync(restored)).toBe(false);
      expect(await leftovers(dir)).toEqual([]);
    }, 180_000);

    it('restores into a fresh directory with the source key file: intact, read models equal to a rebuild', async () => {
      const result = ok(
        await cli(
          { CLAIMTRAIL_DATA_DIR: restored },
          'restore',
          file,
          '--master-key-file',
          join(source, 'patient-master.key'),
        ),
      );
      const report = lastJson(result.stdout);
      expect(report).toMatchObject({
        dataDir: restored,
        movedAside: null,
        events: backup.positions.length,
        head: backup.positions.at(-1),
        masterKey: 'file',
        integrity: { intact: true, checkedEvents: backup.positions.length },
      });
      expect(report.transactionIdsAdvanced).toBeGreaterThan(0);
      expect(report.readModels.length).toBeGreaterThan(0);
      for (const check of report.readModels)
        expect([check.projection, check.matches]).toEqual([check.projection, true]);
      // The restored directory's own key opens what the source's did.
      expect(await readFile(join(restored, 'patient-master.key'), 'utf8')).toBe(
        await readFile(join(source, 'patient-master.key'), 'utf8'),
      );
      expect(
        lastJson(ok(await cli({ CLAIMTRAIL_DATA_DIR: restored }, 'verify', '--all')).stdout),
      ).toMatchObject({
        intact: true,
        checkedEvents: backup.positions.length,
      });
    }, 240_000);

    it('serves, from the restored copy, each claim as the events in the backup make it, and takes new commands after them', async () => {
      api = await startApiProcess({ DATABASE_URL: '', CLAIMTRAIL_DATA_DIR: restored });
      const inBackup = new Set(backup.positions);
      const restoredHistories = await histories(api.url, new Set(pool));
      let compared = 0;
      for (const [claimId, events] of sourceHistories) {
        const expected = events.filter((event) => inBackup.has(event.position));
        expect([claimId, restoredHistories.get(claimId) ?? []]).toEqual([claimId, expected]);
        if (expected.length === 0) continue;
        await expectServedAsFolded(api.url, claimId, expected, backup.positions.at(-1)!);
        compared++;
      }
      expect(compared).toBeGreaterThanOrEqual(12);

      const identity = await gql(
        api.url,
        `query P($id: ID!) { claim(id: $id) { patient { lastName redacted } } }`,
        {
          id: withIdentity,
        },
      );
      expect(identity.data.claim.patient).toEqual({ lastName: IDENTITY.lastName, redacted: false });

      // A new event sorts after the restored log, and the read models see it.
      const fresh = submitClaimInput();
      const submitted = await gql(api.url, mutation('submitClaim'), { input: fresh });
      expect(submitted.errors).toBeUndefined();
      expect(submitted.data.submitClaim.position > backup.positions.at(-1)!).toBe(true);
      const read = await gql(
        api.url,
        `query C($id: ID!, $at: String) { claim(id: $id, atLeastPosition: $at) { status } }`,
        {
          id: fresh.claimId,
          at: submitted.data.submitClaim.position,
        },
      );
      expect(read.data.claim.status).toBe('SUBMITTED');
    }, 180_000);

    it('refuses while the API owns the target, naming it, and moves nothing', async () => {
      expect(api).toBeDefined();
      const result = await cli({ CLAIMTRAIL_DATA_DIR: restored }, 'restore', file, '--force');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^RESTORE_TARGET_IN_USE: .*is in use \(process \d+/m);
      await stopApi();
      expect((await readdir(dir)).filter((entry) => entry.includes('before-restore'))).toEqual([]);
      expect(await leftovers(dir)).toEqual([]);
    }, 120_000);

    it('refuses a directory that holds a database unless --force, which keeps the old one aside', async () => {
      const refused = await cli({ CLAIMTRAIL_DATA_DIR: restored }, 'restore', file);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('RESTORE_TARGET_NOT_EMPTY');

      const forced = lastJson(
        ok(await cli({ CLAIMTRAIL_DATA_DIR: restored }, 'restore', file, '--force')).stdout,
      );
      // The directory being replaced held the key: the restore takes it from there.
      expect(forced).toMatchObject({ masterKey: 'previous-data-dir', integrity: { intact: true } });
      expect(forced.movedAside).toMatch(/restored\.before-restore-/);
      expect(existsSync(join(forced.movedAside, 'PG_VERSION'))).toBe(true);
      expect(existsSync(join(forced.movedAside, 'claimtrail.lock'))).toBe(false);
    }, 240_000);

    it.each([
      ['cut short', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2)), 'BACKUP_CORRUPT'],
      [
        'with changed bytes',
        (bytes: Buffer) => {
          const copy = Buffer.from(bytes);
          for (let i = Math.floor(copy.length / 2); i < copy.length / 2 + 64; i++) copy[i] = copy[i]! ^ 0x5a;
          return copy;
        },
        'BACKUP_CORRUPT',
      ],
      ['that is not a backup', () => Buffer.from('not a backup\n'), 'BACKUP_NOT_A_BACKUP'],
    ])(
      'refuses a file %s and leaves the target as it was',
      async (_name, damage, code) => {
        const target = join(dir, 'restored');
        const damaged = join(dir, `damaged-${code}`);
        await writeFile(damaged, damage(await readFile(file)));
        const before = await snapshotOf(target);
        const result = await cli({ CLAIMTRAIL_DATA_DIR: target }, 'restore', damaged, '--force');
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`${code}: `);
        expect(await snapshotOf(target)).toEqual(before);
        expect(await leftovers(dir)).toEqual([]);
      },
      180_000,
    );

    it('refuses a file that is not there (a usage error) and a backup file that exists', async () => {
      const missing = await cli(
        { CLAIMTRAIL_DATA_DIR: join(dir, 'nowhere') },
        'restore',
        join(dir, 'absent'),
      );
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('BACKUP_FILE_MISSING');
      expect(existsSync(join(dir, 'nowhere'))).toBe(false);
      const exists = await cli({ CLAIMTRAIL_DATA_DIR: source }, 'backup', file);
      expect(exists.code).toBe(1);
      expect(exists.stderr).toContain('BACKUP_FILE_EXISTS');
    }, 60_000);
  });

  const pgTools = ['pg_dump', 'pg_restore'].every((tool) => {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

  onPostgres('of PostgreSQL (DATABASE_URL)', () => {
    let sourceDb: ResolvedDatabase;
    let sourceLog: string;
    let whileWriting: string;
    const targets: ResolvedDatabase[] = [];

    const exportOf = async (env: NodeJS.ProcessEnv) => ok(await cli(env, 'export')).stdout;

    beforeAll(async () => {
      sourceDb = await createTestDatabase();
      whileWriting = join(dir, 'postgres.ctbackup');
      api = await startApiProcess({ DATABASE_URL: sourceDb.url, PATIENT_MASTER_KEY: MASTER_KEY });
      const pool: string[] = [];
      for (let i = 0; i < 6; i++) {
        const input = submitClaimInput(i === 0 ? { patient: IDENTITY } : {});
        expect((await gql(api.url, mutation('submitClaim'), { input })).errors).toBeUndefined();
        pool.push(input.claimId);
      }
      const summary = await underLoad(api.url, pool, 'postgres', async () =>
        lastJson(ok(await cli({ DATABASE_URL: sourceDb.url }, 'backup', whileWriting)).stdout),
      );
      expect(summary).toMatchObject({ via: 'direct' });
      await stopApi();
      sourceLog = await exportOf({ DATABASE_URL: sourceDb.url });
    }, 180_000);

    afterAll(async () => {
      for (const target of targets) await target.close();
      await sourceDb?.close();
    });

    (pgTools ? it : it.skip)(
      `takes the documented path: pg_dump -Fc, pg_restore --clean --if-exists, restore --after-pg-restore, verify --all${
        pgTools ? '' : ' (SKIPPED: pg_dump/pg_restore are not installed)'
      }`,
      async () => {
        const target = await createTestDatabase();
        targets.push(target);
        const dump = join(dir, 'claimtrail.dump');
        execFileSync('pg_dump', ['-Fc', '-f', dump, sourceDb.url]);
        execFileSync('pg_restore', ['--clean', '--if-exists', '--no-owner', '-d', target.url, dump]);
        const report = lastJson(
          ok(await cli({ DATABASE_URL: target.url }, 'restore', '--after-pg-restore')).stdout,
        );
        expect(report.integrity).toMatchObject({ intact: true });
        for (const check of report.readModels)
          expect([check.projection, check.matches]).toEqual([check.projection, true]);
        expect(lastJson(ok(await cli({ DATABASE_URL: target.url }, 'verify', '--all')).stdout).intact).toBe(
          true,
        );
        expect(await exportOf({ DATABASE_URL: target.url })).toBe(sourceLog);
      },
      180_000,
    );

    it('backs up PostgreSQL under writes with claimtrail backup: a prefix of the log, restored into the embedded database', async () => {
      const { header, positions } = await backupPositions(whileWriting);
      const log = sourceLog.split('\n').filter(Boolean);
      expect(positions.length).toBe(header.application.log.events);
      expect(log.length).toBeGreaterThan(positions.length);
      expect(positions).toEqual(log.slice(0, positions.length).map((line) => JSON.parse(line).position));

      const embedded = join(dir, 'from-postgres');
      const refused = await cli({ DATABASE_URL: sourceDb.url }, 'restore', whileWriting);
      expect(refused.stderr).toContain('RESTORE_TARGET_UNSUPPORTED');
      const missingKey = await cli({ CLAIMTRAIL_DATA_DIR: embedded }, 'restore', whileWriting);
      expect(missingKey.stderr).toContain('RESTORE_MASTER_KEY_MISSING');
      const wrongKey = await cli(
        { CLAIMTRAIL_DATA_DIR: embedded, PATIENT_MASTER_KEY: Buffer.alloc(32, 8).toString('base64') },
        'restore',
        whileWriting,
      );
      expect(wrongKey.stderr).toContain('RESTORE_MASTER_KEY_MISMATCH');
      const env = { CLAIMTRAIL_DATA_DIR: embedded, PATIENT_MASTER_KEY: MASTER_KEY };
      const report = lastJson(ok(await cli(env, 'restore', whileWriting)).stdout);
      expect(report).toMatchObject({ integrity: { intact: true }, masterKey: 'configured' });
      for (const check of report.readModels)
        expect([check.projection, check.matches]).toEqual([check.projection, true]);
      const restored = (await exportOf(env)).split('\n').filter(Boolean);
      expect(restored).toEqual(log.slice(0, positions.length));
    }, 300_000);
  });
});
