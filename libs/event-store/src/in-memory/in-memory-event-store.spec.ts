import { eventStoreContract } from '../testing/event-store.contract.js';
import { InMemoryEventStore } from './in-memory-event-store.js';

eventStoreContract('in-memory', async () => ({ store: new InMemoryEventStore(), dispose: async () => {} }));
