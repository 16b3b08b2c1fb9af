import {
  getOperationAST,
  GraphQLError,
  specifiedRules,
  validate,
  type ExecutionResult,
  type GraphQLFormattedError,
} from 'graphql';
import { Logger } from '@nestjs/common';
import type { ServerOptions } from 'graphql-ws';
import { QueryLimitError } from '../errors/api-errors.js';
import type { GraphQLErrorFormatter } from '../errors/graphql-error-formatter.js';
import { loggableError } from '../logging/loggable-error.js';
import type { QueryLimits } from './graphql.config.js';
import type { QueryLimitWiring } from './query-limits.js';

type GraphQLWsOptions = Partial<ServerOptions<Record<string, unknown>, { request: unknown }>>;

/** graphql-ws wraps what an iterator throws in GraphQLErrors of its own; the mappings know the error inside. */
function innermost(error: GraphQLError): unknown {
  let inner: unknown = error;
  while (inner instanceof GraphQLError && inner.originalError) inner = inner.originalError;
  return inner;
}

const isIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof (value as AsyncIterable<unknown>)?.[Symbol.asyncIterator] === 'function';

async function* refusal(error: GraphQLError): AsyncGenerator<never> {
  throw error;
}

/**
 * graphql-ws on the HTTP server's port, answering as HTTP requests are answered: the same validation limits, the
 * same error formatter, and at most maxSubscriptions operations open per connection.
 */
export function graphqlWsOptions(
  limits: QueryLimits,
  wiring: QueryLimitWiring,
  formatError: GraphQLErrorFormatter,
): GraphQLWsOptions {
  // The request-logging plugin sees HTTP only: an unexpected error in a subscription is logged here, as it does.
  const logger = new Logger('graphql-ws');
  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => {
      const formatted = formatError(error.toJSON(), innermost(error));
      if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR')
        logger.error({ error: loggableError(innermost(error)) }, 'A subscription failed');
      return formatted;
    });
  const rules = [...specifiedRules, ...wiring.validationRules];
  return {
    context: (ctx) => ({ req: ctx.extra.request }),
    validate: (schema, document) => validate(schema, document, rules),
    onSubscribe: (ctx) => {
      // graphql-ws has already entered this operation in ctx.subscriptions.
      if (Object.keys(ctx.subscriptions).length <= limits.maxSubscriptions) return undefined;
      const message = `At most ${limits.maxSubscriptions} subscriptions may be open on one connection; complete one first`;
      return [
        new GraphQLError(message, { originalError: new QueryLimitError('MAX_SUBSCRIPTIONS', message) }),
      ];
    },
    // A subscription its resolver refused (bad position, unknown type or claim) ends with an error message, as
    // graphql-ws refuses invalid operations, instead of a lone result and a complete that look like an empty stream.
    onOperation: (_ctx, _id, _payload, args, result) => {
      const subscription = getOperationAST(args.document, args.operationName)?.operation === 'subscription';
      const errors = isIterable(result) ? undefined : (result as ExecutionResult).errors;
      return subscription && errors?.length ? refusal(errors[0]!) : undefined;
    },
    onNext: (_ctx, _id, _payload, _args, result) =>
      result.errors ? { ...result, errors: format(result.errors) } : undefined,
    onError: (_ctx, _id, _payload, errors) => format(errors),
  };
}
