import { randomBytes } from 'node:crypto';
import { mkdir, readdir, realpath, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import {
  acquireDataDirLock,
  BackupError,
  DATA_DIR_LOCK_FILE,
  DataDirLockedError,
  DEFAULT_EMBEDDED_DATA_DIR,
  loadLogicalDump,
  openBackup,
  openDataSource,
  poolOf,
  resolveDatabase,
  type BackupContents,
} from '@claimtrail/database';
import { checkMasterKey, MASTER_KEY_FILE, MasterKeyring, readMasterKeyFile } from '@claimtrail/patients';
import type { ReadModel } from '@claimtrail/projections';
import type pg from 'pg';
import type { ClaimTrailConfig } from '../claimtrail.config.js';
import { claimTrailSchema } from '../claimtrail.module.js';
import { checkRestoredDatabase, type RestoredCheck, type RestoreProgress } from './check-restored.js';
import {
  MASTER_KEY_EXTRA,
  type ClaimTrailBackupHeader,
  type ClaimTrailBackupInfo,
} from './claimtrail-backup.js';

export interface RestoreOptions {
  /** Move a data directory that holds a database aside (never delete it) and restore in its place. */
  force: boolean;
  /** A patient-master.key to restore with (the backup's keys must open with it). */
  masterKeyFile?: string;
  readModels: readonly ReadModel[];
  /** An application context on the given settings (the CLI's composition root); closed by the caller. */
  openApp(config: ClaimTrailConfig): Promise<INestApplicationContext>;
  progress: RestoreProgress;
}

type MigrationClass = new () => { name?: string };

/** Where the restored database's master key came from. */
export type MasterKeyChoice = 'configured' | 'file' | 'backup' | 'previous-data-dir' | 'not-needed';

export interface RestoreReport extends RestoredCheck {
  dataDir: string;
  /** Where the database that was there went; null when the directory was empty. */
  movedAside: string | null;
  backup: { createdAt: string; claimtrailVersion: string; source: string; migrations: number };
  rows: number;
  events: number;
  head: string | null;
  /** Migrations this build has that the backup had not run, run after loading it. */
  migrated: string[];
  masterKey: MasterKeyChoice;
}

/**
 * Restores a backup file into the embedded data directory of config. Checks the file's header, then loads it into a
 * new directory beside the target at the backup's own migrations, runs this build's newer ones, checks it
 * (checkRestoredDatabase), and only then swaps it in: a damaged file, a wrong master key or a broken log leaves the
 * target as it was. The target's lock is held throughout, so the API cannot start on it meanwhile.
 */
export async function restoreEmbedded(
  config: ClaimTrailConfig,
  file: string,
  options: RestoreOptions,
): Promise<RestoreReport> {
  const contents = await openBackup<ClaimTrailBackupInfo>(file);
  const { header } = contents;
  if (!header.application?.log || !header.application.patientKeys)
    throw new BackupError('BACKUP_NOT_A_BACKUP', `${file} is a backup of something other than ClaimTrail`);
  const migrations = migrationsOf(header, options.readModels);
  if (config.eventStore.kind === 'eventstoredb')
    throw new BackupError(
      'RESTORE_TARGET_UNSUPPORTED',
      'EVENT_STORE=eventstoredb: a backup file holds a PostgreSQL log, which this configuration would not read',
    );
  if (config.database.url)
    throw new BackupError(
      'RESTORE_TARGET_UNSUPPORTED',
      'DATABASE_URL names a PostgreSQL server: restore it with pg_restore and then `claimtrail restore ' +
        '--after-pg-restore` (docs/operations.md), or unset DATABASE_URL to restore into the embedded database',
    );
  if (config.database.embeddedDataDir === 'memory')
    throw new BackupError(
      'RESTORE_TARGET_UNSUPPORTED',
      'CLAIMTRAIL_DATA_DIR=memory keeps nothing to restore into',
    );
  const requested = resolve(config.database.embeddedDataDir ?? DEFAULT_EMBEDDED_DATA_DIR);
  // A directory made here only to hold the lock goes again if the restore fails.
  const made = await mkdir(requested, { recursive: true, mode: 0o700 });
  const target = await realpath(requested);
  let lock;
  try {
    lock = await acquireDataDirLock(target);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      const owner = error.owner;
      const holder = owner ? ` (process ${owner.pid} on host ${owner.host}, since ${owner.since})` : '';
      throw new BackupError(
        'RESTORE_TARGET_IN_USE',
        `${target} is in use${holder}: stop the API before restoring, a restore replaces the whole directory`,
        { cause: error },
      );
    }
    throw error;
  }
  let restored = false;
  try {
    const existing = (await readdir(target)).filter((entry) => entry !== DATA_DIR_LOCK_FILE);
    if (existing.length > 0 && !options.force)
      throw new BackupError(
        'RESTORE_TARGET_NOT_EMPTY',
        `${target} is not empty. Give --force to move it aside (it is kept, renamed) and restore in its place, ` +
          'or set CLAIMTRAIL_DATA_DIR to an empty directory',
      );
    const fileKey = await expectSomeMasterKey(config, header, target, options.masterKeyFile);
    const staging = join(dirname(target), `.${basename(target)}.restoring-${randomBytes(4).toString('hex')}`);
    try {
      const masterKey = await load(config, contents, migrations.applied, staging, target, fileKey, options);
      const app = await options.openApp({
        ...config,
        database: { ...config.database, embeddedDataDir: staging },
      });
      let check: RestoredCheck;
      try {
        check = await checkRestoredDatabase(app, options.readModels, header, options.progress);
      } finally {
        await app.close();
      }
      const movedAside = await swap(staging, target, existing.length > 0);
      restored = true;
      return {
        dataDir: target,
        movedAside,
        backup: {
          createdAt: header.createdAt,
          claimtrailVersion: header.application.claimtrailVersion,
          source: header.application.source,
          migrations: header.migrations.length,
        },
        rows: header.tables.reduce((sum, table) => sum + table.rows, 0),
        events: header.application.log.events,
        head: header.application.log.head,
        migrated: migrations.newer,
        masterKey,
        ...check,
      };
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
  } finally {
    await lock.release();
    if (!restored && made) await rm(made, { recursive: true, force: true });
  }
}

/** The backup's migrations, all of which this build must know, and this build's that the backup had not run. */
function migrationsOf(
  header: ClaimTrailBackupHeader,
  readModels: readonly ReadModel[],
): { applied: MigrationClass[]; newer: string[] } {
  const known = (claimTrailSchema(readModels).migrations as MigrationClass[]).map((migration) => ({
    migration,
    name: new migration().name ?? migration.name,
  }));
  const names = new Set(known.map((k) => k.name));
  const unknown = header.migrations.filter((name) => !names.has(name));
  if (unknown.length > 0)
    throw new BackupError(
      'BACKUP_TOO_NEW',
      `The backup was made by a newer ClaimTrail (${header.application.claimtrailVersion}): ` +
        `${unknown.length} of its migrations are unknown here, the first ${unknown[0]}. Restore it with that version`,
    );
  const applied = new Set(header.migrations);
  return {
    applied: known.filter((k) => applied.has(k.name)).map((k) => k.migration),
    newer: known.filter((k) => !applied.has(k.name)).map((k) => k.name),
  };
}

/**
 * A new database in staging with the backup's migrations, the backup loaded into it and its transaction counter
 * still where a new cluster's is; then the master key it is to use, checked against its patient keys and written into
 * staging when it is not configured.
 */
async function load(
  config: ClaimTrailConfig,
  contents: BackupContents<ClaimTrailBackupInfo>,
  migrations: MigrationClass[],
  staging: string,
  target: string,
  fileKey: Buffer | undefined,
  options: RestoreOptions,
): Promise<MasterKeyChoice> {
  const { header } = contents;
  const total = header.tables.reduce((sum, table) => sum + table.rows, 0);
  options.progress.step(
    `Loading ${total} rows of ${header.tables.length} tables into a new database in ${staging}`,
  );
  const database = await resolveDatabase({ embeddedDataDir: staging });
  try {
    const dataSource = await openDataSource(database, { entities: [], migrations });
    try {
      const client = await poolOf(dataSource).connect();
      try {
        const bar = options.progress.bar('rows');
        const started = Date.now();
        let extras;
        try {
          extras = await loadLogicalDump(client, contents, {
            onProgress: (rows, all) =>
              bar.update(rows, all, rows / Math.max((Date.now() - started) / 1000, 0.001)),
          });
        } finally {
          bar.stop();
        }
        const included = extras.find((extra) => extra.extra === MASTER_KEY_EXTRA)?.key;
        const { choice, key } = await chooseMasterKey(
          client,
          config,
          header,
          typeof included === 'string' ? Buffer.from(included, 'base64') : undefined,
          target,
          fileKey && { path: options.masterKeyFile!, key: fileKey },
        );
        if (key)
          await writeFile(join(staging, MASTER_KEY_FILE), `${key.toString('base64')}\n`, { mode: 0o600 });
        return choice;
      } finally {
        client.release();
      }
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await database.close();
  }
}

/**
 * The master key the restored database will open its patient keys with, and the key to write into its data
 * directory (none when configured or not needed). An explicit key (PATIENT_MASTER_KEY with any
 * PATIENT_MASTER_KEY_PREVIOUS, --master-key-file) must open them all; otherwise the backup's own key, then the one in
 * the directory being replaced, whichever does.
 */
async function chooseMasterKey(
  client: pg.ClientBase,
  config: ClaimTrailConfig,
  header: ClaimTrailBackupHeader,
  included: Buffer | undefined,
  target: string,
  fromFile: { path: string; key: Buffer } | undefined,
): Promise<{ choice: MasterKeyChoice; key?: Buffer }> {
  const check = (keyring: MasterKeyring) => checkMasterKey(client, keyring);
  const refuse = async (what: string, keyring: MasterKeyring) => {
    const { unreadable, missingKeyIds } = await check(keyring);
    return new BackupError(
      'RESTORE_MASTER_KEY_MISMATCH',
      `${what} (key id ${keyring.ids.join(', ')}) does not open ${unreadable} of the backup's patient keys` +
        `${missingKeyIds.length > 0 ? `; they were wrapped by key id ${missingKeyIds.join(', ')}` : ''}. ` +
        'Nothing was restored',
    );
  };
  const opens = async (keyring: MasterKeyring) => (await check(keyring)).unreadable === 0;
  if (config.patients.masterKey) {
    const keyring = new MasterKeyring(config.patients.masterKey, config.patients.previousMasterKeys);
    if (!(await opens(keyring))) throw await refuse('PATIENT_MASTER_KEY', keyring);
    return { choice: 'configured' };
  }
  if (fromFile) {
    const keyring = new MasterKeyring(fromFile.key);
    if (!(await opens(keyring))) throw await refuse(fromFile.path, keyring);
    return { choice: 'file', key: fromFile.key };
  }
  if (included) {
    const keyring = new MasterKeyring(included);
    if (!(await opens(keyring))) throw await refuse("The backup's own master key", keyring);
    return { choice: 'backup', key: included };
  }
  const previous = await readMasterKeyFile(join(target, MASTER_KEY_FILE)).catch(() => undefined);
  if (previous && (await opens(new MasterKeyring(previous))))
    return { choice: 'previous-data-dir', key: previous };
  if (header.application.patientKeys.wrapped === 0) return { choice: 'not-needed' };
  throw missingMasterKey(header);
}

/**
 * Refuses at once, before loading anything, when patient keys need a master key and there is none to try; resolves
 * with the key of --master-key-file, if given.
 */
async function expectSomeMasterKey(
  config: ClaimTrailConfig,
  header: ClaimTrailBackupHeader,
  target: string,
  masterKeyFile: string | undefined,
): Promise<Buffer | undefined> {
  const fileKey = masterKeyFile
    ? await readMasterKeyFile(resolve(masterKeyFile)).catch(() => undefined)
    : undefined;
  if (masterKeyFile && !fileKey)
    throw new BackupError('BACKUP_FILE_MISSING', `${masterKeyFile} holds no patient master key`);
  const { wrapped, masterKeyIncluded } = header.application.patientKeys;
  if (wrapped === 0 || config.patients.masterKey || fileKey || masterKeyIncluded) return fileKey;
  if (await readMasterKeyFile(join(target, MASTER_KEY_FILE)).catch(() => undefined)) return undefined;
  throw missingMasterKey(header);
}

function missingMasterKey(header: ClaimTrailBackupHeader): BackupError {
  const { wrapped, byMasterKey } = header.application.patientKeys;
  return new BackupError(
    'RESTORE_MASTER_KEY_MISSING',
    `The backup holds ${wrapped} patient keys wrapped by master key id ${Object.keys(byMasterKey).join(', ')}, ` +
      'which is not in the backup. Give it: PATIENT_MASTER_KEY (and PATIENT_MASTER_KEY_PREVIOUS for older ones), ' +
      'or --master-key-file <the patient-master.key kept apart from the backup>. Without it no patient identity in ' +
      'the backup could be opened, so nothing was restored.',
  );
}

/** Puts staging in target's place, moving a target that held a database aside; resolves with where it went. */
async function swap(staging: string, target: string, occupied: boolean): Promise<string | null> {
  let movedAside: string | null = null;
  if (occupied) {
    movedAside = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(target, movedAside);
    // Our lock went with it; the directory is no one's now.
    await rm(join(movedAside, DATA_DIR_LOCK_FILE), { force: true });
  } else {
    await rm(join(target, DATA_DIR_LOCK_FILE), { force: true });
    await rmdir(target);
  }
  await rename(staging, target);
  return movedAside;
}
