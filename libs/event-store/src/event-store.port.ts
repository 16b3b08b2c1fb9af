/** Place in the global log. Adapters make positions fixed-width, so comparing the strings compares log order. */
export type Position = string;

/** A number is the version of the stream's last event (-1: no stream); versions start at 0. */
export type ExpectedVersion = number | 'no_stream' | 'stream_exists' | 'any';

export interface EventMetadata {
  actor: string;
  /** Business time: when it happened, as the user or the payer says; recordedAt is when it was stored. */
  occurredAt: string;
  commandId?: string;
  /** Fingerprint of what the command asked for, so that a command id sent again with other content is refused. */
  commandHash?: string;
  correlationId?: string;
  causationId?: string;
  /** The W3C trace context of the append that stored it, when traces are on: projections link their spans to it. */
  traceparent?: string;
}

export interface NewEvent<Data = unknown> {
  id: string;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
}

export interface RecordedEvent<Data = unknown> extends NewEvent<Data> {
  streamName: string;
  version: number;
  position: Position;
  recordedAt: string;
  /** sha256 (hex) chaining this event to the one before it in its stream (ADR 0005); absent where not stored. */
  hash?: string;
}

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
}

export interface AppendResult {
  /** Version of the stream's last event after the append. */
  streamVersion: number;
  /** Position of the last appended event. */
  position: Position;
}

export interface ReadStreamOptions {
  fromVersion?: number;
  toVersion?: number;
}

export interface ReadAllOptions {
  /** Exclusive; omitted means from the start of the log. */
  after?: Position;
  limit?: number;
  types?: readonly string[];
  streamPrefix?: string;
}

export interface SubscribeOptions extends Omit<ReadAllOptions, 'limit'> {
  batchSize?: number;
  signal?: AbortSignal;
}

/** The append-only log of every claim's events. */
export interface EventStore {
  /**
   * Appends atomically; refuses a wrong expected version. Retrying an append whose event ids are all in the stream
   * returns the first result and stores nothing; an id held by another stream is refused (DuplicateEventIdError),
   * where the adapter can tell. On PostgreSQL an append may join a caller's transaction (see PostgresEventStore), as
   * that transaction's first write.
   */
  append(streamName: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** The stream's events in version order; empty when the stream does not exist. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Several whole streams at once (a file that touches thousands of claims), each as readStream gives it. */
  readStreams(streamNames: readonly string[]): Promise<Map<string, RecordedEvent[]>>;
  /** Committed events after a position in log order; never skips an event that commits late. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catches up from a position, then follows live, yielding non-empty batches in log order until aborted. */
  subscribe(options?: SubscribeOptions): AsyncIterable<RecordedEvent[]>;
  /** Position of the newest event a reader can see now, or undefined for an empty log. */
  headPosition(): Promise<Position | undefined>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
