import {
  InMemoryEventStore,
  type EventStore,
  type NewEvent,
  type SubscribeOptions,
} from '@claimtrail/event-store';
import { RequestValidationError } from '@claimtrail/platform';
import { ClaimEventFeed, FEED_BATCH_SIZE, followLog } from './claim-event-feed.js';

const event = (n: number): NewEvent => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: 'FollowUpLogged',
  schemaVersion: 1,
  data: { n },
  metadata: { actor: 'biller', occurredAt: '2026-03-10T15:00:00.000Z' },
});

/** The store, counting the batches its subscription has read. */
function counting(store: InMemoryEventStore): { store: EventStore; batchesRead: () => number } {
  let read = 0;
  const subscribe = (options?: SubscribeOptions) =>
    (async function* () {
      for await (const batch of store.subscribe(options)) {
        read++;
        yield batch;
      }
    })();
  return { store: Object.assign(Object.create(store), { subscribe }), batchesRead: () => read };
}

describe('the claim event feed', () => {
  let store: InMemoryEventStore;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    const events = Array.from({ length: 3 * FEED_BATCH_SIZE + 10 }, (_, i) => event(i));
    for (let i = 0; i < events.length; i += 100)
      await store.append('claim-CLM-1', events.slice(i, i + 100), { expectedVersion: 'any' });
    await store.append('claim-CLM-10', [event(9_999)], { expectedVersion: 'no_stream' });
  });

  it('reads one batch ahead of what the consumer has taken, and no further', async () => {
    const { store: watched, batchesRead } = counting(store);
    const feed = followLog(watched, undefined, undefined, undefined);
    for (let i = 0; i < FEED_BATCH_SIZE + 1; i++) await feed.next();
    // Into the second batch: the third is read meanwhile, and a consumer that stops pulling stops the reads there.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(batchesRead()).toBe(3);
    await feed.return!();
    expect(await feed.next()).toEqual({ value: undefined, done: true });
  });

  it("keeps to one claim's stream, not those whose id it prefixes", async () => {
    const feed = followLog(store, undefined, undefined, 'claim-CLM-10');
    expect((await feed.next()).value).toMatchObject({ streamName: 'claim-CLM-10', data: { n: 9_999 } });
    await feed.return!();
  });

  it('refuses a position past the head and an unknown type before reading anything', async () => {
    const feed = new ClaimEventFeed(store);
    const head = (await store.headPosition())!;
    const past = head.replace(/\d$/, (d) => String(Number(d) + 1));
    await expect(feed.open({ after: past })).rejects.toBeInstanceOf(RequestValidationError);
    await expect(feed.open({ types: ['ClaimTeleported'] })).rejects.toBeInstanceOf(RequestValidationError);
    const fromHead = await feed.open({ after: head });
    await fromHead.return!();
  });
});
