import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule, type GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import type { GraphQLSchema } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Authenticator } from '../auth/authenticator.js';
import type { AuthContext } from '../auth/principal.js';
import type { ErrorMapping } from '../errors/error-mapping.js';
import { GracefulShutdown } from '../lifecycle/graceful-shutdown.js';
import { createGraphQLErrorFormatter } from '../errors/graphql-error-formatter.js';
import { platformErrorMapping } from '../errors/platform-errors.mapping.js';
import { authErrorMappings } from '../auth/auth.errors.js';
import { requestLoggingPlugin } from '../logging/request-logging.plugin.js';
import type { GraphQLMetrics } from '../metrics/graphql.metrics.js';
import { graphqlTracingPlugin } from '../tracing/graphql.tracing.js';
import type { GraphQLSettings } from './graphql.config.js';
import { graphqlWsOptions } from './graphql-ws.options.js';
import { queryLimitWiring } from './query-limits.js';

/**
 * Apollo, code first, as every ClaimTrail API serves it: one error formatter over the platform's and the features'
 * error mappings, the query limits, and the request-logging plugin; subscriptions over graphql-ws on the same port.
 */
export function graphqlServerModule(
  settings: GraphQLSettings,
  errorMappings: readonly ErrorMapping[],
  /** Applied in order to the built schema (the PHI access log wraps the resolvers of patient fields). */
  schemaTransforms: readonly ((schema: GraphQLSchema) => GraphQLSchema)[],
  /** The module that provides the Authenticator (AuthModule.forRoot). */
  auth: DynamicModule,
  /** Operation durations and open subscriptions, when metrics are on; names of the requests' spans, when traces are. */
  observers: { metrics?: GraphQLMetrics; tracing?: boolean } = {},
): DynamicModule {
  const { metrics, tracing } = observers;
  const limits = queryLimitWiring(settings.queryLimits);
  const formatError = createGraphQLErrorFormatter([
    platformErrorMapping,
    ...authErrorMappings,
    ...errorMappings,
  ]);
  // graphql-ws checks a subscription's cost against the schema the server runs, which exists once it is built.
  let built: GraphQLSchema | undefined;
  return GraphQLModule.forRootAsync<ApolloDriverConfig>({
    driver: ApolloDriver,
    imports: [auth],
    inject: [Authenticator, GracefulShutdown],
    useFactory: (authenticator: Authenticator, shutdown: GracefulShutdown) => ({
      autoSchemaFile: true,
      sortSchema: true,
      // The API serves its own GraphiQL page (http/graphiql.page.ts) from local assets.
      graphiql: false,
      includeStacktraceInErrorResponses: false,
      formatError,
      transformSchema: (schema: GraphQLSchema) =>
        (built = schemaTransforms.reduce((current, transform) => transform(current), schema)),
      plugins: [
        ...limits.plugins,
        requestLoggingPlugin,
        ...(metrics ? [metrics.plugin] : []),
        ...(tracing ? [graphqlTracingPlugin] : []),
      ],
      validationRules: limits.validationRules,
      parseOptions: limits.parseOptions,
      // Production hides the schema from whoever reaches the port; clients are built against schema.gql.
      introspection: !settings.production,
      // Every request is authenticated before it runs; the roles guard decides what the principal may do.
      context: async ({ req, res }: { req: IncomingMessage; res: ServerResponse }): Promise<AuthContext> => ({
        req,
        res,
        ...(await authenticator.authenticate(req.headers.authorization)),
      }),
      // On the HTTP server's own port and path; Nest's typing lists only some of graphql-ws's hooks.
      subscriptions: {
        'graphql-ws': graphqlWsOptions(
          settings.queryLimits,
          limits,
          formatError,
          () => built,
          authenticator,
          metrics,
          shutdown.signal,
        ) as GraphQLWsSubscriptionsConfig,
      },
    }),
  });
}
