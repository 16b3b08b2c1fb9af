import type { BackupErrorCode } from '@claimtrail/database';

/**
 * How `claimtrail backup` reaches the embedded database while the API owns it: the API listens on a unix socket in
 * a private directory (0700, so only the data directory's owner gets in) and names it in this file in the data
 * directory. The client sends one JSON line, a BackupSocketRequest; the API answers one JSON line, a
 * BackupSocketAnswer, and when ok the backup's bytes follow until the socket ends.
 */
export const BACKUP_SOCKET_FILE = 'claimtrail.backup-socket.json';

export interface BackupSocketPointer {
  socket: string;
  pid: number;
}

export interface BackupSocketRequest {
  includeMasterKey: boolean;
}

export type BackupSocketAnswer = { ok: true } | { ok: false; code: BackupErrorCode; message: string };

/** A request line is a few bytes; more is not a client of ours. */
export const MAX_REQUEST_BYTES = 1024;
