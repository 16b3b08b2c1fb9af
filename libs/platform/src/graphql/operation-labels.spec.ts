import { getOperationAST, parse } from 'graphql';
import { operationLabels, operationOutcome } from './operation-labels.js';

const labelsOf = (query: string, name?: string) =>
  operationLabels(getOperationAST(parse(query), name) ?? undefined);

describe('GraphQL operation labels', () => {
  it('name the root field, not the client operation name or the alias', () => {
    expect(labelsOf('query PatientSmith4711 { mine: claim(id: "CLM-1") { id } }')).toEqual({
      operation: 'claim',
      kind: 'query',
    });
    expect(labelsOf('mutation { submitClaim(input: {}) { claimId } }')).toEqual({
      operation: 'submitClaim',
      kind: 'mutation',
    });
  });

  it('count one root field asked twice as one, and several as multiple', () => {
    expect(labelsOf('{ a: claim(id: "1") { id } b: claim(id: "2") { id } }').operation).toBe('claim');
    expect(labelsOf('{ claim(id: "1") { id } projections { name } }').operation).toBe('multiple');
  });

  it('say none when there is no valid operation, or only fragments at the root', () => {
    expect(operationLabels(undefined)).toEqual({ operation: 'none', kind: 'none' });
    expect(labelsOf('query { ...on Query { projections { name } } }').operation).toBe('none');
  });
});

describe('GraphQL operation outcome', () => {
  it('is ok without errors, else the first code, and UNKNOWN for anything that is not a code', () => {
    expect(operationOutcome([])).toBe('ok');
    expect(operationOutcome(['FORBIDDEN', 'BAD_REQUEST'])).toBe('FORBIDDEN');
    expect(operationOutcome([undefined])).toBe('UNKNOWN');
    expect(operationOutcome(['patient Smith was here'])).toBe('UNKNOWN');
  });
});
