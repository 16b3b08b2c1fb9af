// fast-check arbitraries for hostile GraphQL arguments, derived from the live schema so new fields are covered.
import fc from 'fast-check';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import type { TestApi } from './api-harness.js';

export type Path = (string | number)[];

/** A place in an argument: where, what the schema wants there, and what the valid argument holds (if anything). */
export interface Slot {
  path: Path;
  type: GraphQLInputType;
  value: unknown;
}

export interface Operation {
  kind: 'query' | 'mutation';
  name: string;
  args: readonly GraphQLArgument[];
  /** The operation text, with one variable per argument, named as the argument. */
  document: string;
}

export async function liveSchema(api: TestApi): Promise<GraphQLSchema> {
  const { data, errors } = await api.gql<IntrospectionQuery>(getIntrospectionQuery());
  if (errors) throw new Error(`introspection failed: ${JSON.stringify(errors)}`);
  return buildClientSchema(data!);
}

/** Every query and mutation of the schema that takes arguments. */
export function operationsOf(schema: GraphQLSchema): Operation[] {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const;
  return roots.flatMap(([kind, root]) =>
    Object.values(root?.getFields() ?? {})
      .filter((field) => field.args.length > 0)
      .map((field) => ({ kind, name: field.name, args: field.args, document: documentFor(kind, field) })),
  );
}

function documentFor(kind: string, field: GraphQLField<unknown, unknown>): string {
  const variables = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const type = getNamedType(field.type);
  // A command's position lets the test wait until the read models have applied what was accepted.
  const position = isObjectType(type) && type.getFields().position ? ' position' : '';
  const selection = isObjectType(type) ? ` { __typename${position} }` : '';
  return `${kind} Fuzz(${variables}) { ${field.name}(${args})${selection} }`;
}

const insertAt = (text: string, at: number, insert: string) => {
  const i = at % (text.length + 1);
  return text.slice(0, i) + insert + text.slice(i);
};

const code = (from: number, to: number) =>
  fc.integer({ min: from, max: to }).map((c) => String.fromCharCode(c));

/** Characters that break storage or hide text: C0 and C1 controls, DEL, and halves of surrogate pairs. */
export const nastyChar = fc.oneof(code(0x00, 0x1f), code(0x7f, 0x9f), code(0xd800, 0xdfff));

const anyChar = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: nastyChar },
  {
    weight: 1,
    arbitrary: fc.constantFrom('"', "'", '\\', '$', '%', '_', ';', '--', '{', '}', '[', ']', '/*'),
  },
);

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const dateLike = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 1899, 1900, 2199, 2200, 9999)),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
  )
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
const instantLike = fc
  .tuple(
    dateLike,
    fc.integer({ min: 0, max: 25 }),
    fc.constantFrom('Z', '', '+14:00', '-12:00', '+99:99', '.123456789Z'),
  )
  .map(([date, hour, zone]) => `${date}T${pad(hour, 2)}:00:00${zone}`);
const positionLike = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 21n }), fc.bigInt({ min: 0n, max: 10n ** 21n }))
  .map(([a, b]) => `${String(a).padStart(20, '0')}/${String(b).padStart(20, '0')}`);
const idLike = fc.oneof(
  fc.string({ unit: anyChar, maxLength: 40 }),
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,45}$/),
);
const cursorLike = fc
  .oneof(fc.tuple(instantLike, idLike), fc.jsonValue({ maxDepth: 3 }))
  .map((value) => Buffer.from(JSON.stringify(value) ?? '').toString('base64url'));
const nearValid = fc
  .tuple(
    fc.constantFrom('CLM-1001', 'MCRTX', '99214', 'E11.9', '2026-03-02', '2026-03-10T15:00:00.000Z', 'N115'),
    fc.nat(),
    nastyChar,
  )
  .map(
    ([valid, at, char]) =>
      valid.slice(0, at % (valid.length + 1)) + char + valid.slice(at % (valid.length + 1)),
  );

/** Strings that are wrong in every way a client could send: controls, surrogates, impossible dates, huge. */
export const garbageString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: anyChar, maxLength: 60 }),
  nearValid,
  dateLike,
  instantLike,
  positionLike,
  cursorLike,
  idLike,
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uD800',
    '\uDFFF',
    'null',
    'undefined',
    'NaN',
    '-1',
    '1e400',
    '__proto__',
  ),
  fc.tuple(anyChar, fc.integer({ min: 1_000, max: 20_000 })).map(([char, n]) => char.repeat(n)),
);

const garbageNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double(),
  fc.constantFrom(0, -1, -0.5, 0.1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), 1e21, 1e308, -1e308),
);

/** Any JSON at all, deep nesting included. */
export const jsonGarbage: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 1_000 }).map((depth) => nested(depth)) },
);

function nested(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** A value shaped like `type` but wrong inside, or of another type, or null, or missing (undefined). */
export function garbageFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const wrongType = fc.oneof(fc.constant(null), fc.boolean(), garbageNumber, garbageString, fc.constant({}));
  if (isNonNullType(type)) {
    return fc.oneof(
      { weight: 8, arbitrary: garbageFor(getNullableType(type) as GraphQLInputType, depth) },
      { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
    );
  }
  if (isListType(type)) {
    const item = garbageFor(type.ofType as GraphQLInputType, depth + 1);
    return fc.oneof(
      { weight: 4, arbitrary: fc.array(item, { maxLength: depth > 1 ? 2 : 5 }) },
      { weight: 1, arbitrary: item },
      { weight: 1, arbitrary: fc.array(fc.constant('E11.9'), { minLength: 51, maxLength: 300 }) },
      { weight: 1, arbitrary: wrongType },
    );
  }
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant({});
    const fields = Object.fromEntries(
      Object.values(type.getFields()).map((f) => [f.name, garbageFor(f.type, depth + 1)]),
    );
    return fc.oneof(
      { weight: 6, arbitrary: fc.record(fields, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.record({ ...fields, unknownField: fc.string() }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: wrongType },
    );
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    return fc.oneof(
      fc.constantFrom(...values),
      fc.constantFrom(...values).map((v) => v.toLowerCase()),
      garbageString,
      wrongType,
    );
  }
  switch (type.name) {
    case 'String':
    case 'ID':
      return fc.oneof({ weight: 6, arbitrary: garbageString }, { weight: 1, arbitrary: wrongType });
    case 'Int':
    case 'Float':
    case 'Cents':
      return fc.oneof({ weight: 4, arbitrary: garbageNumber }, { weight: 1, arbitrary: wrongType });
    case 'Boolean':
      return fc.oneof(fc.boolean(), wrongType);
    default:
      return fc.oneof(jsonGarbage, wrongType);
  }
}

/** A valid value made wrong in a way that may slip past a shape check: one bad character, off by one, too many. */
export function mutantOf(value: unknown): fc.Arbitrary<unknown> {
  if (typeof value === 'string') {
    return fc.oneof(
      { weight: 4, arbitrary: fc.tuple(fc.nat(), nastyChar).map(([at, char]) => insertAt(value, at, char)) },
      { weight: 1, arbitrary: fc.constantFrom(...[...value].map((_c, i) => value.slice(0, i))) },
      { weight: 1, arbitrary: fc.integer({ min: 2, max: 500 }).map((n) => value.repeat(n)) },
      { weight: 2, arbitrary: fc.oneof(dateLike, instantLike, positionLike, cursorLike) },
    );
  }
  if (typeof value === 'number') {
    return fc.constantFrom(
      value + 1,
      value - 1,
      -value,
      -value - 1,
      value + 0.5,
      value * 1e6,
      2 ** 31,
      2 ** 53,
      1e308,
    );
  }
  if (Array.isArray(value) && value.length > 0) {
    return fc.oneof(
      fc.constant([]),
      fc.integer({ min: 2, max: 300 }).map((n) => Array.from({ length: n }, () => value).flat()),
    );
  }
  return fc.constantFrom(null, {}, []);
}

/** Every place in `value` (shaped as `type`) that can hold a value, present or not, with the type it should have. */
export function slotsOf(type: GraphQLInputType, value: unknown, path: Path): Slot[] {
  const slots: Slot[] = [{ path, type, value }];
  const nullable = getNullableType(type);
  if (isListType(nullable) && Array.isArray(value)) {
    value.forEach((item, i) =>
      slots.push(...slotsOf(nullable.ofType as GraphQLInputType, item, [...path, i])),
    );
  } else if (isInputObjectType(nullable)) {
    for (const field of Object.values(nullable.getFields())) {
      const inner = (value as Record<string, unknown> | undefined)?.[field.name];
      if (inner !== undefined || path.length < 3)
        slots.push(...slotsOf(field.type, inner, [...path, field.name]));
    }
  }
  return slots;
}

/** A deep copy of `value` with `replacement` at `path` (removed when undefined); missing parents are created. */
export function replaceAt(
  value: Record<string, unknown>,
  path: Path,
  replacement: unknown,
): Record<string, unknown> {
  const copy = structuredClone(value);
  let parent: any = copy;
  for (const [i, key] of path.slice(0, -1).entries()) {
    if (parent[key] === null || typeof parent[key] !== 'object')
      parent[key] = typeof path[i + 1] === 'number' ? [] : {};
    parent = parent[key];
  }
  const last = path[path.length - 1]!;
  if (replacement === undefined) delete parent[last];
  else parent[last] = replacement;
  return copy;
}
