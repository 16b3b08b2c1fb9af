export type BackupErrorCode =
  /** The file named is not there or cannot be read. */
  | 'BACKUP_FILE_MISSING'
  /** The backup cannot be written where it was asked to go. */
  | 'BACKUP_FILE_UNWRITABLE'
  /** The file to write exists already. */
  | 'BACKUP_FILE_EXISTS'
  /** The file is not a ClaimTrail backup (not gzip, or no header). */
  | 'BACKUP_NOT_A_BACKUP'
  /** A ClaimTrail backup in a format version this build does not read. */
  | 'BACKUP_FORMAT_UNSUPPORTED'
  /** Made by a newer ClaimTrail: it holds migrations this build does not know. */
  | 'BACKUP_TOO_NEW'
  /** Cut short, or its bytes changed since it was written. */
  | 'BACKUP_CORRUPT'
  /** There is nothing to back up (no data directory, an in-memory database, a database without ClaimTrail). */
  | 'BACKUP_SOURCE_MISSING'
  /** Another process holds the embedded database and does not answer on its backup socket. */
  | 'BACKUP_SOURCE_IN_USE'
  /** The backup's tables do not fit the schema its migrations make here. */
  | 'BACKUP_SCHEMA_MISMATCH'
  /** Restoring needs the embedded database: a process holds its data directory. */
  | 'RESTORE_TARGET_IN_USE'
  /** The data directory holds a database, and --force was not given. */
  | 'RESTORE_TARGET_NOT_EMPTY'
  /** The target is not one a file can be restored into (in memory, or PostgreSQL: pg_restore). */
  | 'RESTORE_TARGET_UNSUPPORTED'
  /** Patient keys are in the backup, and no master key that opens them was found. */
  | 'RESTORE_MASTER_KEY_MISSING'
  /** The master key given does not open the backup's patient keys. */
  | 'RESTORE_MASTER_KEY_MISMATCH'
  /** The restored log fails its integrity check (hash chains and log seal). */
  | 'RESTORE_INTEGRITY_BROKEN'
  /** The server cannot move its transaction counter past the backup's (too far without a vacuum). */
  | 'RESTORE_TRANSACTION_IDS';

export type DatabaseErrorCode = 'DATA_DIR_LOCKED' | 'DATABASE_DAMAGED' | BackupErrorCode;

export class DatabaseError extends Error {
  constructor(
    readonly code: DatabaseErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseError';
  }
}

/** Who holds an embedded data directory, as its lock file records it. */
export interface DataDirOwner {
  pid: number;
  host: string;
  /** When the owner took the directory (ISO 8601). */
  since: string;
  /** Linux: the boot the owner ran in and its start time in clock ticks, to tell a reused pid from the owner. */
  bootId?: string;
  startTicks?: string;
}

/** Another process (or this one) already serves the embedded data directory. */
export class DataDirLockedError extends DatabaseError {
  constructor(
    readonly dataDir: string,
    readonly owner: DataDirOwner | undefined,
    message: string,
  ) {
    super('DATA_DIR_LOCKED', message);
    this.name = 'DataDirLockedError';
  }
}

/** The embedded data directory cannot be trusted; it was not served. The message never holds row values. */
export class DamagedDatabaseError extends DatabaseError {
  constructor(
    readonly dataDir: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      'DATABASE_DAMAGED',
      `The embedded database in ${dataDir} is damaged: ${reason}. It was not started, so nothing was changed. ` +
        `Restore the directory from a backup, or move it aside (for example to ${dataDir}.damaged) to start ` +
        'with an empty database.',
      options,
    );
    this.name = 'DamagedDatabaseError';
  }
}

/** A refusal of backup or restore; the message names files, tables and counts, never a row's values. */
export class BackupError extends DatabaseError {
  declare readonly code: BackupErrorCode;

  constructor(code: BackupErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'BackupError';
  }
}
