import {
  NotFoundError,
  QueryLimitError,
  ReadModelLaggingError,
  RequestValidationError,
  ShuttingDownError,
  type QueryLimit,
} from './api-errors.js';
import type { ErrorMapping, ErrorReason } from './error-mapping.js';

export const QUERY_LIMIT_REASONS: Record<QueryLimit, string> = {
  MAX_ALIASES: 'Too many aliases in one operation.',
  MAX_DEPTH: 'Fields nested too deep.',
  MAX_DIRECTIVES: 'Too many directives.',
  MAX_TOKENS: 'The document is too long.',
  MAX_COST: 'The estimated work (list sizes times fields) is above the limit.',
  MAX_SUBSCRIPTIONS:
    'More subscriptions open on one WebSocket connection than `QUERY_MAX_SUBSCRIPTIONS`; complete one first.',
};

/** Reasons raised by the request's transport or by graphql-js rather than by a library's own errors. */
export const REQUEST_ERROR_REASONS = {
  PAYLOAD_TOO_LARGE: 'The request body is larger than `REQUEST_BODY_LIMIT`.',
  MALFORMED_REQUEST: 'The request body is not JSON.',
  TOO_MANY_ERRORS: 'More than 50 variable values were wrong; fix the ones reported first.',
} as const;

export type RequestErrorReason = keyof typeof REQUEST_ERROR_REASONS;

const reasons: ErrorReason[] = [
  ...Object.entries(REQUEST_ERROR_REASONS).map(([reason, meaning]) => ({
    code: 'BAD_USER_INPUT' as const,
    reason,
    meaning,
  })),
  ...Object.entries(QUERY_LIMIT_REASONS).map(([reason, meaning]) => ({
    code: 'QUERY_TOO_COMPLEX' as const,
    reason,
    meaning,
  })),
];

/**
 * The errors every feature shares: refused input, a missing record, a lagging read model, a refused query, a server
 * shutting down.
 */
export const platformErrorMapping: ErrorMapping = {
  answer(error) {
    if (error instanceof RequestValidationError) {
      return {
        code: 'BAD_USER_INPUT',
        message: error.message,
        field: error.problems[0]?.field,
        extensions: { fields: error.problems },
      };
    }
    if (error instanceof NotFoundError) return { code: 'NOT_FOUND', message: error.message };
    if (error instanceof ReadModelLaggingError) {
      return {
        code: 'READ_MODEL_LAGGING',
        message: error.message,
        extensions: { position: error.position, waitedMs: error.waitedMs },
      };
    }
    if (error instanceof QueryLimitError)
      return { code: 'QUERY_TOO_COMPLEX', message: error.message, reason: error.limit };
    if (error instanceof ShuttingDownError) {
      const { lastPosition } = error;
      return {
        code: 'SHUTTING_DOWN',
        message: error.message,
        extensions: lastPosition ? { lastPosition } : {},
      };
    }
    return undefined;
  },
  reasons,
};
