import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule, type GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import type { GraphQLSchema } from 'graphql';
import type { ErrorMapping } from '../errors/error-mapping.js';
import { createGraphQLErrorFormatter } from '../errors/graphql-error-formatter.js';
import { platformErrorMapping } from '../errors/platform-errors.mapping.js';
import { requestLoggingPlugin } from '../logging/request-logging.plugin.js';
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
  schemaTransforms: readonly ((schema: GraphQLSchema) => GraphQLSchema)[] = [],
): DynamicModule {
  const limits = queryLimitWiring(settings.queryLimits);
  const formatError = createGraphQLErrorFormatter([platformErrorMapping, ...errorMappings]);
  // graphql-ws checks a subscription's cost against the schema the server runs, which exists once it is built.
  let built: GraphQLSchema | undefined;
  return GraphQLModule.forRoot<ApolloDriverConfig>({
    driver: ApolloDriver,
    autoSchemaFile: true,
    sortSchema: true,
    // The API serves its own GraphiQL page (http/graphiql.page.ts) from local assets.
    graphiql: false,
    includeStacktraceInErrorResponses: false,
    formatError,
    transformSchema: (schema: GraphQLSchema) =>
      (built = schemaTransforms.reduce((current, transform) => transform(current), schema)),
    plugins: [...limits.plugins, requestLoggingPlugin],
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    context: ({ req }: { req: unknown }) => ({ req }),
    // On the HTTP server's own port and path; Nest's typing lists only some of graphql-ws's hooks.
    subscriptions: {
      'graphql-ws': graphqlWsOptions(
        settings.queryLimits,
        limits,
        formatError,
        () => built,
      ) as GraphQLWsSubscriptionsConfig,
    },
  });
}
