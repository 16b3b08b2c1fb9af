export * from './resolve-database.js';
export * from './data-source.factory.js';
export * from './database.config.js';
export * from './database.errors.js';
export { acquireDataDirLock, DATA_DIR_LOCK_FILE, type DataDirLock } from './data-dir-lock.js';
export { openEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.js';
export { DatabaseModule, RESOLVED_DATABASE, PG_POOL } from './database.module.js';
export { createTestDatabase } from './testing/test-database.js';
export {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupExtra,
  type BackupHeader,
  type BackupTable,
} from './backup/backup-format.js';
export {
  writeLogicalDump,
  type DumpOptions,
  type SnapshotDescription,
  type TableSelection,
} from './backup/logical-dump.js';
export {
  openBackup,
  checkBackupStream,
  type BackupContents,
  type BackupItem,
} from './backup/backup-reader.js';
export { loadLogicalDump } from './backup/logical-load.js';
export { advanceTransactionIds, nextTransactionId } from './backup/transaction-ids.js';
