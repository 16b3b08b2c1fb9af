import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { Kind } from 'graphql';

/** What the request's log line says about the GraphQL operation: names and codes only, never the query. */
export interface GraphQLOutcome {
  /** The verified token's subject; absent when the request had none. */
  actor?: string;
  operationName?: string;
  rootFields?: string[];
  errorCodes?: string[];
}

const outcomes = new WeakMap<IncomingMessage, GraphQLOutcome>();

export function recordOutcome(req: IncomingMessage, outcome: GraphQLOutcome): void {
  outcomes.set(req, { ...outcomes.get(req), ...outcome });
}

export function outcomeOf(req: IncomingMessage): GraphQLOutcome {
  return outcomes.get(req) ?? {};
}

/** pino-http logs `res.err` on the request's line, at error level. */
type LoggedResponse = ServerResponse & { err?: Error };

interface RequestContext {
  req?: IncomingMessage & { res?: LoggedResponse };
  principal?: { actor: string };
}

/**
 * Puts the operation's name, root fields and the error codes the client got on the request for its log line. An
 * INTERNAL_SERVER_ERROR hands its original error to pino-http, which logs it once, with its class and stack.
 */
export const requestLoggingPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response, errors, operation, operationName }) {
        const req = contextValue.req;
        if (!req) return;
        const formatted = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
        const codes = formatted.map((error) =>
          typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN',
        );
        // Apollo formats requestContext.errors one for one, so the same index is the same error.
        const unexpected = codes.indexOf('INTERNAL_SERVER_ERROR');
        if (unexpected >= 0 && errors?.[unexpected] && req.res)
          req.res.err = unwrapResolverError(errors[unexpected]) as Error;
        // Root fields come from a validated operation, so they are schema names, never client text.
        const rootFields = operation?.selectionSet.selections.flatMap((selection) =>
          selection.kind === Kind.FIELD ? [selection.name.value] : [],
        );
        recordOutcome(req, {
          actor: contextValue.principal?.actor,
          operationName: operationName ?? undefined,
          rootFields: rootFields ? [...new Set(rootFields)] : undefined,
          errorCodes: codes.length > 0 ? [...new Set(codes)] : undefined,
        });
      },
    };
  },
};
