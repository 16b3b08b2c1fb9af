import { InvalidEventStoreArgumentError } from './event-store.errors.js';
import type { AppendOptions, NewEvent, ReadAllOptions } from './event-store.port.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_STREAM_NAME = 200;
const MAX_TYPE = 100;
export const MAX_EVENTS_PER_APPEND = 10_000;

export function assertStreamName(streamName: unknown): asserts streamName is string {
  if (typeof streamName !== 'string' || streamName.trim() === '' || streamName.length > MAX_STREAM_NAME) {
    throw new InvalidEventStoreArgumentError(
      `Stream name must be a non-empty string of at most ${MAX_STREAM_NAME} characters`,
    );
  }
  if (streamName.startsWith('$'))
    throw new InvalidEventStoreArgumentError('Stream names starting with $ are reserved');
}

function isJsonSerialisable(value: unknown): boolean {
  try {
    return JSON.stringify(value) !== undefined;
  } catch {
    return false;
  }
}

/** Checks every argument of an append before any adapter writes anything. */
export function assertValidAppend(
  streamName: unknown,
  events: readonly NewEvent[],
  options: AppendOptions,
): void {
  assertStreamName(streamName);
  const expected = options?.expectedVersion;
  const expectedOk =
    expected === 'any' ||
    expected === 'no_stream' ||
    expected === 'stream_exists' ||
    (Number.isSafeInteger(expected) && (expected as number) >= -1);
  if (!expectedOk)
    throw new InvalidEventStoreArgumentError(
      'Expected version must be an integer >= -1, no_stream, stream_exists or any',
    );
  if (!Array.isArray(events) || events.length === 0)
    throw new InvalidEventStoreArgumentError('Append needs at least one event');
  if (events.length > MAX_EVENTS_PER_APPEND)
    throw new InvalidEventStoreArgumentError(`Append takes at most ${MAX_EVENTS_PER_APPEND} events`);
  const ids = new Set<string>();
  events.forEach((event, index) => {
    const at = `event ${index}`;
    if (typeof event?.id !== 'string' || !UUID.test(event.id))
      throw new InvalidEventStoreArgumentError(`${at}: id must be a UUID`);
    if (ids.has(event.id.toLowerCase()))
      throw new InvalidEventStoreArgumentError(`${at}: id appears twice in one append`);
    ids.add(event.id.toLowerCase());
    if (typeof event.type !== 'string' || event.type.trim() === '' || event.type.length > MAX_TYPE) {
      throw new InvalidEventStoreArgumentError(
        `${at}: type must be a non-empty string of at most ${MAX_TYPE} characters`,
      );
    }
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new InvalidEventStoreArgumentError(`${at}: schemaVersion must be a positive integer`);
    }
    if (event.data === undefined || !isJsonSerialisable(event.data))
      throw new InvalidEventStoreArgumentError(`${at}: data must be JSON-serialisable`);
    const metadata = event.metadata;
    if (typeof metadata !== 'object' || metadata === null || !isJsonSerialisable(metadata)) {
      throw new InvalidEventStoreArgumentError(`${at}: metadata must be a JSON object`);
    }
    if (typeof metadata.actor !== 'string' || metadata.actor === '')
      throw new InvalidEventStoreArgumentError(`${at}: metadata.actor is required`);
    if (typeof metadata.occurredAt !== 'string' || Number.isNaN(Date.parse(metadata.occurredAt))) {
      throw new InvalidEventStoreArgumentError(`${at}: metadata.occurredAt must be an ISO-8601 instant`);
    }
  });
}

export function assertValidReadAll(options: ReadAllOptions): void {
  if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 1)) {
    throw new InvalidEventStoreArgumentError('limit must be a positive integer');
  }
  if (options.after !== undefined && (typeof options.after !== 'string' || options.after === '')) {
    throw new InvalidEventStoreArgumentError('after must be a position returned by the store');
  }
}

/** Expected version as a number (-1 for no stream), or undefined when any version is accepted. */
export function expectedAsNumber(expected: AppendOptions['expectedVersion']): number | undefined {
  if (expected === 'no_stream') return -1;
  if (typeof expected === 'number') return expected;
  return undefined;
}

export function matchesExpected(expected: AppendOptions['expectedVersion'], current: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'stream_exists') return current >= 0;
  return expectedAsNumber(expected) === current;
}
