import type { AppendResult, NewEvent } from './event-store.port.js';
import { InMemoryEventStore } from './in-memory/in-memory-event-store.js';
import {
  adapterOf,
  appendOutcomeOf,
  observeAppends,
  ObservedEventStore,
  type AppendObserver,
} from './observed-event-store.js';
import { eventStoreContract, newEvent } from './testing/event-store.contract.js';

const passThrough: AppendObserver = { observe: (append, run) => run(append.events) };

eventStoreContract('observed (over in-memory)', async () => ({
  store: new ObservedEventStore(new InMemoryEventStore(), passThrough),
  dispose: async () => {},
}));

describe('an observed event store', () => {
  it('lets the observer see each append end: appended, conflict on a wrong version, error otherwise', async () => {
    const outcomes: string[] = [];
    const adapter = new InMemoryEventStore();
    const store = new ObservedEventStore(adapter, {
      observe: (append, run) =>
        run(append.events).then(
          (result) => (outcomes.push('appended'), result),
          (error: unknown) => {
            outcomes.push(appendOutcomeOf(error));
            throw error;
          },
        ),
    });
    await store.append('claim-1', [newEvent()], { expectedVersion: 'no_stream' });
    await expect(store.append('claim-1', [newEvent()], { expectedVersion: 5 })).rejects.toThrow();
    await expect(store.append('claim-1', [], { expectedVersion: 0 })).rejects.toThrow();
    expect(outcomes).toEqual(['appended', 'conflict', 'error']);
    expect(adapterOf(store)).toBe(adapter);
    expect(adapterOf(adapter)).toBe(adapter);
  });

  it('stores the events the observers hand on, each observer seeing what the one before it added', async () => {
    const adapter = new InMemoryEventStore();
    const seen: string[][] = [];
    const adding = (key: string): AppendObserver => ({
      observe: (append, run) => {
        seen.push(append.events.flatMap((e) => Object.keys(e.metadata)));
        return run(append.events.map((e): NewEvent => ({ ...e, metadata: { ...e.metadata, [key]: key } })));
      },
    });
    const store = new ObservedEventStore(
      adapter,
      observeAppends(adding('traceparent'), adding('causationId')),
    );
    const result: AppendResult = await store.append('claim-1', [newEvent()], {
      expectedVersion: 'no_stream',
    });
    expect(result.streamVersion).toBe(0);
    expect(seen).toEqual([
      ['actor', 'occurredAt'],
      ['actor', 'occurredAt', 'traceparent'],
    ]);
    const [stored] = await adapter.readStream('claim-1');
    expect(stored!.metadata).toMatchObject({ traceparent: 'traceparent', causationId: 'causationId' });
  });
});
