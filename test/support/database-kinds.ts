import { createTestDatabase, resolveDatabase, type ResolvedDatabase } from '@claimtrail/database';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildApi,
  startApiProcess,
  startProjectorProcess,
  type ApiProcess,
  type AppProcess,
} from './api-process.js';

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

export interface KindSuite {
  /** The database, opened before the suite's tests. */
  readonly kind: DatabaseKind;
  /** startApiProcess on the suite's database with env added; killed after the test if it still runs. */
  startApi(env?: NodeJS.ProcessEnv): Promise<ApiProcess>;
  /** startProjectorProcess the same way. */
  startProjector(env?: NodeJS.ProcessEnv): Promise<AppProcess>;
}

/**
 * The hooks of a suite whose tests run the built apps as processes on one database: the API (and the apps named)
 * built and the database opened before, every process a test left running killed after it, the database dropped at
 * the end.
 */
export function onDatabaseKind(
  open: () => Promise<DatabaseKind>,
  ...others: ('projector' | 'cli')[]
): KindSuite {
  let kind: DatabaseKind | undefined;
  let started: AppProcess[] = [];
  const track = async <T extends AppProcess>(app: Promise<T>): Promise<T> => {
    const running = await app;
    started.push(running);
    return running;
  };
  beforeAll(async () => {
    buildApi(...others);
    kind = await open();
  }, 180_000);
  afterEach(async () => {
    for (const app of started) app.child.kill('SIGKILL');
    await Promise.all(started.map((app) => app.exited));
    started = [];
  });
  afterAll(() => kind?.dispose());
  return {
    get kind() {
      return kind!;
    },
    startApi: (env = {}) => track(startApiProcess({ ...kind!.env, ...env })),
    startProjector: (env = {}) => track(startProjectorProcess({ ...kind!.env, ...env })),
  };
}

/**
 * The database of a suite that runs the built CLI and API processes on it: a fresh PostgreSQL database with
 * DATABASE_URL, else an embedded data directory (DATABASE_URL set empty, so that the processes do not inherit one).
 */
export async function processDatabase(): Promise<{ env: NodeJS.ProcessEnv; dispose(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase();
    return { env: { DATABASE_URL: database.url }, dispose: () => database.close() };
  }
  const dir = await mkdtemp(join(tmpdir(), 'ct-process-'));
  return {
    env: { DATABASE_URL: '', CLAIMTRAIL_DATA_DIR: join(dir, 'pgdata') },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
