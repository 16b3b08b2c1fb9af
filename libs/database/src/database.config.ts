export interface DatabaseEnvironment {
  DATABASE_URL?: string;
  CLAIMTRAIL_DATA_DIR?: string;
  DATABASE_POOL_SIZE?: string;
}

export interface DatabaseConfigError {
  key: string;
  message: string;
}

/** Reads and checks the database keys once, at boot; returns every bad key rather than the first. */
export function readDatabaseConfig(env: DatabaseEnvironment): { url?: string; embeddedDataDir?: string; poolSize?: number; errors: DatabaseConfigError[] } {
  const errors: DatabaseConfigError[] = [];
  const url = env.DATABASE_URL?.trim() || undefined;
  if (url) {
    try {
      const parsed = new URL(url);
      if (!['postgres:', 'postgresql:'].includes(parsed.protocol)) errors.push({ key: 'DATABASE_URL', message: 'must be a postgres:// URL' });
    } catch {
      errors.push({ key: 'DATABASE_URL', message: 'must be a postgres:// URL' });
    }
  }
  let poolSize: number | undefined;
  if (env.DATABASE_POOL_SIZE !== undefined && env.DATABASE_POOL_SIZE !== '') {
    poolSize = Number(env.DATABASE_POOL_SIZE);
    if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 200) {
      errors.push({ key: 'DATABASE_POOL_SIZE', message: 'must be an integer from 1 to 200' });
    }
  }
  return { url, embeddedDataDir: env.CLAIMTRAIL_DATA_DIR?.trim() || undefined, poolSize, errors };
}
