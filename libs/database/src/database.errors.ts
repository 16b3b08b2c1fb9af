export type DatabaseErrorCode = 'DATA_DIR_LOCKED' | 'DATABASE_DAMAGED';

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
