import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { basename, dirname, join, resolve } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import {
  BackupError,
  checkBackupStream,
  DataDirLockedError,
  DEFAULT_EMBEDDED_DATA_DIR,
  openEmbeddedDatabase,
} from '@claimtrail/database';
import { MASTER_KEY_FILE, MasterKeyring, readMasterKeyFile } from '@claimtrail/patients';
import pg from 'pg';
import type { ClaimTrailConfig } from '../claimtrail.config.js';
import {
  BACKUP_SOCKET_FILE,
  type BackupSocketAnswer,
  type BackupSocketPointer,
  type BackupSocketRequest,
} from './backup-socket.protocol.js';
import { dumpClaimTrail, type ClaimTrailBackupHeader } from './claimtrail-backup.js';

export interface BackupToFileOptions {
  includeMasterKey: boolean;
  /** Replace a file that exists. */
  force: boolean;
  onHeader?(header: ClaimTrailBackupHeader): void;
  onRows?(rows: number): void;
}

export interface BackupOutcome {
  file: string;
  bytes: number;
  /** Who read the database: the API that owns the embedded data directory, or this process. */
  via: 'api' | 'direct';
  header: ClaimTrailBackupHeader;
}

/** A stream of backup bytes and the promise of its producer, which rejects if the dump fails. */
interface BackupStream {
  via: BackupOutcome['via'];
  bytes: Readable;
  done: Promise<void>;
}

/**
 * Backs up the configured database to file: written beside it under a temporary name (0600: it holds sealed patient
 * data), checked whole while it is written (every line against the header, the checksum at the end), flushed, then
 * renamed into place. A failure leaves no file behind.
 */
export async function backupToFile(
  config: ClaimTrailConfig,
  target: string,
  options: BackupToFileOptions,
): Promise<BackupOutcome> {
  const file = resolve(target);
  if (!options.force && (await exists(file)))
    throw new BackupError(
      'BACKUP_FILE_EXISTS',
      `${file} exists; name another file, or give --force to replace it`,
    );
  const partial = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString('hex')}.partial`);
  const written = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
  const opened = once(written, 'open').catch((cause: unknown) => {
    throw new BackupError('BACKUP_FILE_UNWRITABLE', `Cannot write ${partial}`, { cause });
  });
  let renamed = false;
  try {
    await opened;
    const source = await backupStream(config, options.includeMasterKey);
    const tee = new PassThrough();
    source.bytes.pipe(written);
    source.bytes.pipe(tee);
    const [checked] = await Promise.all([
      checkBackupStream(tee, file, {
        onHeader: (header) => options.onHeader?.(header as ClaimTrailBackupHeader),
        onRows: options.onRows,
      }),
      once(written, 'close'),
      source.done,
    ]);
    const flushed = await open(partial, 'r+');
    try {
      await flushed.sync();
    } finally {
      await flushed.close();
    }
    await rename(partial, file);
    renamed = true;
    return {
      file,
      bytes: (await stat(file)).size,
      via: source.via,
      header: checked.header as ClaimTrailBackupHeader,
    };
  } finally {
    written.destroy();
    if (!renamed) await unlink(partial).catch(() => undefined);
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function backupStream(config: ClaimTrailConfig, includeMasterKey: boolean): Promise<BackupStream> {
  if (config.eventStore.kind === 'eventstoredb')
    throw new BackupError(
      'BACKUP_SOURCE_MISSING',
      'EVENT_STORE=eventstoredb keeps the log in EventStoreDB: back it up with its own tools and this database ' +
        'with pg_dump (docs/operations.md)',
    );
  const { url, embeddedDataDir } = config.database;
  const configuredKey = config.patients.masterKey;
  if (includeMasterKey && configuredKey)
    throw new BackupError(
      'BACKUP_SOURCE_MISSING',
      'PATIENT_MASTER_KEY is configured: keep it with your secrets; --include-master-key is for the key the ' +
        'embedded database generated in its data directory',
    );
  if (url) {
    if (includeMasterKey)
      throw new BackupError('BACKUP_SOURCE_MISSING', 'A PostgreSQL database keeps no master key to include');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const keyring = configuredKey && new MasterKeyring(configuredKey, config.patients.previousMasterKeys);
    return dumpOn(client, () => client.end(), 'postgresql', keyring, false);
  }
  if (embeddedDataDir === 'memory')
    throw new BackupError(
      'BACKUP_SOURCE_MISSING',
      'An in-memory database (CLAIMTRAIL_DATA_DIR=memory) keeps nothing',
    );
  const dataDir = resolve(embeddedDataDir ?? DEFAULT_EMBEDDED_DATA_DIR);
  if (!(await exists(join(dataDir, 'PG_VERSION'))))
    throw new BackupError('BACKUP_SOURCE_MISSING', `${dataDir} holds no embedded database`);
  const fromApi = await streamFromApi(dataDir, includeMasterKey);
  if (fromApi) return fromApi;
  let database;
  try {
    database = await openEmbeddedDatabase(dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError)
      throw new BackupError(
        'BACKUP_SOURCE_IN_USE',
        `${error.message} It does not answer on a backup socket (${BACKUP_SOCKET_FILE}): is it an older ClaimTrail?`,
        { cause: error },
      );
    throw error;
  }
  const client = new pg.Client({ connectionString: database.url });
  try {
    await client.connect();
    const key = configuredKey ?? (await readMasterKeyFile(join(dataDir, MASTER_KEY_FILE)));
    if (includeMasterKey && !key)
      throw new BackupError('BACKUP_SOURCE_MISSING', `${dataDir} holds no patient master key to include`);
    return dumpOn(
      client,
      async () => {
        await client.end();
        await database.close();
      },
      'embedded',
      key && new MasterKeyring(key, config.patients.previousMasterKeys),
      includeMasterKey,
    );
  } catch (error) {
    await client.end().catch(() => undefined);
    await database.close();
    throw error;
  }
}

function dumpOn(
  client: pg.Client,
  close: () => Promise<void>,
  source: 'embedded' | 'postgresql',
  keyring: MasterKeyring | undefined,
  includeMasterKey: boolean,
): BackupStream {
  const bytes = new PassThrough();
  const done = dumpClaimTrail(client, bytes, { source, keyring, includeMasterKey })
    .then(() => undefined)
    .catch((error: unknown) => {
      bytes.destroy();
      throw error;
    })
    .finally(close);
  return { via: 'direct', bytes, done };
}

/**
 * The backup from the API that owns dataDir, through its backup socket; undefined when no process answers there (none
 * runs, or one was killed and left its pointer behind).
 */
async function streamFromApi(dataDir: string, includeMasterKey: boolean): Promise<BackupStream | undefined> {
  let pointer: BackupSocketPointer;
  try {
    pointer = JSON.parse(await readFile(join(dataDir, BACKUP_SOCKET_FILE), 'utf8')) as BackupSocketPointer;
  } catch {
    return undefined;
  }
  const socket = connect(pointer.socket);
  try {
    await once(socket, 'connect');
  } catch {
    socket.destroy();
    return undefined;
  }
  const request: BackupSocketRequest = { includeMasterKey };
  socket.write(`${JSON.stringify(request)}\n`);
  const { answer, rest } = await readAnswer(socket);
  if (!answer.ok) {
    socket.destroy();
    throw new BackupError(answer.code, answer.message);
  }
  const bytes = new PassThrough();
  if (rest.length > 0) bytes.write(rest);
  socket.pipe(bytes);
  // A backup the API stopped half way ends the socket early: the check of the bytes finds it cut short.
  const done = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { via: 'api', bytes, done };
}

function readAnswer(socket: Socket): Promise<{ answer: BackupSocketAnswer; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const stop = () => {
      socket.off('data', onData);
      socket.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const newline = received.indexOf(0x0a);
      if (newline < 0) return;
      stop();
      socket.pause();
      try {
        resolve({
          answer: JSON.parse(received.subarray(0, newline).toString('utf8')) as BackupSocketAnswer,
          rest: received.subarray(newline + 1),
        });
      } catch (error) {
        reject(error);
      }
    };
    const onClose = () => {
      stop();
      reject(new BackupError('BACKUP_SOURCE_IN_USE', 'The API closed its backup socket without answering'));
    };
    socket.on('data', onData);
    socket.once('close', onClose);
  });
}
