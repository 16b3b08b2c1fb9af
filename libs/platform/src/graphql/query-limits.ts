import type { ApolloServerPlugin } from '@apollo/server';
import { QueryLimitError, type QueryLimit } from '../errors/api-errors.js';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import {
  GraphQLError,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { QueryLimits } from './graphql.config.js';

export interface QueryLimitWiring {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
}

const TOO_MANY_NODES = 'Query exceeds the maximum allowed number of nodes.';

/**
 * A field with a `first` argument returns up to that many items, each costing what it selects; the resolver reads
 * the page even when only totalCount is selected, so a page costs at least its size. `args` holds the value after
 * variables and the schema default are applied, which armor's own cost rule does not see (it reads literals only).
 */
export const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) =>
  typeof args.first === 'number' ? 1 + Math.max(args.first, 0) * Math.max(childComplexity, 1) : undefined;

const estimators = [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })];

function refusal(limit: QueryLimit, message: string): GraphQLError {
  return new GraphQLError(message, {
    originalError: new QueryLimitError(limit, message),
    extensions: { http: { status: 400 } },
  });
}

// Armor reports its refusals as validation errors; this keeps its text (which names the limit) and says which one.
const reportAs = (
  limit: QueryLimit,
): { propagateOnRejection: false; onReject: GraphQLArmorRejectCallback[] } => ({
  propagateOnRejection: false,
  onReject: [
    (context, error) => context?.reportError(refusal(limit, error.message.replace(/^Syntax Error: /, ''))),
  ],
});

/** The refusal for an operation whose computed cost is over the limit, if it is. */
export function costRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
  maxCost: number,
): GraphQLError | undefined {
  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, estimators, variables, operationName });
  } catch (error) {
    if ((error as Error).message === TOO_MANY_NODES)
      return refusal('MAX_COST', 'The query selects more fields than the server allows');
    // Bad variables: execution refuses them with BAD_USER_INPUT before any resolver runs.
    return undefined;
  }
  return cost > maxCost
    ? refusal('MAX_COST', `Query cost limit of ${maxCost} exceeded, found ${cost}.`)
    : undefined;
}

/** Refuses, after validation and before execution, an operation whose computed cost is over the limit. */
function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const refused = costRefusal(
            schema,
            document,
            request.variables ?? {},
            request.operationName ?? undefined,
            maxCost,
          );
          if (refused) throw refused;
        },
      };
    },
  };
}

/** The limits on what one GraphQL request may ask for, as Apollo options. */
export function queryLimitWiring(limits: QueryLimits): QueryLimitWiring {
  const armor = new ApolloArmor({
    maxAliases: { n: limits.maxAliases, ...reportAs('MAX_ALIASES') },
    maxDepth: { n: limits.maxDepth, ...reportAs('MAX_DEPTH') },
    maxDirectives: { n: limits.maxDirectives, ...reportAs('MAX_DIRECTIVES') },
    // Armor's Apollo token check throws from parsingDidStart, outside Apollo's error handling (a 500 that skips
    // formatError and the plugins); graphql-js enforces the same limit while parsing, as an ordinary parse error.
    maxTokens: { enabled: false },
    // Replaced by costLimitPlugin: armor's rule multiplies by `first` only when it is a literal.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: limits.blockFieldSuggestions },
  }).protect();
  return {
    // armor is typed against Apollo's CommonJS declarations, this app against its ESM ones: the same interface.
    plugins: [...(armor.plugins as unknown as ApolloServerPlugin[]), costLimitPlugin(limits.maxCost)],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}
