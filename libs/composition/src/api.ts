import type { INestApplication } from '@nestjs/common';
import { textRuleBroken } from '@claimtrail/claims';
import { createRootLogger, startHttpApp, type Clock } from '@claimtrail/platform';
import type { ReadModel } from '@claimtrail/projections';
import type { DestinationStream } from 'pino';
import type { ClaimTrailConfig } from './claimtrail.config.js';
import { ClaimTrailModule } from './claimtrail.module.js';

export interface ApiOptions {
  /** Where the JSON log lines go; standard output by default. Tests pass a stream to read them. */
  logDestination?: DestinationStream;
  readModels?: readonly ReadModel[];
  /** The system clock unless a test fixes the time. */
  clock?: Clock;
}

/** The GraphQL API listening on HOST:PORT; refuses to start, before opening anything, when the port is taken. */
export function startApi(config: ClaimTrailConfig, options: ApiOptions = {}): Promise<INestApplication> {
  const logger = createRootLogger(config.logging.level, options.logDestination);
  const module = ClaimTrailModule.forRoot(config, {
    role: 'api',
    logger,
    readModels: options.readModels,
    clock: options.clock,
  });
  return startHttpApp(module, {
    http: config.http,
    graphiql: config.graphql.graphiql,
    logger,
    textRule: textRuleBroken,
    tracing: config.tracing.enabled,
  });
}
