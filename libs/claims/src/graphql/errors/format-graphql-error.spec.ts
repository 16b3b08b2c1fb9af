import { GraphQLError } from 'graphql';
import { ClaimError } from '../../domain/index.js';
import { QueryLimitError, RequestValidationError } from './api-errors.js';
import { describeRequestError, formatGraphQLError } from './format-graphql-error.js';

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
    [
      new ClaimError('VALIDATION_FAILED', 'lines must have 1-50 service lines', 'lines'),
      { code: 'BAD_USER_INPUT', field: 'lines' },
    ],
    [
      new ClaimError('CLAIM_ALREADY_EXISTS', 'exists', 'claimId'),
      { code: 'CONFLICT', reason: 'CLAIM_ALREADY_EXISTS' },
    ],
    [new ClaimError('VERSION_CONFLICT', 'moved'), { code: 'CONFLICT', reason: 'VERSION_CONFLICT' }],
    [new ClaimError('CLAIM_NOT_FOUND', 'missing', 'claimId'), { code: 'NOT_FOUND' }],
    [new ClaimError('INVALID_TRANSITION', 'no'), { code: 'INVALID_TRANSITION' }],
    [
      new ClaimError('REMITTANCE_UNBALANCED', 'off', 'adjustments'),
      { code: 'BAD_USER_INPUT', reason: 'REMITTANCE_UNBALANCED' },
    ],
    [
      new RequestValidationError([{ field: 'payerId', message: 'payerId must be...' }]),
      { code: 'BAD_USER_INPUT', field: 'payerId' },
    ],
  ])('maps %p to a stable code', (error, extensions) => {
    expect(format(error).extensions).toMatchObject(extensions);
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
