import { InMemoryEventStore } from './in-memory/in-memory-event-store.js';
import { adapterOf, ObservedEventStore, type AppendOutcome } from './observed-event-store.js';
import { eventStoreContract, newEvent } from './testing/event-store.contract.js';

eventStoreContract('observed (over in-memory)', async () => ({
  store: new ObservedEventStore(new InMemoryEventStore(), { appendEnded: () => {} }),
  dispose: async () => {},
}));

describe('an observed event store', () => {
  it('tells the observer of each append: appended, conflict on a wrong version, error otherwise', async () => {
    const outcomes: AppendOutcome[] = [];
    const adapter = new InMemoryEventStore();
    const store = new ObservedEventStore(adapter, { appendEnded: (outcome) => outcomes.push(outcome) });
    await store.append('claim-1', [newEvent()], { expectedVersion: 'no_stream' });
    await expect(store.append('claim-1', [newEvent()], { expectedVersion: 5 })).rejects.toThrow();
    await expect(store.append('claim-1', [], { expectedVersion: 0 })).rejects.toThrow();
    expect(outcomes).toEqual(['appended', 'conflict', 'error']);
    expect(adapterOf(store)).toBe(adapter);
    expect(adapterOf(adapter)).toBe(adapter);
  });
});
