import { GraphQLError } from 'graphql';
import {
  NotFoundError,
  QueryLimitError,
  ReadModelLaggingError,
  RequestValidationError,
} from './api-errors.js';
import { errorMapping } from './error-mapping.js';
import { createGraphQLErrorFormatter, describeRequestError } from './graphql-error-formatter.js';
import { platformErrorMapping } from './platform-errors.mapping.js';

class ShelfError extends Error {
  constructor(
    readonly reason: 'SHELF_FULL' | 'SHELF_MISSING',
    readonly field?: string,
  ) {
    super(`The shelf says ${reason}`);
  }
}

const shelfErrors = errorMapping({
  errorClass: ShelfError,
  reasonOf: (error) => error.reason,
  fieldOf: (error) => error.field,
  codes: { SHELF_FULL: 'CONFLICT', SHELF_MISSING: 'NOT_FOUND' },
  meanings: { SHELF_FULL: 'No room left.', SHELF_MISSING: 'No such shelf.' },
});

const formatGraphQLError = createGraphQLErrorFormatter([platformErrorMapping, shelfErrors]);

const PATIENT = 'SMITH-JOHN-19700101';

describe('describeRequestError', () => {
  it.each([
    [
      `Variable "$input" got invalid value "${PATIENT}" at "input.lines[0].units"; Int cannot represent non-integer value: "${PATIENT}"`,
      'lines[0].units',
    ],
    [
      `Variable "$input" got invalid value { patientRef: "${PATIENT}" }; Field "claimId" of required type "String!" was not provided.`,
      'claimId',
    ],
    [
      `Variable "$input" got invalid value "${PATIENT}" at "input.payerId"; Expected value of type "String!", found "${PATIENT}"`,
      'payerId',
    ],
  ])('keeps where and why, drops the value (%#)', (message, field) => {
    const described = describeRequestError(message);
    expect(described.message).not.toContain(PATIENT);
    expect(described.field).toBe(field);
  });

  it('drops values quoted in literal type errors', () => {
    expect(describeRequestError(`String cannot represent a non string value: ${PATIENT}`).message).toBe(
      'String cannot represent a non string value',
    );
  });
});

describe('formatGraphQLError', () => {
  const format = (error: unknown, code?: string) =>
    formatGraphQLError(
      { message: 'raw', path: ['submitClaim'], extensions: code ? { code } : {} },
      new GraphQLError('raw', { originalError: error as Error, path: ['submitClaim'] }),
    );

  it.each([
    [new ShelfError('SHELF_FULL', 'shelfId'), { code: 'CONFLICT', reason: 'SHELF_FULL', field: 'shelfId' }],
    [new ShelfError('SHELF_MISSING'), { code: 'NOT_FOUND', reason: 'SHELF_MISSING' }],
    [
      new RequestValidationError([{ field: 'payerId', message: 'payerId must be...' }]),
      {
        code: 'BAD_USER_INPUT',
        field: 'payerId',
        fields: [{ field: 'payerId', message: 'payerId must be...' }],
      },
    ],
    [new NotFoundError('Claim'), { code: 'NOT_FOUND' }],
    [new ReadModelLaggingError('p', 10), { code: 'READ_MODEL_LAGGING', position: 'p', waitedMs: 10 }],
  ])('maps %p to a stable code through the first mapping that knows it', (error, extensions) => {
    expect(format(error).extensions).toEqual(extensions);
  });

  it('lists what each mapping answers with, for the README', () => {
    expect(shelfErrors.reasons).toEqual([
      { code: 'CONFLICT', reason: 'SHELF_FULL', meaning: 'No room left.' },
      { code: 'NOT_FOUND', reason: 'SHELF_MISSING', meaning: 'No such shelf.' },
    ]);
  });

  it('hides an unexpected error behind INTERNAL_SERVER_ERROR with no detail', () => {
    const formatted = format(
      new Error(
        `duplicate key value violates unique constraint; SELECT * FROM claims WHERE patient_ref = '${PATIENT}'`,
      ),
    );
    expect(formatted).toEqual({
      message: 'Internal server error',
      path: ['submitClaim'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('answers graphql-js giving up after 50 bad variable values as BAD_USER_INPUT', () => {
    const tooMany = new GraphQLError(
      'Too many errors processing variables, error limit reached. Execution aborted.',
    );
    expect(formatGraphQLError({ message: tooMany.message }, tooMany).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'TOO_MANY_ERRORS',
    });
  });

  it.each([
    ['a validation rule', 'GRAPHQL_VALIDATION_FAILED', 'MAX_ALIASES'],
    ['a plugin before execution', undefined, 'MAX_COST'],
  ])('passes a query refused by %s through as QUERY_TOO_COMPLEX', (_by, code, limit) => {
    const refusal = new QueryLimitError(limit as 'MAX_COST', 'Aliases limit of 15 exceeded, found 20.');
    // Apollo wraps what a rule reports and keeps it as originalError; there is no path before execution.
    const raw = new GraphQLError('Syntax Error: Aliases limit', { originalError: refusal });
    const formatted = formatGraphQLError({ message: raw.message, extensions: code ? { code } : {} }, raw);
    expect(formatted).toEqual({
      message: 'Aliases limit of 15 exceeded, found 20.',
      extensions: { code: 'QUERY_TOO_COMPLEX', reason: limit },
    });
  });

  it("passes graphql-js's token limit through as QUERY_TOO_COMPLEX", () => {
    const message = 'Syntax Error: Document contains more that 5000 tokens. Parsing aborted.';
    const formatted = formatGraphQLError(
      { message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
      new GraphQLError(message),
    );
    expect(formatted.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', reason: 'MAX_TOKENS' });
  });
});
