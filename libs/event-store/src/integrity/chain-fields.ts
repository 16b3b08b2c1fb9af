import type { NewEvent, RecordedEvent } from '../event-store.port.js';
import { jsonbText, type ChainFields } from './event-chain.js';
import type { ChainedEvent } from './verify.js';
import { parsePosition } from '../position.js';

/** What an adapter without PostgreSQL hashes: the event's JSON printed as jsonb prints it. */
export function chainFieldsOf(streamName: string, version: number, event: NewEvent): ChainFields {
  return {
    streamName,
    version,
    eventId: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    dataText: jsonbText(event.data),
    metadataText: jsonbText(event.metadata),
  };
}

/** A recorded event read back through the port, ready for the verifier (in-memory and EventStoreDB adapters). */
export function chainedEventOf(event: RecordedEvent): ChainedEvent {
  const [transactionId, positionId] = parsePosition(event.position);
  return {
    ...chainFieldsOf(event.streamName, event.version, event),
    transactionId: transactionId.toString(),
    positionId: positionId.toString(),
    recordedAt: event.recordedAt,
    hash: event.hash,
  };
}
