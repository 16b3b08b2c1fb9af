import { defineConfig, EnvInteger } from '@claimtrail/platform';
import { IsOptional, Matches, MinLength } from 'class-validator';
import type { DatabaseSettings } from './resolve-database.js';

class DatabaseEnv {
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/./, { message: '$property must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @MinLength(1)
  CLAIMTRAIL_DATA_DIR?: string;

  @EnvInteger(1, 200)
  DATABASE_POOL_SIZE?: number;
}

/** DATABASE_URL, else the embedded database in CLAIMTRAIL_DATA_DIR. */
export const databaseConfig = defineConfig('database', DatabaseEnv, (env): DatabaseSettings => ({
  url: env.DATABASE_URL,
  embeddedDataDir: env.CLAIMTRAIL_DATA_DIR,
  poolSize: env.DATABASE_POOL_SIZE,
}));
