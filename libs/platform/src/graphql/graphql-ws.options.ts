import type { IncomingMessage } from 'node:http';
import {
  getOperationAST,
  GraphQLError,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { Logger } from '@nestjs/common';
import type { ServerOptions } from 'graphql-ws';
import type { Authenticator } from '../auth/authenticator.js';
import type { Authentication, AuthContext } from '../auth/principal.js';
import { QueryLimitError, ShuttingDownError } from '../errors/api-errors.js';
import type { GraphQLErrorFormatter } from '../errors/graphql-error-formatter.js';
import { loggableError } from '../logging/loggable-error.js';
import type { QueryLimits } from './graphql.config.js';
import { compiledSubscribe } from './compiled-subscribe.js';
import { costRefusal, type QueryLimitWiring } from './query-limits.js';

type GraphQLWsOptions = Partial<ServerOptions<Record<string, unknown>, { request: IncomingMessage }>>;

interface WsSocket {
  close(code: number, reason: string): void;
}

const socketOf = (ctx: { extra: unknown }) => (ctx.extra as { socket?: WsSocket }).socket;

/** "Going away": the server is shutting down; clients reconnect (elsewhere) and resubscribe. */
const GOING_AWAY = 1001;

/**
 * Why a connection was closed on shutdown, as JSON (a close reason holds at most 123 bytes): with the position to
 * resume from when it had one subscription; with several, each one's error carries its own lastPosition.
 */
function shutdownReason(lastPositions: (string | undefined)[]): string {
  const [only] = lastPositions;
  return JSON.stringify({
    code: 'SHUTTING_DOWN',
    ...(lastPositions.length === 1 && only !== undefined && { lastPosition: only }),
  });
}

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

/** What a subscription's log line says: names, codes and counts, never the query, its variables or the data. */
interface OperationLog {
  operationName: string | undefined;
  rootFields: string[];
  startedAt: number;
  messages: number;
}

function rootFieldsOf(document: DocumentNode, operationName: string | undefined): string[] {
  const operation = getOperationAST(document, operationName);
  return [
    ...new Set(
      (operation?.selectionSet.selections ?? []).flatMap((s) =>
        s.kind === Kind.FIELD ? [s.name.value] : [],
      ),
    ),
  ];
}

/**
 * graphql-ws on the HTTP server's port, answering as HTTP requests are answered: the same validation limits and
 * cost limit (checked when the operation is subscribed, before any resolver runs), the same error formatter, at most
 * maxSubscriptions operations open per connection, and one log line when each operation ends.
 */
export function graphqlWsOptions(
  limits: QueryLimits,
  wiring: QueryLimitWiring,
  formatError: GraphQLErrorFormatter,
  /** The schema the server runs, once built (see graphqlServerModule). */
  schema: () => GraphQLSchema | undefined = () => undefined,
  /** Checks the token a client sends when it connects; without one (unit tests) connections are anonymous. */
  authenticator?: Pick<Authenticator, 'authenticate'>,
  /** Told when an operation opens and ends (the open-subscriptions gauge). */
  observer?: { subscriptionOpened(): void; subscriptionEnded(): void },
  /**
   * Aborts when the process shuts down (GracefulShutdown): no operation or connection is taken any more, and each
   * connection is closed with 1001 once its operations have ended (subscriptions end with SHUTTING_DOWN errors).
   */
  shutdown?: AbortSignal,
): GraphQLWsOptions {
  const authentications = new WeakMap<object, Authentication>();
  const expiries = new WeakMap<object, NodeJS.Timeout>();
  // The request-logging plugin sees HTTP only: an unexpected error in a subscription is logged here, as it does.
  const logger = new Logger('graphql-ws');
  const operations = new WeakMap<object, Map<string, OperationLog>>();
  const sockets = new Map<object, WsSocket>();
  // The lastPosition of each subscription that a shutdown ended, per connection.
  const endedAt = new WeakMap<object, (string | undefined)[]>();
  const closeIfDone = (ctx: object) => {
    const socket = sockets.get(ctx);
    if (!shutdown?.aborted || !socket || operations.get(ctx)?.size) return;
    sockets.delete(ctx);
    // graphql-ws sends the error that ended the last operation after onError returns, before this runs.
    setImmediate(() => socket.close(GOING_AWAY, shutdownReason(endedAt.get(ctx) ?? [])));
  };
  shutdown?.addEventListener(
    'abort',
    () => {
      logger.log({ phase: 'closing-subscriptions', connections: sockets.size }, 'Ending subscriptions');
      for (const ctx of [...sockets.keys()]) closeIfDone(ctx);
    },
    { once: true },
  );
  const opened = (ctx: object) => {
    let map = operations.get(ctx);
    if (!map) operations.set(ctx, (map = new Map()));
    return map;
  };
  const ended = (ctx: object, id: string, errorCodes?: string[]) => {
    const entry = operations.get(ctx)?.get(id);
    if (!entry) return closeIfDone(ctx);
    operations.get(ctx)!.delete(id);
    observer?.subscriptionEnded();
    logger.log(
      {
        operationName: entry.operationName,
        rootFields: entry.rootFields,
        messages: entry.messages,
        durationMs: Math.round(performance.now() - entry.startedAt),
        ...(errorCodes && { errorCodes }),
      },
      'Subscription ended',
    );
    closeIfDone(ctx);
  };
  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => {
      const formatted = formatError(error.toJSON(), innermost(error));
      if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR')
        logger.error({ error: loggableError(innermost(error)) }, 'A subscription failed');
      return formatted;
    });
  const rules = [...specifiedRules, ...wiring.validationRules];
  return {
    // A connection authenticates once, when it opens: with the `authorization` connection parameter (browsers
    // cannot set headers on a WebSocket) or the upgrade request's Authorization header. Refused: closed with 4403.
    // It is closed with 4401 when its token expires, so that a live stream does not outlive the token.
    onConnect: async (ctx) => {
      const socket = socketOf(ctx);
      if (shutdown?.aborted) {
        socket?.close(GOING_AWAY, shutdownReason([]));
        return false;
      }
      if (socket) sockets.set(ctx, socket);
      if (!authenticator) return true;
      const params = ctx.connectionParams ?? {};
      const authorization =
        params.authorization ?? params.Authorization ?? ctx.extra.request.headers.authorization;
      const authentication = await authenticator.authenticate(authorization);
      const principal = authentication.principal;
      if (!principal) return false;
      authentications.set(ctx, authentication);
      if (principal.expiresAt !== undefined) {
        const ms = Math.min(Math.max(principal.expiresAt * 1000 - Date.now(), 0), 2 ** 31 - 1);
        expiries.set(ctx, setTimeout(() => socket?.close(4401, 'Token expired'), ms).unref());
      }
      return true;
    },
    onClose: (ctx) => {
      sockets.delete(ctx);
      clearTimeout(expiries.get(ctx));
      // An operation still open when its socket closes has ended too, whether or not graphql-ws said so.
      for (const id of [...(operations.get(ctx)?.keys() ?? [])]) ended(ctx, id);
    },
    context: (ctx): AuthContext => ({ req: ctx.extra.request, ...authentications.get(ctx) }),
    validate: (schema, document) => validate(schema, document, rules),
    subscribe: compiledSubscribe(),
    onSubscribe: (ctx, id, payload) => {
      if (shutdown?.aborted)
        return [new GraphQLError('Shutting down', { originalError: new ShuttingDownError() })];
      // graphql-ws has already entered this operation in ctx.subscriptions.
      if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptions) {
        const message = `At most ${limits.maxSubscriptions} subscriptions may be open on one connection; complete one first`;
        return [
          new GraphQLError(message, { originalError: new QueryLimitError('MAX_SUBSCRIPTIONS', message) }),
        ];
      }
      let document: DocumentNode;
      try {
        document = parse(payload.query, wiring.parseOptions);
      } catch {
        return undefined; // graphql-ws parses it again and answers the syntax error itself.
      }
      const operationName = payload.operationName ?? undefined;
      const built = schema();
      const refused =
        built && costRefusal(built, document, payload.variables ?? {}, operationName, limits.maxCost);
      if (refused) return [refused];
      opened(ctx).set(id, {
        operationName,
        rootFields: rootFieldsOf(document, operationName),
        startedAt: performance.now(),
        messages: 0,
      });
      observer?.subscriptionOpened();
      return undefined;
    },
    // A subscription its resolver refused (bad position, unknown type or claim) ends with an error message, as
    // graphql-ws refuses invalid operations, instead of a lone result and a complete that look like an empty stream.
    onOperation: (_ctx, _id, _payload, args, result) => {
      const subscription = getOperationAST(args.document, args.operationName)?.operation === 'subscription';
      const errors = isIterable(result) ? undefined : (result as ExecutionResult).errors;
      return subscription && errors?.length ? refusal(errors[0]!) : undefined;
    },
    onNext: (ctx, id, _payload, _args, result) => {
      const entry = operations.get(ctx)?.get(id);
      if (entry) entry.messages++;
      return result.errors ? { ...result, errors: format(result.errors) } : undefined;
    },
    onError: (ctx, id, _payload, errors) => {
      const formatted = format(errors);
      const stopped = formatted.find((e) => e.extensions?.code === 'SHUTTING_DOWN');
      if (stopped && operations.get(ctx)?.has(id)) {
        const position = stopped.extensions?.lastPosition;
        endedAt.set(ctx, [...(endedAt.get(ctx) ?? []), typeof position === 'string' ? position : undefined]);
      }
      ended(
        ctx,
        id,
        formatted.map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'UNKNOWN')),
      );
      return formatted;
    },
    onComplete: (ctx, id) => ended(ctx, id),
  };
}
