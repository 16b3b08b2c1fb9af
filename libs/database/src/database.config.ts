import type { DatabaseSettings } from './resolve-database.js';

export interface ConfigProblem {
  key: string;
  message: string;
}

/** The database keys of the environment, checked once at boot; every bad key is reported, not only the first. */
export function readDatabaseConfig(env: NodeJS.ProcessEnv): {
  settings: DatabaseSettings;
  problems: ConfigProblem[];
} {
  const problems: ConfigProblem[] = [];
  const url = env.DATABASE_URL?.trim() || undefined;
  if (url && !/^postgres(ql)?:\/\/./.test(url))
    problems.push({ key: 'DATABASE_URL', message: 'must be a postgres:// URL' });
  let poolSize: number | undefined;
  if (env.DATABASE_POOL_SIZE) {
    poolSize = Number(env.DATABASE_POOL_SIZE);
    if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 200) {
      problems.push({ key: 'DATABASE_POOL_SIZE', message: 'must be an integer from 1 to 200' });
    }
  }
  return {
    settings: { url, embeddedDataDir: env.CLAIMTRAIL_DATA_DIR?.trim() || undefined, poolSize },
    problems,
  };
}
