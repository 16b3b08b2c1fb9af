import type { IncomingMessage } from 'node:http';
import { PhiAccessLog, phiFieldsOf, type PhiStreamRecorder } from '@claimtrail/audit';
import { Args, Context, ID, Info, Resolver, Subscription } from '@nestjs/graphql';
import type { RecordedEvent } from '@claimtrail/event-store';
import { identityOf } from '@claimtrail/platform';
import { Kind, type GraphQLResolveInfo } from 'graphql';
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

/** Whether the subscriber asked for the events' data (a fragment counts as asking: it may). */
const selectsData = (info: GraphQLResolveInfo): boolean =>
  info.fieldNodes.some((node) =>
    (node.selectionSet?.selections ?? []).some(
      (selection) => selection.kind !== Kind.FIELD || selection.name.value === 'data',
    ),
  );

/**
 * Notes each delivered event that carries patient data in the PHI access log. A hand-written iterator rather than
 * an async generator: return() must reach the feed at once, even while it waits for the next live event.
 */
function audited(
  events: AsyncIterableIterator<RecordedEvent>,
  recorder: PhiStreamRecorder,
): AsyncIterableIterator<RecordedEvent> {
  return {
    async next() {
      const result = await events.next();
      if (!result.done) {
        const fields = phiFieldsOf(result.value.data);
        if (fields.length > 0)
          recorder.note({
            claimId: claimIdOfStream(result.value.streamName)!,
            operation: 'claimEvents',
            fields,
          });
      }
      return result;
    },
    async return(value?: unknown) {
      await recorder.flush();
      return (await events.return?.(value)) ?? { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      await recorder.flush();
      return (await events.throw?.(error)) ?? { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** The event log for analytics consumers, over graphql-ws. */
@Resolver()
export class ClaimEventsResolver {
  constructor(
    private readonly feed: ClaimEventFeed,
    private readonly phiAccess: PhiAccessLog,
  ) {}

  @Subscription(() => ClaimLogEvent, {
    description:
      'Every claim event after `after` in log order, then live ones as they commit. Resume with the last position received. Events whose data carries patient data are recorded in the PHI access log.',
    resolve: (event: RecordedEvent) => toLogEvent(event),
  })
  async claimEvents(
    @Context() context: { req?: IncomingMessage },
    @Info() info: GraphQLResolveInfo,
    @Args('after', { type: () => String, nullable: true, description: 'Exclusive; omitted: from the start.' })
    after?: string,
    @Args('types', { type: () => [String], nullable: true, description: 'Only these event types.' })
    types?: string[],
    @Args('claimId', { type: () => ID, nullable: true, description: "Only this claim's events." })
    claimId?: string,
  ): Promise<AsyncIterableIterator<RecordedEvent>> {
    const identity = identityOf(context.req?.headers);
    const events = await this.feed.open({
      after: after ?? undefined,
      types: types ?? undefined,
      claimId: claimId ?? undefined,
    });
    if (!selectsData(info)) return events;
    const recorder = this.phiAccess.streamRecorder({
      actor: identity.actor,
      channel: 'graphql-ws',
      operationName: info.operation.name?.value,
    });
    return audited(events, recorder);
  }
}
