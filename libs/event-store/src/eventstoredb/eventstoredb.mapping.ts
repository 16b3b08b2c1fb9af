import {
  ANY,
  ErrorType,
  NO_STREAM,
  STREAM_EXISTS,
  eventTypeFilter,
  excludeSystemEvents,
  isCommandError,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventData,
  type Filter,
  type JSONType,
  type Position as EsdbPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { EventStoreError, WrongExpectedVersionError } from '../event-store.errors.js';
import type {
  EventMetadata,
  ExpectedVersion,
  NewEvent,
  Position,
  ReadAllOptions,
  RecordedEvent,
} from '../event-store.port.js';
import { formatPosition, parsePosition } from '../position.js';

/** The commit position orders $all; the prepare position tells apart events of one commit. */
export function fromEsdbPosition(position: EsdbPosition): Position {
  return formatPosition(position.commit, position.prepare);
}

export function toEsdbPosition(position: Position): EsdbPosition {
  const [commit, prepare] = parsePosition(position);
  return { commit, prepare };
}

export function toExpectedRevision(expected: ExpectedVersion): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream' || expected === -1) return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  return BigInt(expected);
}

export function fromCurrentRevision(revision: CurrentRevision | undefined): number {
  return revision === undefined || revision === NO_STREAM ? -1 : Number(revision);
}

const SCHEMA_VERSION = 'schemaVersion';
/** The event's chained hash (ADR 0005), beside the port's metadata, not inside it: the hash covers the metadata. */
const EVENT_HASH = 'eventHash';

/** The port's metadata goes into the event's metadata, with EventStoreDB's own correlation and causation keys. */
export function toEventData(event: NewEvent, hash?: string): EventData {
  const metadata: Record<string, unknown> = { ...event.metadata, [SCHEMA_VERSION]: event.schemaVersion };
  if (hash) metadata[EVENT_HASH] = hash;
  if (event.metadata.correlationId) metadata.$correlationId = event.metadata.correlationId;
  if (event.metadata.causationId) metadata.$causationId = event.metadata.causationId;
  return jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata });
}

/** Undefined for what the port does not expose: unresolved links and system events. */
export function fromResolvedEvent(
  resolved: ResolvedEvent | AllStreamResolvedEvent,
): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || event.type.startsWith('$') || event.streamId.startsWith('$')) return undefined;
  const data = event.isJson ? event.data : JSON.parse(Buffer.from(event.data as Uint8Array).toString('utf8'));
  const raw = (
    event.metadata instanceof Uint8Array
      ? JSON.parse(Buffer.from(event.metadata).toString('utf8'))
      : (event.metadata ?? {})
  ) as Record<string, unknown>;
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key !== SCHEMA_VERSION && key !== EVENT_HASH && !key.startsWith('$')) metadata[key] = value;
  }
  const hash = raw[EVENT_HASH];
  return {
    id: event.id,
    streamName: event.streamId,
    version: Number(event.revision),
    // Servers before 22.10 leave the position out of stream reads; $all reads always carry it.
    position: event.position ? fromEsdbPosition(event.position) : formatPosition(0, 0),
    type: event.type,
    schemaVersion: Number(raw[SCHEMA_VERSION] ?? 1),
    data,
    metadata: metadata as unknown as EventMetadata,
    recordedAt: event.created.toISOString(),
    ...(typeof hash === 'string' ? { hash } : {}),
  };
}

const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The server filters on one thing only: stream prefix when given (types are then checked here), else the exact
 * types, else everything but system events.
 */
export function toServerFilter(options: Pick<ReadAllOptions, 'types' | 'streamPrefix'>): Filter {
  if (options.streamPrefix) return streamNameFilter({ prefixes: [options.streamPrefix] });
  if (options.types?.length)
    return eventTypeFilter({ regex: `^(?:${options.types.map(escapeRegex).join('|')})$` });
  return excludeSystemEvents();
}

export function matchesFilter(
  event: RecordedEvent,
  options: Pick<ReadAllOptions, 'types' | 'streamPrefix'>,
): boolean {
  if (options.types?.length && !options.types.includes(event.type)) return false;
  if (options.streamPrefix && !event.streamName.startsWith(options.streamPrefix)) return false;
  return true;
}

/** Client errors as the port's errors; messages name no event data and carry no server detail. */
export function mapEsdbError(error: unknown, streamName?: string, expected?: ExpectedVersion): unknown {
  if (!(error instanceof Error) || !isCommandError(error)) return error;
  switch (error.type) {
    case ErrorType.WRONG_EXPECTED_VERSION:
      return new WrongExpectedVersionError(
        streamName ?? error.streamName,
        String(expected ?? error.expectedVersion),
        fromCurrentRevision(error.actualVersion),
      );
    case ErrorType.UNAVAILABLE:
    case ErrorType.DEADLINE_EXCEEDED:
    case ErrorType.TIMEOUT:
    case ErrorType.NOT_LEADER:
      return new EventStoreError('UNAVAILABLE', 'EventStoreDB is unavailable');
    default:
      return error;
  }
}
