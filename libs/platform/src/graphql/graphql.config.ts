import { IsOptional } from 'class-validator';
import { defineConfig } from '../config/config-section.js';
import { EnvBoolean, EnvInteger } from '../config/env-rules.js';

/** What one GraphQL request may ask for; anything beyond is refused before it runs. */
export interface QueryLimits {
  maxAliases: number;
  maxDepth: number;
  maxTokens: number;
  maxDirectives: number;
  /** Fields requested, each list counted as many times as its `first` asks for. */
  maxCost: number;
  /** Operations (subscriptions) open at once on one WebSocket connection. */
  maxSubscriptions: number;
  /** Hide "Did you mean" in validation errors: they map the schema for whoever probes it. */
  blockFieldSuggestions: boolean;
}

export interface GraphQLSettings {
  queryLimits: QueryLimits;
  /** Serve the GraphiQL page at /graphql (never in production). */
  graphiql: boolean;
  production: boolean;
}

// Defaults leave room for every query in the README and a full page of 200 claims with their lines.
class GraphQLEnv {
  @EnvInteger(1, 1_000)
  QUERY_MAX_ALIASES?: number;

  @EnvInteger(1, 100)
  QUERY_MAX_DEPTH?: number;

  @EnvInteger(1, 1_000_000)
  QUERY_MAX_TOKENS?: number;

  @EnvInteger(1, 1_000)
  QUERY_MAX_DIRECTIVES?: number;

  @EnvInteger(1, 100_000_000)
  QUERY_MAX_COST?: number;

  @EnvInteger(1, 1_000)
  QUERY_MAX_SUBSCRIPTIONS?: number;

  @EnvBoolean()
  GRAPHIQL?: boolean;

  @IsOptional()
  NODE_ENV?: string;
}

export const graphqlConfig = defineConfig('graphql', GraphQLEnv, (env): GraphQLSettings => {
  const production = env.NODE_ENV === 'production';
  return {
    queryLimits: {
      maxAliases: env.QUERY_MAX_ALIASES ?? 15,
      maxDepth: env.QUERY_MAX_DEPTH ?? 8,
      maxTokens: env.QUERY_MAX_TOKENS ?? 5_000,
      maxDirectives: env.QUERY_MAX_DIRECTIVES ?? 10,
      maxCost: env.QUERY_MAX_COST ?? 50_000,
      maxSubscriptions: env.QUERY_MAX_SUBSCRIPTIONS ?? 5,
      blockFieldSuggestions: production,
    },
    graphiql: !production && (env.GRAPHIQL ?? true),
    production,
  };
});
