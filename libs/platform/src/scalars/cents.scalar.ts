import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function parseCents(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new GraphQLError('Cents must be a whole number of cents', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/** Money in integer cents. Int is 32-bit in GraphQL (about $21M); claim totals and AR sums can exceed it. */
export const CentsScalar = new GraphQLScalarType({
  name: 'Cents',
  description: 'An amount of money in whole US cents (a safe integer, never a fraction).',
  serialize: (value) => parseCents(typeof value === 'string' ? Number(value) : value),
  parseValue: parseCents,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT)
      throw new GraphQLError('Cents must be a whole number of cents', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    return parseCents(Number(ast.value));
  },
});
