export * from './resolve-database.js';
export * from './data-source.factory.js';
export * from './database.config.js';
export * from './database.errors.js';
export { acquireDataDirLock, DATA_DIR_LOCK_FILE, type DataDirLock } from './data-dir-lock.js';
export { openEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.js';
export { DatabaseModule, RESOLVED_DATABASE, PG_POOL } from './database.module.js';
export { createTestDatabase } from './testing/test-database.js';
