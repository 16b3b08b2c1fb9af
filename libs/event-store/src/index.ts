export * from './event-store.port.js';
export * from './event-store.errors.js';
export { assertValidAppend, assertStreamName, MAX_EVENTS_PER_APPEND } from './event-store.validation.js';
export { formatPosition, parsePosition, comparePositions, isPosition } from './position.js';
export { abortableSleep } from './abortable-sleep.js';
export {
  PostgresEventStore,
  type PostgresEventStoreOptions,
  type Queryable,
} from './postgres/postgres-event-store.js';
export { EVENTS_CHANNEL } from './postgres/postgres-event-store.sql.js';
export { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
export { eventStoreConfig, type EventStoreSettings } from './event-store.config.js';
export { POSTGRES_EVENT_STORE_SCHEMA } from './postgres/postgres-event-store.schema.js';
export { CreateEventStore1764201600000 } from './postgres/create-event-store.migration.js';
export { NumericLogOrder1764800000000 } from './postgres/numeric-log-order.migration.js';
export { EVENT_STORE_MIGRATIONS } from './event-store.migrations.js';
export { InMemoryEventStore } from './in-memory/in-memory-event-store.js';
export { EventStoreModule, openEventStore } from './event-store.module.js';
export {
  adapterOf,
  appendOutcomeOf,
  observeAppends,
  ObservedEventStore,
  type AppendObserver,
  type AppendOutcome,
  type AppendRun,
  type ObservedAppend,
} from './observed-event-store.js';
export { eventStoreErrorMapping } from './event-store-errors.mapping.js';
export { Wakeups } from './wakeups.js';
export { CommitNotifier } from './postgres/commit-notifier.js';
export { PostgresChangeListener } from './postgres/postgres-change-listener.js';
export {
  canonicalEventBytes,
  eventHash,
  sealHash,
  jsonbText,
  EVENT_CHAIN_TAG,
  LOG_SEAL_TAG,
  type ChainFields,
  type SealFields,
} from './integrity/event-chain.js';
export {
  verifyStream,
  verifyStreamSealed,
  verifyLog,
  checkSeal,
  StreamChains,
  type BrokenLink,
  type BrokenReason,
  type ChainedEvent,
  type IntegrityReport,
  type LogSeal,
} from './integrity/verify.js';
export {
  EVENT_STORE_INTEGRITY,
  type EventStoreIntegrity,
  type StreamIntegrityReport,
} from './integrity/integrity.port.js';
export { ReadBackIntegrity } from './integrity/read-back-integrity.js';
export { chainFieldsOf, chainedEventOf } from './integrity/chain-fields.js';
export { PostgresIntegrity } from './postgres/postgres-integrity.js';
export { LogSealer, type LogSealerOptions } from './postgres/log-sealer.js';
export { EventChains1765000000000 } from './postgres/event-chains.migration.js';
export {
  readLogSnapshot,
  logSnapshotRows,
  highestLogTransactionId,
  type LogSnapshot,
} from './postgres/log-snapshot.js';
