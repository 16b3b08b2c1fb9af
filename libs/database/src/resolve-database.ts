import { resolve } from 'node:path';
import { openEmbeddedDatabase } from './embedded-database.js';

export interface DatabaseSettings {
  /** A PostgreSQL URL; without one the embedded database is used. */
  url?: string;
  /** Where the embedded database keeps its files; 'memory' keeps nothing. */
  embeddedDataDir?: string;
  /** Pool size for a real server; the embedded database always gets one connection. */
  poolSize?: number;
}

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  /** The embedded database mixes protocol messages across connections, so everything shares one. */
  poolSize: number;
  /** The embedded database's directory, absolute; absent in memory and for a server. */
  dataDir?: string;
  /** For logs: never contains a password. */
  description: string;
  close(): Promise<void>;
}

export const DEFAULT_EMBEDDED_DATA_DIR = '.claimtrail/pgdata';

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparsable DATABASE_URL';
  }
}

/**
 * DATABASE_URL when given, else embedded PGlite served on a private unix socket to the ordinary pg driver. An
 * embedded data directory another process holds rejects with DataDirLockedError, a damaged one with
 * DamagedDatabaseError.
 */
export async function resolveDatabase(settings: DatabaseSettings): Promise<ResolvedDatabase> {
  if (settings.url) {
    return {
      url: settings.url,
      embedded: false,
      poolSize: settings.poolSize ?? 10,
      description: `PostgreSQL at ${redactUrl(settings.url)}`,
      close: async () => {},
    };
  }
  const dataDir = settings.embeddedDataDir ?? DEFAULT_EMBEDDED_DATA_DIR;
  const inMemory = dataDir === 'memory';
  const database = await openEmbeddedDatabase(dataDir);
  return {
    url: database.url,
    embedded: true,
    poolSize: 1,
    ...(!inMemory && { dataDir: resolve(dataDir) }),
    description: inMemory
      ? 'embedded PostgreSQL (PGlite, in memory)'
      : `embedded PostgreSQL (PGlite) in ${dataDir}`,
    close: () => database.close(),
  };
}
