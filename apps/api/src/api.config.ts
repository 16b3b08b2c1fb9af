import { readClaimsConfig, type ClaimsSettings } from '@claimtrail/claims';
import { readDatabaseConfig, type DatabaseSettings } from '@claimtrail/database';
import { readEventStoreConfig, type EventStoreSettings } from '@claimtrail/event-store';

export interface ApiConfig {
  port: number;
  database: DatabaseSettings;
  eventStore: EventStoreSettings;
  claims: ClaimsSettings;
  /** False where a separate projector process owns the read models. */
  projectorInProcess: boolean;
  graphiql: boolean;
  bodyLimit: string;
  health: { maxProjectionLagSeconds: number; checkTimeoutMs: number };
}

export class ConfigError extends Error {
  constructor(problems: { key: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.key} ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const BOOLEAN = /^(true|false|1|0)$/;

/** Every key the API reads, checked once at boot; a bad value stops start-up with all bad keys listed. */
export function loadApiConfig(env: NodeJS.ProcessEnv): ApiConfig {
  const database = readDatabaseConfig(env);
  const claims = readClaimsConfig(env);
  const eventStore = readEventStoreConfig(env);
  const problems = [...database.problems, ...eventStore.problems, ...claims.problems];
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push({ key: 'PORT', message: 'must be a port number (0-65535)' });
  for (const key of ['PROJECTOR_IN_PROCESS', 'GRAPHIQL']) {
    if (env[key] !== undefined && !BOOLEAN.test(env[key]!))
      problems.push({ key, message: 'must be true or false' });
  }
  const bodyLimit = env.REQUEST_BODY_LIMIT ?? '512kb';
  if (!/^\d+(kb|mb)$/.test(bodyLimit))
    problems.push({ key: 'REQUEST_BODY_LIMIT', message: 'must be a size such as 512kb or 1mb' });
  const integer = (key: string, fallback: number, min: number, max: number) => {
    const value = env[key] === undefined ? fallback : Number(env[key]);
    if (!Number.isInteger(value) || value < min || value > max)
      problems.push({ key, message: `must be an integer from ${min} to ${max}` });
    return value;
  };
  const health = {
    maxProjectionLagSeconds: integer('HEALTH_MAX_PROJECTION_LAG_SECONDS', 60, 1, 86_400),
    checkTimeoutMs: integer('HEALTH_CHECK_TIMEOUT_MS', 3000, 100, 60_000),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  const flag = (key: string, fallback: boolean) =>
    env[key] === undefined ? fallback : /^(true|1)$/.test(env[key]!);
  return {
    port,
    database: database.settings,
    eventStore: eventStore.settings,
    claims: claims.settings,
    projectorInProcess: flag('PROJECTOR_IN_PROCESS', true),
    graphiql: flag('GRAPHIQL', env.NODE_ENV !== 'production'),
    bodyLimit,
    health,
  };
}
