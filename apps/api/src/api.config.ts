import { readClaimsConfig, type ClaimsSettings } from '@claimtrail/claims';
import { readDatabaseConfig, type DatabaseSettings } from '@claimtrail/database';
import { readEventStoreConfig, type EventStoreSettings } from '@claimtrail/event-store';
import { isIP } from 'node:net';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What one GraphQL request may ask for; anything beyond is refused before it runs. */
export interface QueryLimits {
  maxAliases: number;
  maxDepth: number;
  maxTokens: number;
  maxDirectives: number;
  /** Fields requested, each list counted as many times as its `first` asks for. */
  maxCost: number;
  /** Hide "Did you mean" in validation errors: they map the schema for whoever probes it. */
  blockFieldSuggestions: boolean;
}

export interface ApiConfig {
  port: number;
  /** Interface to listen on: loopback unless the deployment says otherwise. */
  host: string;
  logLevel: LogLevel;
  queryLimits: QueryLimits;
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
const HOSTNAME =
  /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

// Defaults leave room for every query in the README and a full page of 200 claims with their lines.
const QUERY_LIMIT_KEYS = {
  maxAliases: { key: 'QUERY_MAX_ALIASES', fallback: 15, max: 1_000 },
  maxDepth: { key: 'QUERY_MAX_DEPTH', fallback: 8, max: 100 },
  maxTokens: { key: 'QUERY_MAX_TOKENS', fallback: 5_000, max: 1_000_000 },
  maxDirectives: { key: 'QUERY_MAX_DIRECTIVES', fallback: 10, max: 1_000 },
  maxCost: { key: 'QUERY_MAX_COST', fallback: 50_000, max: 100_000_000 },
} as const;

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
  const host = env.HOST?.trim() || '127.0.0.1';
  if (isIP(host) === 0 && !HOSTNAME.test(host))
    problems.push({
      key: 'HOST',
      message: 'must be an IP address or a host name, e.g. 127.0.0.1 or 0.0.0.0',
    });
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    problems.push({ key: 'LOG_LEVEL', message: `must be one of ${LOG_LEVELS.join(', ')}` });
  const limits = {} as Record<keyof typeof QUERY_LIMIT_KEYS, number>;
  for (const [name, { key, fallback, max }] of Object.entries(QUERY_LIMIT_KEYS)) {
    const value = env[key] === undefined || env[key] === '' ? fallback : Number(env[key]);
    if (!Number.isInteger(value) || value < 1 || value > max)
      problems.push({ key, message: `must be an integer from 1 to ${max}` });
    limits[name as keyof typeof QUERY_LIMIT_KEYS] = value;
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
    host,
    logLevel,
    queryLimits: { ...limits, blockFieldSuggestions: env.NODE_ENV === 'production' },
    database: database.settings,
    eventStore: eventStore.settings,
    claims: claims.settings,
    projectorInProcess: flag('PROJECTOR_IN_PROCESS', true),
    graphiql: flag('GRAPHIQL', env.NODE_ENV !== 'production'),
    bodyLimit,
    health,
  };
}
