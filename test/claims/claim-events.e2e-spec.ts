import { EVENT_STORE, formatPosition, type EventStore } from '@claimtrail/event-store';
import { startTestApi, type TestApi } from '../support/api-harness.js';
import { SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';
import { subscribeEvents, wsClient, type LogEvent } from '../support/event-subscriber.js';
import { gql, mutation, randomCommand } from '../support/random-commands.js';

const COMMANDS = 1_000;
const CLIENTS = 8;
const MAX_SUBSCRIPTIONS = 3;

async function waitUntil(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('claimEvents over graphql-ws', () => {
  let api: TestApi;
  let store: EventStore;

  beforeAll(async () => {
    api = await startTestApi({ QUERY_MAX_SUBSCRIPTIONS: String(MAX_SUBSCRIPTIONS) });
    store = api.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => api?.close());

  /** Every claim event in the log, read page by page straight from the store: what a subscriber must have seen. */
  async function wholeLog(): Promise<string[]> {
    const positions: string[] = [];
    for (let after: string | undefined; ;) {
      const page = await store.readAll({ after, limit: 1_000, streamPrefix: 'claim-' });
      if (page.length === 0) return positions;
      positions.push(...page.map((e) => e.position));
      after = page.at(-1)!.position;
    }
  }

  it.each(['claimEvents', 'claimEventBatches'] as const)(
    '%s delivers every event once, in log order, to a subscriber from zero and to one that reconnects',
    async (operation) => {
      const pool: string[] = [];
      for (let i = 0; i < CLIENTS; i++) {
        const input = submitClaimInput();
        expect((await gql(api.url, SUBMIT_CLAIM, { input })).errors).toBeUndefined();
        pool.push(input.claimId);
      }

      const steady: LogEvent[] = [];
      const steadyClient = wsClient(api.url);
      const steadySubscription = subscribeEvents(steadyClient, {}, (event) => steady.push(event), operation);

      // Drops its connection part way through the load, then resumes from the last position it received.
      const resumed: LogEvent[] = [];
      let firstClient = wsClient(api.url);
      const first = subscribeEvents(firstClient, {}, (event) => resumed.push(event), operation);

      let sent = 0;
      let accepted = 0;
      let reconnected = false;
      let deliveredBeforeDrop = 0;
      const client = async (worker: number) => {
        while (sent < COMMANDS) {
          const command = randomCommand(pool, `load-${worker}-${sent++}`);
          const answer = await gql(api.url, mutation(command.name), { input: command.input });
          if (!answer.errors) accepted++;
          if (command.name === 'submitClaim' && !answer.errors) pool.push(command.input.claimId);
          if (!reconnected && sent >= COMMANDS / 3) {
            reconnected = true;
            await firstClient.dispose();
            expect(await first.ended).toBeUndefined();
            deliveredBeforeDrop = resumed.length;
            const last = resumed.at(-1)?.position;
            firstClient = wsClient(api.url);
            subscribeEvents(firstClient, { after: last }, (event) => resumed.push(event), operation);
          }
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, (_, worker) => client(worker)));
      expect(accepted).toBeGreaterThan(COMMANDS / 4);

      const log = await wholeLog();
      await waitUntil(() => steady.length >= log.length && resumed.length >= log.length, 'the subscribers');
      // A moment more, for anything delivered twice or past the end to show up.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(steady.map((e) => e.position)).toEqual(log);
      expect(resumed.map((e) => e.position)).toEqual(log);
      expect(deliveredBeforeDrop).toBeGreaterThan(0);
      expect(deliveredBeforeDrop).toBeLessThan(log.length);

      steadySubscription.stop();
      expect(await steadySubscription.ended).toBeUndefined();
      await steadyClient.dispose();
      await firstClient.dispose();
    },
  );

  it("follows one claim's events, and only those of the given types", async () => {
    const input = submitClaimInput();
    const submitted = await gql(api.url, SUBMIT_CLAIM, { input });
    const events: LogEvent[] = [];
    const client = wsClient(api.url);
    subscribeEvents(client, { claimId: input.claimId, types: ['ClaimAssigned'] }, (e) => events.push(e));
    for (const assignee of ['biller-1', 'biller-2']) {
      const other = await gql(api.url, SUBMIT_CLAIM, { input: submitClaimInput() });
      expect(other.errors).toBeUndefined();
      const assigned = await gql(api.url, mutation('assignClaim'), {
        input: { claimId: input.claimId, assignee },
      });
      expect(assigned.errors).toBeUndefined();
    }
    await waitUntil(() => events.length >= 2, 'the claim events');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events.map((e) => [e.claimId, e.type, e.version])).toEqual([
      [input.claimId, 'ClaimAssigned', 1],
      [input.claimId, 'ClaimAssigned', 2],
    ]);
    expect(events[0]!.position > submitted.data!.submitClaim.position).toBe(true);
    await client.dispose();
  });

  it('keeps the aliases a subscriber gives, in the fields and the subscription itself', async () => {
    const input = submitClaimInput();
    expect((await gql(api.url, SUBMIT_CLAIM, { input })).errors).toBeUndefined();
    const client = wsClient(api.url);
    const data = await new Promise<unknown>((resolve, reject) => {
      const stop = client.subscribe(
        {
          query: `subscription ($claimId: ID) {
            feed: claimEventBatches(claimId: $claimId) { last: lastPosition events { kind: type claimId } }
          }`,
          variables: { claimId: input.claimId },
        },
        {
          next: (message) => {
            stop();
            if (message.errors) reject(new Error(JSON.stringify(message.errors)));
            else resolve(message.data);
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    expect(data).toEqual({
      feed: { last: expect.any(String), events: [{ kind: 'ClaimSubmitted', claimId: input.claimId }] },
    });
    await client.dispose();
  });

  describe.each(['claimEvents', 'claimEventBatches'] as const)(
    '%s refuses at subscribe time, with a coded error, never starting from zero',
    (operation) => {
      it.each([
        ['a position that does not parse', { after: 'yesterday' }, 'BAD_USER_INPUT', 'after'],
        [
          'a position past the end of the log',
          { after: formatPosition(9n ** 18n, 1) },
          'BAD_USER_INPUT',
          'after',
        ],
        [
          'an unknown event type',
          { types: ['ClaimSubmitted', 'ClaimTeleported'] },
          'BAD_USER_INPUT',
          'types[1]',
        ],
        ['a claim id no claim can have', { claimId: 'no such claim!' }, 'BAD_USER_INPUT', 'claimId'],
        ['an unknown claim', { claimId: 'CLM-NEVER-SUBMITTED' }, 'NOT_FOUND', undefined],
      ])('%s', async (_case, variables, code, field) => {
        const client = wsClient(api.url);
        const events: LogEvent[] = [];
        const errors = await subscribeEvents(client, variables, (e) => events.push(e), operation).ended;
        expect(events).toEqual([]);
        expect(errors).toHaveLength(1);
        expect(errors![0]!.extensions).toMatchObject({ code, ...(field && { field }) });
        await client.dispose();
      });

      it(`more than ${MAX_SUBSCRIPTIONS} subscriptions on one connection`, async () => {
        const client = wsClient(api.url);
        const open = Array.from({ length: MAX_SUBSCRIPTIONS }, () => subscribeEvents(client, {}));
        const refused = await subscribeEvents(client, {}, () => {}, operation).ended;
        expect(refused![0]!.extensions).toMatchObject({
          code: 'QUERY_TOO_COMPLEX',
          reason: 'MAX_SUBSCRIPTIONS',
        });
        open[0]!.stop();
        await open[0]!.ended;
        const again = subscribeEvents(client, {});
        const outcome = await Promise.race([
          again.ended,
          new Promise((resolve) => setTimeout(() => resolve('still open'), 500)),
        ]);
        expect(outcome).toBe('still open');
        await client.dispose();
      });
    },
  );
});
