export * from './event-store.port.js';
export * from './event-store.errors.js';
export { assertValidAppend, assertStreamName, MAX_EVENTS_PER_APPEND } from './event-store.validation.js';
export { formatPosition, parsePosition, comparePositions, isPosition } from './position.js';
export { abortableSleep } from './abortable-sleep.js';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store.js';
export { POSTGRES_EVENT_STORE_SCHEMA } from './postgres/postgres-event-store.schema.js';
export { CreateEventStore1764201600000 } from './postgres/create-event-store.migration.js';
export { InMemoryEventStore } from './in-memory/in-memory-event-store.js';
