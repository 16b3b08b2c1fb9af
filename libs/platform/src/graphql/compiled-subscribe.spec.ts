import {
  GraphQLError,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  subscribe,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { jest } from '@jest/globals';
import { compileQuery } from 'graphql-jit';
import { compiledSubscribe } from './compiled-subscribe.js';

interface Event {
  position: string;
  data: { amount: number };
}

const Event = new GraphQLObjectType<Event>({
  name: 'Event',
  fields: {
    position: { type: new GraphQLNonNull(GraphQLString) },
    amount: { type: GraphQLInt, resolve: (event) => event.data.amount },
    broken: {
      type: GraphQLString,
      resolve: () => {
        throw new Error('no such field today');
      },
    },
  },
});

/** A subscription like the event log's: batches of events, refused for a position it never gave. */
const schema = (events: Event[][]) =>
  new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLInt } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        batches: {
          type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Event))),
          args: { after: { type: GraphQLString } },
          // Refuses before it returns the stream, as the event log's subscription does.
          subscribe: async (_root: unknown, args: { after?: string }) => {
            if (args.after === 'nowhere') throw new GraphQLError('after is no position');
            return (async function* () {
              yield* events;
            })();
          },
          resolve: (batch: unknown) => batch,
        },
      },
    }),
  });

const events: Event[][] = [
  [
    { position: '1', data: { amount: 100 } },
    { position: '2', data: { amount: 250 } },
  ],
  [{ position: '3', data: { amount: -40 } }],
];

async function results(
  run: (args: ExecutionArgs) => Promise<AsyncIterable<ExecutionResult> | ExecutionResult>,
  args: ExecutionArgs,
): Promise<unknown> {
  const result = await run(args);
  if (!(Symbol.asyncIterator in result)) return result;
  const all: unknown[] = [];
  for await (const message of result) all.push(JSON.parse(JSON.stringify(message)));
  return all;
}

describe('compiledSubscribe', () => {
  const served = schema(events);
  const args = (query: string, variableValues?: Record<string, unknown>): ExecutionArgs => ({
    schema: served,
    document: parse(query),
    variableValues,
  });

  it.each([
    ['every field', 'subscription { batches { position amount } }'],
    [
      'aliases and a fragment',
      'subscription { b: batches { ...E p: position } } fragment E on Event { amount }',
    ],
    ['a skipped field', 'subscription($no: Boolean!) { batches { position amount @skip(if: $no) } }'],
    ['a field that fails', 'subscription { batches { position broken } }'],
  ])('delivers what graphql-js delivers: %s', async (_name, query) => {
    const compiler = jest.fn(compileQuery);
    const run = compiledSubscribe(compiler as typeof compileQuery);
    const variables = { no: true };
    const expected = await results(subscribe, args(query, variables));
    expect(await results(run, args(query, variables))).toEqual(expected);
    // The second subscription of the same document (parsed anew, as graphql-ws does) runs the compiled one again.
    expect(await results(run, args(query, variables))).toEqual(expected);
    expect(compiler).toHaveBeenCalledTimes(1);
  });

  it('answers a refused subscription with its error, as graphql-js does, instead of a stream', async () => {
    const query = 'subscription { batches(after: "nowhere") { position } }';
    const refused = (await compiledSubscribe()(args(query))) as ExecutionResult;
    expect(refused.errors?.map((e) => e.message)).toEqual(['after is no position']);
    expect(JSON.parse(JSON.stringify(refused))).toEqual(
      JSON.parse(JSON.stringify(await subscribe(args(query)))),
    );
  });

  it('compiles again for another schema', async () => {
    const compiler = jest.fn(compileQuery);
    const run = compiledSubscribe(compiler as typeof compileQuery);
    const query = 'subscription { batches { position } }';
    await results(run, args(query));
    const other = { ...args(query), schema: schema([[{ position: '9', data: { amount: 1 } }]]) };
    expect(await results(run, other)).toEqual([{ data: { batches: [{ position: '9' }] } }]);
    expect(compiler).toHaveBeenCalledTimes(2);
  });

  it('ends the source at once when the subscriber leaves, even while it waits for the next event', async () => {
    let ended = false;
    const waiting: AsyncIterableIterator<Event[]> = {
      next: () => new Promise(() => {}),
      return: async () => {
        ended = true;
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    const quiet = new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLInt } } }),
      subscription: new GraphQLObjectType({
        name: 'Subscription',
        fields: { batches: { type: new GraphQLList(Event), subscribe: () => waiting, resolve: (b) => b } },
      }),
    });
    const stream = (await compiledSubscribe()({
      schema: quiet,
      document: parse('subscription { batches { position } }'),
    })) as AsyncIterableIterator<ExecutionResult>;
    void stream.next();
    expect(await stream.return!()).toEqual({ done: true, value: undefined });
    expect(ended).toBe(true);
  });
});
