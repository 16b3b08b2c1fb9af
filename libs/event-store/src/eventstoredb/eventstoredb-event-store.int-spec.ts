import { eventStoreContract } from '../testing/event-store.contract.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  eventStoreContract(
    'EventStoreDB',
    async () => {
      const store = new EventStoreDbEventStore(connectionString);
      return { store, dispose: () => store.close() };
    },
    { eventIdsUniqueAcrossStreams: false },
  );
} else {
  console.info('EventStoreDB contract skipped: set EVENTSTORE_CONNECTION_STRING (see docker/) to run it.');
  describe('event store contract: EventStoreDB', () => {
    it.skip('skipped: EVENTSTORE_CONNECTION_STRING is not set', () => {});
  });
}
