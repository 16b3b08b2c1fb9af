import { Inject, Injectable } from '@nestjs/common';
import {
  comparePositions,
  EVENT_STORE,
  isPosition,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@claimtrail/event-store';
import { NotFoundError, RequestValidationError } from '@claimtrail/platform';
import { CLAIM_ID_PATTERN, CLAIM_STREAM_PREFIX, claimStreamName, isClaimEventType } from '../domain/index.js';

export interface FeedRequest {
  after?: string;
  types?: readonly string[];
  claimId?: string;
}

/** Events read from the store at a time; a slow reader holds at most this many beyond what it was handed. */
export const FEED_BATCH_SIZE = 100;

/** The same for openBatches, whose consumers take a whole read in one message. */
export const FEED_BATCHES_READ_SIZE = 500;

/** The log of claim events for analytics consumers: checked up front, then caught up and followed live. */
@Injectable()
export class ClaimEventFeed {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The position of the newest event in the log; undefined while it is empty. */
  head(): Promise<Position | undefined> {
    return this.store.headPosition();
  }

  /** One event per pull. */
  async open(request: FeedRequest): Promise<AsyncIterableIterator<RecordedEvent>> {
    return oneByOne(await this.openBatches(request, FEED_BATCH_SIZE));
  }

  /**
   * The same log in the batches it is read in (up to readSize events, never empty). Refuses what would silently
   * start elsewhere than asked (a position this log never gave, a type or claim that does not exist).
   */
  async openBatches(
    request: FeedRequest,
    readSize = FEED_BATCHES_READ_SIZE,
  ): Promise<AsyncIterableIterator<RecordedEvent[]>> {
    const { after, types, claimId } = request;
    if (after !== undefined) {
      if (!isPosition(after)) throw invalid('after', 'after must be a position this server delivered');
      if (comparePositions(after, await this.store.headPosition()) > 0)
        throw invalid('after', 'after is beyond the end of the log: not a position this server delivered');
    }
    const unknown = (types ?? []).findIndex((type) => !isClaimEventType(type));
    if (unknown >= 0) throw invalid(`types[${unknown}]`, `types[${unknown}] is not a claim event type`);
    let stream: string | undefined;
    if (claimId !== undefined) {
      if (!CLAIM_ID_PATTERN.test(claimId))
        throw invalid('claimId', 'claimId must be 1-38 letters, digits, dots, dashes or underscores');
      stream = claimStreamName(claimId);
      if ((await this.store.readStream(stream, { toVersion: 0 })).length === 0)
        throw new NotFoundError('Claim');
    }
    return followLogBatches(this.store, after, types, stream, readSize);
  }
}

const invalid = (field: string, message: string) => new RequestValidationError([{ field, message }]);

const done = <T>(): IteratorResult<T> => ({ value: undefined, done: true });

/**
 * The log after `after` in batches. While a batch is being handed on, the next one is read (so the database and the
 * socket work at the same time), but no further: a consumer that stops pulling (graphql-ws awaits each socket write)
 * stops the reads one batch later. A hand-written iterator rather than an async generator: return() must reach the
 * store's subscription at once, even while it waits for the next live event.
 */
export function followLogBatches(
  store: EventStore,
  after: Position | undefined,
  types: readonly string[] | undefined,
  stream: string | undefined,
  readSize = FEED_BATCH_SIZE,
): AsyncIterableIterator<RecordedEvent[]> {
  const controller = new AbortController();
  const batches = store
    .subscribe({
      after,
      types: types?.length ? types : undefined,
      // Claim streams only: the log may hold other streams (an access log, say) that are not this feed's to hand out.
      streamPrefix: stream ?? CLAIM_STREAM_PREFIX,
      batchSize: readSize,
      signal: controller.signal,
    })
    [Symbol.asyncIterator]();
  const stop = async () => {
    controller.abort();
    await batches.return?.();
    return done<RecordedEvent[]>();
  };
  let ahead: Promise<IteratorResult<RecordedEvent[]>> | undefined;
  return {
    async next() {
      for (;;) {
        if (controller.signal.aborted) return done();
        const read = await (ahead ?? batches.next());
        ahead = undefined;
        if (read.done) return done();
        // A prefix also matches longer claim ids (claim-CLM-1 and claim-CLM-10).
        const events = stream === undefined ? read.value : read.value.filter((e) => e.streamName === stream);
        if (events.length > 0) {
          ahead = batches.next();
          // Its failure surfaces at the next pull (or not at all once stopped), never as an unhandled rejection.
          ahead.catch(() => undefined);
          return { value: events, done: false };
        }
      }
    },
    return: stop,
    async throw(error?: unknown) {
      await stop();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** The log one event per pull (see followLogBatches). */
export function followLog(
  store: EventStore,
  after: Position | undefined,
  types: readonly string[] | undefined,
  stream: string | undefined,
): AsyncIterableIterator<RecordedEvent> {
  return oneByOne(followLogBatches(store, after, types, stream));
}

function oneByOne(batches: AsyncIterableIterator<RecordedEvent[]>): AsyncIterableIterator<RecordedEvent> {
  let batch: RecordedEvent[] = [];
  let index = 0;
  let stopped = false;
  return {
    async next() {
      if (stopped) return done();
      while (index >= batch.length) {
        const read = await batches.next();
        if (read.done) return done();
        [batch, index] = [read.value, 0];
      }
      return { value: batch[index++]!, done: false };
    },
    async return() {
      stopped = true;
      await batches.return?.();
      return done();
    },
    async throw(error?: unknown) {
      stopped = true;
      await batches.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
