import { databaseConfig } from '@claimtrail/database';
import { eventStoreConfig } from '@claimtrail/event-store';
import {
  authConfig,
  graphqlConfig,
  httpConfig,
  loadConfig,
  loggingConfig,
  metricsConfig,
  readYourWritesConfig,
  shutdownConfig,
  tracingConfig,
  webAppConfig,
  type Env,
} from '@claimtrail/platform';
import { patientsConfig } from '@claimtrail/patients';
import { projectorConfig } from '@claimtrail/projections';
import { healthConfig } from './health/health.config.js';

/** Every library's settings; the API, the projector worker and the CLI all validate all of them. */
export const CLAIMTRAIL_CONFIG = {
  logging: loggingConfig,
  http: httpConfig,
  graphql: graphqlConfig,
  auth: authConfig,
  database: databaseConfig,
  eventStore: eventStoreConfig,
  projector: projectorConfig,
  readYourWrites: readYourWritesConfig,
  health: healthConfig,
  metrics: metricsConfig,
  tracing: tracingConfig,
  patients: patientsConfig,
  shutdown: shutdownConfig,
  webApp: webAppConfig,
};

export type ClaimTrailConfig = ReturnType<typeof loadClaimTrailConfig>;

/** Checked once at start-up: a bad value stops it with every bad key listed and no value echoed. */
export function loadClaimTrailConfig(env: Env) {
  return loadConfig(env, CLAIMTRAIL_CONFIG);
}
