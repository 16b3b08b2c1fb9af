import {
  createSourceEventStream,
  print,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** Distinct subscription documents kept compiled; the least recently used goes first. */
const MAX_COMPILED = 200;

type Subscribe = (args: ExecutionArgs) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;

/**
 * graphql-ws's subscribe with each message executed by graphql-jit, compiled once per document, instead of
 * interpreted by graphql-js: a subscriber of the event log gets hundreds of events a message, and walking the
 * selection for each one cost more than reading them (docs/performance.md, "Event stream subscription"). The event
 * stream itself is graphql-js's own (createSourceEventStream), as in graphql-js's subscribe: graphql-jit's version of
 * that step fails on an aliased subscription field.
 */
export function compiledSubscribe(compiler: typeof compileQuery = compileQuery): Subscribe {
  const compiled = new Map<string, { schema: GraphQLSchema; query: CompiledQuery }>();
  const compile = (args: ExecutionArgs): CompiledQuery | ExecutionResult => {
    const key = `${args.operationName ?? ''}\n${print(args.document)}`;
    const hit = compiled.get(key);
    if (hit?.schema === args.schema) {
      compiled.delete(key);
      compiled.set(key, hit);
      return hit.query;
    }
    const query = compiler(args.schema, args.document, args.operationName ?? undefined);
    if (!isCompiledQuery(query)) return query;
    compiled.set(key, { schema: args.schema, query });
    if (compiled.size > MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    return query;
  };
  return async (args) => {
    const query = compile(args);
    if (!isCompiledQuery(query)) return query;
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream;
    return mapped(stream, (payload) => query.query(payload, args.contextValue, args.variableValues ?? {}));
  };
}

/** Each item of the source mapped; return() and throw() reach the source at once, as graphql-js's own mapping does. */
function mapped<T, R>(source: AsyncIterable<T>, map: (item: T) => R | Promise<R>): AsyncIterableIterator<R> {
  const iterator = source[Symbol.asyncIterator]();
  const finished = (): IteratorResult<R> => ({ done: true, value: undefined });
  return {
    async next() {
      const item = await iterator.next();
      return item.done ? finished() : { done: false, value: await map(item.value) };
    },
    async return() {
      await iterator.return?.();
      return finished();
    },
    async throw(error?: unknown) {
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
