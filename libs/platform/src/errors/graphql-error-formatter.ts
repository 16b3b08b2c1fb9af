import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, parse, visit, type GraphQLFormattedError } from 'graphql';
import { QueryLimitError } from './api-errors.js';
import type { ApiErrorAnswer, ErrorMapping } from './error-mapping.js';

/** Codes graphql-js and Apollo raise for a malformed request, passed through; their messages describe the query. */
export const GRAPHQL_REQUEST_CODES: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: 'The query is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED:
    'The query asks for fields or arguments the schema does not have, or of the wrong type.',
  BAD_REQUEST: 'The HTTP request is not a GraphQL request (no query, wrong method or content type).',
  PERSISTED_QUERY_NOT_FOUND:
    'An automatic persisted query hash the server does not know; send the full query.',
  OPERATION_RESOLUTION_FAILURE: 'The operation name does not match an operation of the document.',
};
const REQUEST_CODES = new Set(['BAD_USER_INPUT', ...Object.keys(GRAPHQL_REQUEST_CODES)]);

/**
 * graphql-js stops coercing variables after 50 errors with a bare GraphQLError (no path, no cause) that Apollo gives
 * no code; it is still the request's fault.
 */
const TOO_MANY_VARIABLE_ERRORS =
  'Too many errors processing variables, error limit reached. Execution aborted.';

// graphql-js enforces the token limit while parsing, so that refusal arrives as a parse error with this text
// ("more that" in graphql 16, "more than" in later versions).
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

function queryLimitOf(raw: unknown, formatted: GraphQLFormattedError): QueryLimitError | undefined {
  // Apollo wraps a validation rule's error and keeps what the rule reported as originalError.
  const original = raw instanceof GraphQLError ? raw.originalError : undefined;
  if (original instanceof QueryLimitError) return original;
  const tokens =
    formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && TOO_MANY_TOKENS.exec(formatted.message);
  if (tokens) return new QueryLimitError('MAX_TOKENS', `The query has more than ${tokens[1]} tokens`);
  return undefined;
}

/**
 * graphql-js quotes the offending value in coercion errors, and the value may be patient data: keep where the
 * problem is and what rule it broke, drop the value.
 */
export function describeRequestError(message: string): { message: string; field?: string } {
  const cut = message.lastIndexOf('; ');
  const head = cut >= 0 ? message.slice(0, cut) : message;
  const reason = (cut >= 0 ? message.slice(cut + 2) : message)
    .replace(/ value: .*$/s, ' value')
    .replace(/^Expected value of type ("[^"]+"), found .*$/s, 'Expected a value of type $1');
  const variable = /^Variable "(\$\w+)" got invalid value/.exec(head);
  if (!variable) return { message: cut >= 0 ? `Invalid value: ${reason}` : reason };
  const at = /at "[^".[]+(?:\.|(?=\[))?([^"]*)"$/.exec(head);
  const missing = /^Field "([^"]+)" of required type/.exec(reason);
  const field = at?.[1] || missing?.[1];
  return {
    message: `Variable "${variable[1]}" has an invalid value${at?.[1] ? ` at "${at[1]}"` : ''}: ${reason}`,
    field: at?.[1] && missing ? `${at[1]}.${missing[1]}` : field,
  };
}

// graphql-js's messages for an argument whose literal value does not fit its type (ValuesOfCorrectTypeRule) or that
// is missing (ProvidedRequiredArgumentsRule): the request's own values, so BAD_USER_INPUT like a bad variable.
const ARGUMENT_VALUE =
  /^(Value ".*" does not exist in ".*" enum|Enum ".*" cannot represent|\w+ cannot represent|Expected value of type|Field ".*" of required type ".*" was not provided|Field ".*" is not defined by type|Field ".*" argument "(\w+)" of type ".*" is required)/s;

/** The name of the argument a validation error is about, found from where the error points in the document. */
function badArgumentOf(raw: unknown, message: string): string | undefined {
  const match = ARGUMENT_VALUE.exec(message);
  if (!match) return undefined;
  if (match[2]) return match[2];
  const error = raw instanceof GraphQLError ? raw : undefined;
  const at = error?.positions?.[0];
  if (!error?.source || at === undefined) return undefined;
  let name: string | undefined;
  try {
    visit(parse(error.source), {
      Argument(node) {
        if (node.loc && node.loc.start <= at && at < node.loc.end) name = node.name.value;
      },
    });
  } catch {
    return undefined;
  }
  return name;
}

export type GraphQLErrorFormatter = (formatted: GraphQLFormattedError, raw: unknown) => GraphQLFormattedError;

/**
 * The one place where errors become what a client sees: a message and a stable extensions.code from the first
 * mapping that knows the error, else a malformed request's own code, else INTERNAL_SERVER_ERROR with nothing
 * internal. The request's log line reports an unexpected error once, with class and stack but no message (a driver
 * message can quote row values): see the request-logging plugin.
 */
export function createGraphQLErrorFormatter(mappings: readonly ErrorMapping[]): GraphQLErrorFormatter {
  return (formatted, raw) => {
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    const limit = queryLimitOf(raw, formatted);
    if (limit) {
      return { message: limit.message, extensions: { code: 'QUERY_TOO_COMPLEX', reason: limit.limit } };
    }
    const error = unwrapResolverError(raw);
    let answer: ApiErrorAnswer | undefined;
    for (const mapping of mappings) if ((answer ??= mapping.answer(error))) break;
    if (answer && answer.code !== 'INTERNAL_SERVER_ERROR') {
      const { code, reason, field, message, extensions } = answer;
      return {
        ...base,
        message,
        extensions: {
          code,
          ...(reason !== undefined && { reason }),
          ...(field !== undefined && { field }),
          ...extensions,
        },
      };
    }
    if (
      error instanceof GraphQLError &&
      error.message === TOO_MANY_VARIABLE_ERRORS &&
      !error.path &&
      !error.originalError
    )
      return { message: error.message, extensions: { code: 'BAD_USER_INPUT', reason: 'TOO_MANY_ERRORS' } };
    const code = formatted.extensions?.code;
    const argument = code === 'GRAPHQL_VALIDATION_FAILED' ? badArgumentOf(raw, formatted.message) : undefined;
    if (argument) {
      const { message } = describeRequestError(formatted.message);
      return { ...base, message, extensions: { code: 'BAD_USER_INPUT', field: argument } };
    }
    if (typeof code === 'string' && REQUEST_CODES.has(code)) {
      const { message, field } = describeRequestError(formatted.message);
      return { ...base, message, extensions: { code, ...(field ? { field } : {}) } };
    }
    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
