import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import {
  CLAIMS_ENTITIES,
  CLAIMS_MIGRATIONS,
  CLAIMS_PROJECTIONS,
  ClaimsModule,
  formatGraphQLError,
} from '@claimtrail/claims';
import { DatabaseModule } from '@claimtrail/database';
import { EVENT_STORE_MIGRATIONS, EventStoreModule } from '@claimtrail/event-store';
import { PROJECTION_MIGRATIONS, ProjectorModule } from '@claimtrail/projections';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import type { ApiConfig } from './api.config.js';
import { HealthModule } from './health/health.module.js';
import { queryLimitWiring } from './query-limits.js';
import { loggerModuleParams } from './request-logging.js';
import { requestLoggingPlugin } from './request-logging.plugin.js';

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig, logger: Logger): DynamicModule {
    const limits = queryLimitWiring(config.queryLimits);
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggerModuleParams(logger)),
        DatabaseModule.forRoot(config.database, {
          entities: [...CLAIMS_ENTITIES],
          migrations: [...EVENT_STORE_MIGRATIONS, ...PROJECTION_MIGRATIONS, ...CLAIMS_MIGRATIONS],
        }),
        EventStoreModule.forRoot(config.eventStore),
        ProjectorModule.forRoot([...CLAIMS_PROJECTIONS], { enabled: config.projectorInProcess }),
        ClaimsModule.forRoot(config.claims),
        HealthModule.forRoot(config.health),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: true,
          sortSchema: true,
          // The API serves its own GraphiQL page (graphiql.page.ts) from local assets.
          graphiql: false,
          includeStacktraceInErrorResponses: false,
          formatError: formatGraphQLError,
          plugins: [...limits.plugins, requestLoggingPlugin],
          validationRules: limits.validationRules,
          parseOptions: limits.parseOptions,
          context: ({ req }: { req: unknown }) => ({ req }),
        }),
      ],
    };
  }
}
