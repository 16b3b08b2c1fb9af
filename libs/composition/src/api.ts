import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import { textRuleBroken } from '@claimtrail/claims';
import {
  createRootLogger,
  startHttpApp,
  type AuthSettings,
  type Clock,
  type WebAppClientConfig,
  type WebAppOptions,
  type WebAppSettings,
} from '@claimtrail/platform';
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

// From src/ and from dist/ alike: the repository root holds dist/apps/web, which npm run build writes.
const BUILT_WEB_APP = fileURLToPath(new URL('../../../dist/apps/web', import.meta.url));

/** How the page signs in: the provider's code flow where tokens come from one, else a pasted development token. */
function webAppClient(auth: AuthSettings, webApp: WebAppSettings): WebAppClientConfig {
  if (!auth.jwksUrl) return { signIn: 'development-token' };
  if (!webApp.oidcClientId)
    return { signIn: 'unavailable', reason: 'APP_OIDC_CLIENT_ID is not set on the API' };
  return {
    signIn: 'oidc',
    authority: auth.issuer,
    clientId: webApp.oidcClientId,
    scope: webApp.oidcScope,
    resource: auth.audience,
  };
}

function webAppOptions(config: ClaimTrailConfig): WebAppOptions | undefined {
  if (!config.webApp.enabled) return undefined;
  return { dir: config.webApp.dir ?? BUILT_WEB_APP, client: webAppClient(config.auth, config.webApp) };
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
    webApp: webAppOptions(config),
    logger,
    textRule: textRuleBroken,
    tracing: config.tracing.enabled,
  });
}
