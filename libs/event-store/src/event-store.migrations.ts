import { CreateEventStore1764201600000 } from './postgres/create-event-store.migration.js';
import { EventChains1765000000000 } from './postgres/event-chains.migration.js';
import { NumericLogOrder1764800000000 } from './postgres/numeric-log-order.migration.js';

/** The event store's migrations, in order. */
export const EVENT_STORE_MIGRATIONS = [
  CreateEventStore1764201600000,
  NumericLogOrder1764800000000,
  EventChains1765000000000,
];
