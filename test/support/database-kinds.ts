import { createTestDatabase, resolveDatabase, type ResolvedDatabase } from '@claimtrail/database';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DatabaseKind {
  /** What an API process needs to run on it. */
  env: NodeJS.ProcessEnv;
  /** The embedded database's directory. */
  dataDir?: string;
  /** Opens the database while no API holds it (the embedded one admits one process at a time). */
  open(): Promise<ResolvedDatabase>;
  dispose(): Promise<void>;
}

/** A fresh embedded database in a temporary directory and, with DATABASE_URL, a fresh PostgreSQL database first. */
export function databaseKinds(): [string, () => Promise<DatabaseKind>][] {
  const kinds: [string, () => Promise<DatabaseKind>][] = [
    [
      'the embedded database',
      async () => {
        const dir = await mkdtemp(join(tmpdir(), 'ct-kind-'));
        const dataDir = join(dir, 'pgdata');
        return {
          env: { CLAIMTRAIL_DATA_DIR: dataDir },
          dataDir,
          open: () => resolveDatabase({ embeddedDataDir: dataDir }),
          dispose: () => rm(dir, { recursive: true, force: true }),
        };
      },
    ],
  ];
  if (process.env.DATABASE_URL) {
    kinds.unshift([
      'PostgreSQL',
      async () => {
        const database = await createTestDatabase();
        return {
          env: { DATABASE_URL: database.url },
          open: async () => ({ ...database, close: async () => undefined }),
          dispose: () => database.close(),
        };
      },
    ]);
  }
  return kinds;
}
