import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { buildSchema, GraphQLError } from 'graphql';
import { RequestValidationError, ShuttingDownError } from '../errors/api-errors.js';
import { createGraphQLErrorFormatter } from '../errors/graphql-error-formatter.js';
import { platformErrorMapping } from '../errors/platform-errors.mapping.js';
import type { QueryLimits } from './graphql.config.js';
import { graphqlWsOptions } from './graphql-ws.options.js';

const limits = { maxSubscriptions: 2 } as QueryLimits;
const options = graphqlWsOptions(
  limits,
  { plugins: [], validationRules: [], parseOptions: {} },
  createGraphQLErrorFormatter([platformErrorMapping]),
);
const ctx = (open: number) => ({
  subscriptions: Object.fromEntries([...Array(open)].map((_, i) => [i, null])),
});
// graphql-ws wraps what an iterator throws in a GraphQLError of its own, around graphql-js's located one.
const wrapped = (error: Error) =>
  new GraphQLError(error.message, {
    originalError: new GraphQLError(error.message, { originalError: error }),
  });

describe('graphql-ws as the API serves it', () => {
  it('refuses an operation over the per-connection limit with a coded error', async () => {
    expect(await options.onSubscribe!(ctx(2) as never, '1', {} as never)).toBeUndefined();
    const refused = (await options.onSubscribe!(ctx(3) as never, '2', {} as never)) as GraphQLError[];
    const [answer] = (await options.onError!({} as never, '2', {} as never, refused)) as GraphQLError[];
    expect(answer!.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', reason: 'MAX_SUBSCRIPTIONS' });
  });

  it("answers a library's error inside graphql-ws's wrapping as the mappings say", async () => {
    const error = wrapped(new RequestValidationError([{ field: 'after', message: 'after is no position' }]));
    const [answer] = (await options.onError!({} as never, '1', {} as never, [error])) as GraphQLError[];
    expect(answer!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('answers an unexpected error with nothing internal, and logs its class without its message', async () => {
    const log = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => {});
    const [answer] = (await options.onError!({} as never, '1', {} as never, [
      wrapped(new TypeError('row PT-42 broke')),
    ])) as GraphQLError[];
    expect(answer).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(log.mock.calls)).toContain('TypeError');
    expect(JSON.stringify(log.mock.calls)).not.toContain('PT-42');
    log.mockRestore();
  });

  describe('with the schema it serves', () => {
    const schema = buildSchema(`
      type Query { ok: Int }
      type Event { position: String, data: String }
      type Subscription { events(first: Int): [Event!]! }
    `);
    /** The options over this schema, with the observer and shutdown signal given. */
    const servedWith = (observer?: Parameters<typeof graphqlWsOptions>[5], shutdown?: AbortSignal) =>
      graphqlWsOptions(
        { maxSubscriptions: 2, maxCost: 50 } as QueryLimits,
        { plugins: [], validationRules: [], parseOptions: {} },
        createGraphQLErrorFormatter([platformErrorMapping]),
        () => schema,
        undefined,
        observer,
        shutdown,
      );
    const served = servedWith();
    const subscribe = (connection: object, id: string, query: string, variables = {}) =>
      served.onSubscribe!({ ...connection, subscriptions: {} } as never, id, {
        query,
        variables,
        operationName: 'Feed',
      } as never);

    it('refuses an operation over the cost limit when it is subscribed, with the variables applied', async () => {
      const refused = (await subscribe(
        {},
        '1',
        'subscription Feed($n: Int) { events(first: $n) { position data } }',
        { n: 100 },
      )) as GraphQLError[];
      const [answer] = (await served.onError!({} as never, '1', {} as never, refused)) as GraphQLError[];
      expect(answer!.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', reason: 'MAX_COST' });
      expect(
        await subscribe({}, '2', 'subscription Feed($n: Int) { events(first: $n) { position } }', { n: 10 }),
      ).toBeUndefined();
    });

    it('logs one line when an operation ends: its name, root fields, messages and duration, never the query', async () => {
      const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => {});
      const connection = { subscriptions: {} };
      await served.onSubscribe!(connection as never, '7', {
        query: 'subscription Feed { events(first: 1) { position data } }',
        operationName: 'Feed',
      } as never);
      for (let i = 0; i < 2; i++)
        await served.onNext!(connection as never, '7', {} as never, {} as never, { data: {} });
      await served.onComplete!(connection as never, '7', {} as never);
      await served.onComplete!(connection as never, '7', {} as never);
      expect(log).toHaveBeenCalledTimes(1);
      expect(log.mock.calls[0]![0]).toMatchObject({
        operationName: 'Feed',
        rootFields: ['events'],
        messages: 2,
      });
      expect(JSON.stringify(log.mock.calls)).not.toContain('position');
      log.mockRestore();
    });

    it('tells the observer when each operation opens and ends, once, also when its socket closes first', async () => {
      jest.spyOn(Logger.prototype, 'log').mockImplementation(() => {});
      let open = 0;
      const observed = servedWith({ subscriptionOpened: () => open++, subscriptionEnded: () => open-- });
      const connection = { subscriptions: {} };
      for (const id of ['1', '2'])
        await observed.onSubscribe!(connection as never, id, {
          query: 'subscription Feed { events(first: 1) { position } }',
        } as never);
      expect(open).toBe(2);
      await observed.onComplete!(connection as never, '1', {} as never);
      await observed.onComplete!(connection as never, '1', {} as never);
      expect(open).toBe(1);
      await observed.onClose!(connection as never, 1000, '');
      expect(open).toBe(0);
      await observed.onComplete!(connection as never, '2', {} as never);
      expect(open).toBe(0);
      jest.restoreAllMocks();
    });

    describe('when the process shuts down', () => {
      const connection = () => {
        const socket = { close: jest.fn() };
        return { socket, ctx: { subscriptions: {}, extra: { socket } } };
      };
      const afterSends = () => new Promise((resolve) => setImmediate(resolve));

      it('ends each connection with 1001 once its subscriptions have ended, naming where one stopped; takes nothing new', async () => {
        jest.spyOn(Logger.prototype, 'log').mockImplementation(() => {});
        const controller = new AbortController();
        const options = servedWith(undefined, controller.signal);
        const feed = 'subscription Feed { events(first: 1) { position } }';
        const busy = connection();
        const idle = connection();
        for (const { ctx } of [busy, idle]) expect(await options.onConnect!(ctx as never)).toBe(true);
        await options.onSubscribe!(busy.ctx as never, '1', { query: feed } as never);

        controller.abort();
        await afterSends();
        expect(idle.socket.close).toHaveBeenCalledWith(1001, '{"code":"SHUTTING_DOWN"}');
        expect(busy.socket.close).not.toHaveBeenCalled();

        const refused = (await options.onSubscribe!(busy.ctx as never, '2', {
          query: feed,
        } as never)) as GraphQLError[];
        const [refusal] = (await options.onError!(
          busy.ctx as never,
          '2',
          {} as never,
          refused,
        )) as GraphQLError[];
        expect(refusal!.extensions).toEqual({ code: 'SHUTTING_DOWN' });
        const [ended] = (await options.onError!(busy.ctx as never, '1', {} as never, [
          wrapped(new ShuttingDownError('00000000000000000007/00000000000000000001')),
        ])) as GraphQLError[];
        expect(ended!.extensions).toEqual({
          code: 'SHUTTING_DOWN',
          lastPosition: '00000000000000000007/00000000000000000001',
        });
        expect(busy.socket.close).not.toHaveBeenCalled();
        await afterSends();
        expect(busy.socket.close).toHaveBeenCalledWith(
          1001,
          '{"code":"SHUTTING_DOWN","lastPosition":"00000000000000000007/00000000000000000001"}',
        );

        const late = connection();
        expect(await options.onConnect!(late.ctx as never)).toBe(false);
        expect(late.socket.close).toHaveBeenCalledWith(1001, '{"code":"SHUTTING_DOWN"}');
        jest.restoreAllMocks();
      });
    });
  });
});
