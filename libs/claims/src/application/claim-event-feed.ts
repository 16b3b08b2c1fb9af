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

/** The log of claim events for analytics consumers: checked up front, then caught up and followed live. */
@Injectable()
export class ClaimEventFeed {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Refuses what would silently start elsewhere than asked (a position this log never gave, a type or claim that does not exist). */
  async open(request: FeedRequest): Promise<AsyncIterableIterator<RecordedEvent>> {
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
    return followLog(this.store, after, types, stream);
  }
}

const invalid = (field: string, message: string) => new RequestValidationError([{ field, message }]);

/**
 * One event per pull; the next batch is read from the store only when the previous one has been handed on, so a
 * consumer that stops pulling (graphql-ws awaits each socket write) stops the reads too.
 */
export function followLog(
  store: EventStore,
  after: Position | undefined,
  types: readonly string[] | undefined,
  stream: string | undefined,
): AsyncIterableIterator<RecordedEvent> {
  const controller = new AbortController();
  const batches = store
    .subscribe({
      after,
      types: types?.length ? types : undefined,
      // Claim streams only: the log may hold other streams (an access log, say) that are not this feed's to hand out.
      streamPrefix: stream ?? CLAIM_STREAM_PREFIX,
      batchSize: FEED_BATCH_SIZE,
      signal: controller.signal,
    })
    [Symbol.asyncIterator]();
  let batch: RecordedEvent[] = [];
  let index = 0;
  const done = (): IteratorResult<RecordedEvent> => ({ value: undefined, done: true });
  const stop = async () => {
    controller.abort();
    await batches.return?.();
    return done();
  };
  return {
    async next() {
      for (;;) {
        if (controller.signal.aborted) return done();
        while (index < batch.length) {
          const event = batch[index++]!;
          // A prefix also matches longer claim ids (claim-CLM-1 and claim-CLM-10).
          if (stream === undefined || event.streamName === stream) return { value: event, done: false };
        }
        const read = await batches.next();
        if (read.done) return done();
        batch = read.value;
        index = 0;
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
