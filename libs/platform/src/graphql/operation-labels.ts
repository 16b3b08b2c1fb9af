import { Kind, type OperationDefinitionNode } from 'graphql';

export interface OperationLabels {
  operation: string;
  kind: string;
}

/**
 * What metrics and traces call an operation, from the validated operation, never the client's operationName (free
 * text): its root field when it has one, `multiple` when it has several (each combination its own series would let a
 * client mint series at will), `none` when the request never got a valid operation.
 */
export function operationLabels(operation: OperationDefinitionNode | undefined): OperationLabels {
  if (!operation) return { operation: 'none', kind: 'none' };
  const fields = new Set(
    operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])),
  );
  const [only] = fields;
  return {
    operation: fields.size === 1 ? only! : fields.size === 0 ? 'none' : 'multiple',
    kind: operation.operation,
  };
}

const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** ok, or the first error's code as the client got it (the formatter's closed set; anything else UNKNOWN). */
export function operationOutcome(codes: readonly unknown[]): string {
  if (codes.length === 0) return 'ok';
  const [first] = codes;
  return typeof first === 'string' && ERROR_CODE.test(first) ? first : 'UNKNOWN';
}
