import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import type { RecordedEvent } from '@claimtrail/event-store';
import { ClaimEventFeed } from '../../application/claim-event-feed.js';
import { claimIdOfStream } from '../../domain/index.js';
import { ClaimLogEvent } from '../types/claim-history.type.js';

const toLogEvent = (e: RecordedEvent): ClaimLogEvent => ({
  position: e.position,
  claimId: claimIdOfStream(e.streamName)!,
  eventId: e.id,
  type: e.type,
  version: e.version,
  schemaVersion: e.schemaVersion,
  data: e.data,
  metadata: e.metadata,
  recordedAt: e.recordedAt,
});

/** The event log for analytics consumers, over graphql-ws. */
@Resolver()
export class ClaimEventsResolver {
  constructor(private readonly feed: ClaimEventFeed) {}

  @Subscription(() => ClaimLogEvent, {
    description:
      'Every claim event after `after` in log order, then live ones as they commit. Resume with the last position received.',
    resolve: (event: RecordedEvent) => toLogEvent(event),
  })
  claimEvents(
    @Args('after', { type: () => String, nullable: true, description: 'Exclusive; omitted: from the start.' })
    after?: string,
    @Args('types', { type: () => [String], nullable: true, description: 'Only these event types.' })
    types?: string[],
    @Args('claimId', { type: () => ID, nullable: true, description: "Only this claim's events." })
    claimId?: string,
  ): Promise<AsyncIterableIterator<RecordedEvent>> {
    return this.feed.open({
      after: after ?? undefined,
      types: types ?? undefined,
      claimId: claimId ?? undefined,
    });
  }
}
