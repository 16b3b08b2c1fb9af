import { abortableSleep } from '../abortable-sleep.js';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../event-store.errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../event-store.port.js';
import {
  assertStreamName,
  assertValidAppend,
  assertValidReadAll,
  matchesExpected,
} from '../event-store.validation.js';
import { formatPosition } from '../position.js';
import { chainFieldsOf } from '../integrity/chain-fields.js';
import { eventHash } from '../integrity/event-chain.js';

const clone = <T>(value: T): T => structuredClone(value);

/** For unit tests: the port's semantics with no database. Time comes from the injected clock. */
export class InMemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly streamOfEventId = new Map<string, string>();

  constructor(private readonly now: () => Date = () => new Date(0)) {}

  async append(
    streamName: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    assertValidAppend(streamName, events, options);
    const stream = this.streams.get(streamName) ?? [];
    const stored = stream.filter((e) => events.some((n) => n.id.toLowerCase() === e.id.toLowerCase()));
    if (stored.length === events.length) {
      const last = stored[stored.length - 1]!;
      return { streamVersion: last.version, position: last.position };
    }
    const current = stream.length - 1;
    if (stored.length > 0 || !matchesExpected(options.expectedVersion, current)) {
      throw new WrongExpectedVersionError(streamName, String(options.expectedVersion), current);
    }
    if (events.some((e) => this.streamOfEventId.has(e.id.toLowerCase())))
      throw new DuplicateEventIdError(streamName);
    const recordedAt = this.now().toISOString();
    for (const event of events) {
      const version = stream.length;
      const recorded: RecordedEvent = {
        ...clone(event),
        streamName,
        version,
        position: formatPosition(0, this.log.length + 1),
        recordedAt,
        hash: eventHash(stream[version - 1]?.hash, chainFieldsOf(streamName, version, event)),
      };
      stream.push(recorded);
      this.log.push(recorded);
      this.streamOfEventId.set(event.id.toLowerCase(), streamName);
    }
    this.streams.set(streamName, stream);
    const last = stream[stream.length - 1]!;
    return { streamVersion: last.version, position: last.position };
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamName(streamName);
    const from = options.fromVersion ?? 0;
    const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
    return clone((this.streams.get(streamName) ?? []).filter((e) => e.version >= from && e.version <= to));
  }

  async readStreams(streamNames: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const streams = new Map<string, RecordedEvent[]>();
    for (const name of streamNames) streams.set(name, await this.readStream(name));
    return streams;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertValidReadAll(options);
    const result: RecordedEvent[] = [];
    for (const event of this.log) {
      if (options.after !== undefined && event.position <= options.after) continue;
      if (options.types?.length && !options.types.includes(event.type)) continue;
      if (options.streamPrefix && !event.streamName.startsWith(options.streamPrefix)) continue;
      result.push(clone(event));
      if (result.length === (options.limit ?? 1000)) break;
    }
    return result;
  }

  async *subscribe(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent[]> {
    let after = options.after;
    while (!options.signal?.aborted) {
      const batch = await this.readAll({ ...options, after, limit: options.batchSize ?? 500 });
      if (batch.length > 0) {
        after = batch[batch.length - 1]!.position;
        yield batch;
      } else {
        await abortableSleep(5, options.signal);
      }
    }
  }

  async headPosition(): Promise<Position | undefined> {
    return this.log[this.log.length - 1]?.position;
  }

  async close(): Promise<void> {}
}
