import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import { WrongExpectedVersionError } from '../event-store.errors.js';
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
import { chainFieldsOf } from '../integrity/chain-fields.js';
import { eventHash } from '../integrity/event-chain.js';
import { comparePositions } from '../position.js';
import {
  fromEsdbPosition,
  fromResolvedEvent,
  mapEsdbError,
  matchesFilter,
  toEsdbPosition,
  toEventData,
  toExpectedRevision,
  toServerFilter,
} from './eventstoredb.mapping.js';

const DEFAULT_LIMIT = 1000;
const READ_CHUNK = 500;
const MAX_CHAIN_RETRIES = 10;

/** Event store on EventStoreDB: one stream per claim (claim-<id>), $all with a server-side filter, commit positions. */
const READ_STREAMS_IN_PARALLEL = 32;

export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;

  constructor(connectionStringOrClient: string | EventStoreDBClient) {
    this.client =
      typeof connectionStringOrClient === 'string'
        ? EventStoreDBClient.connectionString(connectionStringOrClient)
        : connectionStringOrClient;
  }

  async append(
    streamName: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    assertValidAppend(streamName, events, options);
    const stored = await this.storedResult(streamName, events, options);
    if (stored) return stored;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.appendChained(streamName, events, options);
      } catch (error) {
        // 'any' and 'stream_exists' were pinned to the head read for the chain; another writer moved it meanwhile.
        const exact = typeof options.expectedVersion === 'number' || options.expectedVersion === 'no_stream';
        if (exact || attempt >= MAX_CHAIN_RETRIES || !(error instanceof WrongExpectedVersionError))
          throw error;
      }
    }
  }

  /**
   * Appends at the head just read, so each event's hash (in its metadata) chains to the stream's last event, as
   * the PostgreSQL adapter chains them in its append statement (ADR 0005).
   */
  private async appendChained(
    streamName: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    const head = await this.head(streamName);
    if (!matchesExpected(options.expectedVersion, head.version))
      throw new WrongExpectedVersionError(streamName, String(options.expectedVersion), head.version);
    let previous = head.hash;
    const data = events.map((event, i) => {
      previous = eventHash(previous, chainFieldsOf(streamName, head.version + 1 + i, event));
      return toEventData(event, previous);
    });
    try {
      const result = await this.client.appendToStream(streamName, data, {
        expectedRevision: toExpectedRevision(head.version),
      });
      const streamVersion = Number(result.nextExpectedRevision);
      if (result.position) return { streamVersion, position: fromEsdbPosition(result.position) };
      return (
        (await this.storedResult(streamName, events, options)) ??
        this.refuse(streamName, options, streamVersion)
      );
    } catch (error) {
      // A retry that raced its first attempt: the server refuses it, but every id is there.
      if (error instanceof Error && mapEsdbError(error) instanceof WrongExpectedVersionError) {
        const raced = await this.storedResult(streamName, events, options);
        if (raced) return raced;
      }
      throw mapEsdbError(error, streamName, options.expectedVersion);
    }
  }

  /** The stream's last version and hash (-1 and none for no stream). */
  private async head(streamName: string): Promise<{ version: number; hash?: string }> {
    try {
      for await (const resolved of this.client.readStream(streamName, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      })) {
        const event = fromResolvedEvent(resolved);
        if (event) return { version: event.version, hash: event.hash };
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { version: -1 };
      throw mapEsdbError(error, streamName);
    }
    return { version: -1 };
  }

  /** The server reads one stream per call; a few at a time over the one gRPC connection. */
  async readStreams(streamNames: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const streams = new Map<string, RecordedEvent[]>();
    for (let i = 0; i < streamNames.length; i += READ_STREAMS_IN_PARALLEL) {
      const chunk = streamNames.slice(i, i + READ_STREAMS_IN_PARALLEL);
      const read = await Promise.all(chunk.map((name) => this.readStream(name)));
      chunk.forEach((name, j) => streams.set(name, read[j]!));
    }
    return streams;
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamName(streamName);
    const from = options.fromVersion ?? 0;
    const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
    if (to < from) return [];
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, {
        direction: FORWARDS,
        fromRevision: BigInt(from),
        maxCount: BigInt(Math.min(to - from + 1, Number.MAX_SAFE_INTEGER)),
      })) {
        const event = fromResolvedEvent(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw mapEsdbError(error, streamName);
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertValidReadAll(options);
    const limit = options.limit ?? DEFAULT_LIMIT;
    const events: RecordedEvent[] = [];
    let from = options.after;
    // readAll takes no server-side filter in this client, so it pages through $all and filters here.
    for (;;) {
      let read = 0;
      let last: Position | undefined;
      try {
        for await (const resolved of this.client.readAll({
          direction: FORWARDS,
          fromPosition: from === undefined ? START : toEsdbPosition(from),
          maxCount: READ_CHUNK,
        })) {
          read++;
          const position = resolved.event?.position;
          if (!position) continue;
          last = fromEsdbPosition(position);
          // The read starts at (not after) the given position.
          if (comparePositions(last, options.after) <= 0) continue;
          const event = fromResolvedEvent(resolved);
          if (event && matchesFilter(event, options)) events.push(event);
          if (events.length === limit) return events;
        }
      } catch (error) {
        throw mapEsdbError(error);
      }
      if (read < READ_CHUNK || last === undefined || last === from) return events;
      from = last;
    }
  }

  async *subscribe(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent[]> {
    assertValidReadAll(options);
    if (options.signal?.aborted) return;
    const batchSize = options.batchSize ?? 500;
    const subscription = this.client.subscribeToAll({
      fromPosition: options.after === undefined ? START : toEsdbPosition(options.after),
      filter: toServerFilter(options),
    });
    const queue: AllStreamResolvedEvent[] = [];
    let failure: unknown;
    let ended = false;
    let wake: (() => void) | undefined;
    const notify = () => {
      wake?.();
      wake = undefined;
    };
    subscription.on('data', (resolved) => {
      queue.push(resolved);
      if (queue.length >= batchSize * 4) subscription.pause();
      notify();
    });
    subscription.on('error', (error) => {
      failure = error;
      notify();
    });
    subscription.on('end', () => {
      ended = true;
      notify();
    });
    const stop = () => {
      ended = true;
      notify();
    };
    options.signal?.addEventListener('abort', stop, { once: true });
    let after = options.after;
    try {
      while (!options.signal?.aborted) {
        if (queue.length === 0) {
          if (failure) throw mapEsdbError(failure);
          if (ended) return;
          await new Promise<void>((resolve) => (wake = resolve));
          continue;
        }
        const batch: RecordedEvent[] = [];
        for (const resolved of queue.splice(0, batchSize)) {
          const event = fromResolvedEvent(resolved);
          if (!event || comparePositions(event.position, after) <= 0 || !matchesFilter(event, options))
            continue;
          batch.push(event);
          after = event.position;
        }
        if (subscription.isPaused()) subscription.resume();
        if (batch.length > 0) yield batch;
      }
    } finally {
      options.signal?.removeEventListener('abort', stop);
      await subscription.unsubscribe().catch(() => undefined);
    }
  }

  async headPosition(): Promise<Position | undefined> {
    try {
      for await (const resolved of this.client.readAll({
        direction: BACKWARDS,
        fromPosition: END,
        maxCount: READ_CHUNK,
      })) {
        const event = fromResolvedEvent(resolved);
        if (event) return event.position;
      }
    } catch (error) {
      throw mapEsdbError(error);
    }
    // Only system events among the newest ones: fall back to a full forward scan for the last user event.
    let head: Position | undefined;
    for (let page = await this.readAll({ limit: DEFAULT_LIMIT }); page.length > 0;) {
      head = page[page.length - 1]!.position;
      page = await this.readAll({ after: head, limit: DEFAULT_LIMIT });
    }
    return head;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  /**
   * The first append's result when every event id is already in the stream; a partial match is a conflict. With an
   * exact expected version a retried batch can only sit right after it, so only those revisions are read.
   */
  private async storedResult(
    streamName: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult | undefined> {
    const expected = options.expectedVersion;
    const from = typeof expected === 'number' ? expected + 1 : 0;
    const to =
      typeof expected === 'number' || expected === 'no_stream' ? from + events.length - 1 : undefined;
    const ids = new Set(events.map((e) => e.id.toLowerCase()));
    const candidates = await this.readStream(streamName, { fromVersion: from, toVersion: to });
    const stored = candidates.filter((e) => ids.has(e.id.toLowerCase()));
    if (stored.length === 0) return undefined;
    if (stored.length < events.length) {
      throw new WrongExpectedVersionError(
        streamName,
        'events not yet stored',
        stored[stored.length - 1]!.version,
      );
    }
    const last = stored[stored.length - 1]!;
    return { streamVersion: last.version, position: last.position };
  }

  private refuse(streamName: string, options: AppendOptions, actual: number): never {
    throw new WrongExpectedVersionError(streamName, String(options.expectedVersion), actual);
  }
}
