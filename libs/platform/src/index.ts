export * from './config/config-section.js';
export { EnvBoolean, EnvInteger } from './config/env-rules.js';
export * from './errors/api-errors.js';
export { API_ERROR_CODES, type ApiErrorCode } from './errors/api-error-code.js';
export * from './errors/error-mapping.js';
export {
  createGraphQLErrorFormatter,
  describeRequestError,
  GRAPHQL_REQUEST_CODES,
  type GraphQLErrorFormatter,
} from './errors/graphql-error-formatter.js';
export {
  platformErrorMapping,
  QUERY_LIMIT_REASONS,
  REQUEST_ERROR_REASONS,
  type RequestErrorReason,
} from './errors/platform-errors.mapping.js';
export { errorCatalogueMarkdown } from './errors/error-catalogue.js';
export {
  correlationIdOf,
  identityOf,
  Identity,
  isActorName,
  type RequestIdentity,
} from './identity/request-identity.js';
export { authConfig, LOCAL_ISSUER, type AuthSettings } from './auth/auth.config.js';
export {
  authErrorMappings,
  ForbiddenError,
  RateLimitedError,
  UnauthenticatedError,
  FORBIDDEN_REASONS,
  UNAUTHENTICATED_REASONS,
} from './auth/auth.errors.js';
export { AuthModule } from './auth/auth.module.js';
export { Authenticator, AUTH_SETTINGS, isTokenSubject } from './auth/authenticator.js';
export { loadLocalSigningKey, mintLocalToken } from './auth/local-signing-key.js';
export type { AuthContext, Principal } from './auth/principal.js';
export { mayReadPhi, PHI_ROLES, ROLES, Roles, isRole, type Role } from './auth/roles.js';
export { CentsScalar } from './scalars/cents.scalar.js';
export { JsonScalar } from './scalars/json.scalar.js';
export { CLOCK, systemClock, type Clock } from './time/clock.js';
export { mapConcurrent } from './concurrency/map-concurrent.js';
export { whenSettled, type Failure } from './concurrency/when-settled.js';
export { checkPageSize } from './validation/page-size.js';
export { TextInputPipe, MULTILINE_TEXT_FIELDS, type TextRule } from './validation/text-input.pipe.js';
export {
  ReadYourWrites,
  PROJECTION_POSITIONS,
  READ_YOUR_WRITES_TIMEOUT_MS,
  type ProjectionPositions,
} from './read-your-writes/read-your-writes.service.js';
export { readYourWritesConfig } from './read-your-writes/read-your-writes.config.js';
export { loggingConfig, LOG_LEVELS, type LogLevel, type LoggingSettings } from './logging/logging.config.js';
export { createRootLogger, requestLogger, loggerModuleParams } from './logging/request-logging.js';
export { requestLoggingPlugin, recordOutcome, outcomeOf } from './logging/request-logging.plugin.js';
export { loggableError, errorSummary, type LoggableError } from './logging/loggable-error.js';
export { graphqlConfig, type GraphQLSettings, type QueryLimits } from './graphql/graphql.config.js';
export { graphqlServerModule } from './graphql/graphql-server.module.js';
export { queryLimitWiring, pageSizeEstimator } from './graphql/query-limits.js';
export { httpConfig, type HttpSettings } from './http/http.config.js';
export { createHttpApp, startHttpApp, type HttpAppOptions } from './http/http-app.js';
export { webAppConfig, type WebAppSettings } from './http/web-app.config.js';
export { webAppRouter, type WebAppClientConfig, type WebAppOptions } from './http/web-app.router.js';
export { ListenError, reservePort } from './http/port-reservation.js';
export { PlatformModule, type PlatformOptions } from './platform.module.js';
export { GracefulShutdown } from './lifecycle/graceful-shutdown.js';
export { shutdownConfig, type ShutdownSettings } from './lifecycle/shutdown.config.js';
export { shutDownOnSignals } from './lifecycle/shut-down-on-signals.js';
export { untilShutdown } from './lifecycle/until-shutdown.js';
export { metricsConfig, type MetricsSettings } from './metrics/metrics.config.js';
export { createMetricsRegistry, METRICS_REGISTRY } from './metrics/metrics-registry.js';
export { MetricsModule, type MetricsModuleOptions } from './metrics/metrics.module.js';
export { GraphQLMetrics } from './metrics/graphql.metrics.js';
export {
  tracingConfig,
  OTLP_PROTOCOLS,
  type OtlpProtocol,
  type TracingSettings,
} from './tracing/tracing.config.js';
export { TracingModule } from './tracing/tracing.module.js';
export { ATTR_CORRELATION_ID, claimtrailTracer, markFailed } from './tracing/tracer.js';
