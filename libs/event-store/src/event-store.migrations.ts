import { CreateEventStore1764201600000 } from './postgres/create-event-store.migration.js';
import { NumericLogOrder1764800000000 } from './postgres/numeric-log-order.migration.js';

/** The event store's migrations, in order. */
export const EVENT_STORE_MIGRATIONS = [CreateEventStore1764201600000, NumericLogOrder1764800000000];
