import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

export type OperationKind = 'query' | 'mutation' | 'subscription';

export interface SchemaOperation {
  kind: OperationKind;
  name: string;
  /** A document that runs the operation with well-typed placeholder arguments, selecting `__typename` only. */
  document: string;
  variables: Record<string, unknown>;
  /** The roles its resolver declares (@Roles writes them into the field's extensions). */
  declaredRoles: readonly string[] | undefined;
}

const SCALARS: Record<string, unknown> = {
  String: 'X1',
  ID: 'X1',
  Int: 1,
  Float: 1,
  Boolean: false,
  Cents: 1,
  JSON: {},
  DateTime: '2026-01-01T00:00:00.000Z',
};

/** A value GraphQL accepts for the type (a required input's required fields filled in); rules may still refuse it. */
function placeholder(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return placeholder(type.ofType);
  if (isListType(type)) return [placeholder(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type))
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, placeholder(field.type)]),
    );
  if (isScalarType(type) && type.name in SCALARS) return SCALARS[type.name];
  throw new Error(`No placeholder for scalar ${String(type)}: add one`);
}

const selectionOf = (type: GraphQLOutputType) =>
  isScalarType(getNamedType(type)) || isEnumType(getNamedType(type)) ? '' : ' { __typename }';

function operationOf(kind: OperationKind, field: GraphQLField<unknown, unknown>): SchemaOperation {
  const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const declarations = required.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const args = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return {
    kind,
    name: field.name,
    document: `${kind} Op${declarations ? `(${declarations})` : ''} { ${field.name}${args ? `(${args})` : ''}${selectionOf(field.type)} }`,
    variables: Object.fromEntries(required.map((arg) => [arg.name, placeholder(arg.type)])),
    declaredRoles: field.extensions?.roles as readonly string[] | undefined,
  };
}

/** Every query, mutation and subscription of the schema the API runs. */
export function schemaOperations(schema: GraphQLSchema): SchemaOperation[] {
  const roots: [OperationKind, ReturnType<GraphQLSchema['getQueryType']>][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  return roots.flatMap(([kind, type]) =>
    type && isObjectType(type)
      ? Object.values(type.getFields()).map((field) => operationOf(kind, field))
      : [],
  );
}

/** Every field of an output type down to `depth` levels (fields that need arguments left out): to read it all. */
export function selectAll(schema: GraphQLSchema, typeName: string, depth = 4): string {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  const fields = Object.values(type.getFields())
    .filter((field) => field.args.every((arg) => !isNonNullType(arg.type)))
    .flatMap((field) => {
      const named = getNamedType(field.type);
      if (!isObjectType(named)) return [field.name];
      return depth > 1 ? [`${field.name} ${selectAll(schema, named.name, depth - 1)}`] : [];
    });
  return `{ ${fields.join(' ')} }`;
}
