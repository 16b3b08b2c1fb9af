import { PhiAccessLog, phiFieldsOf, withoutPhi, type PhiStreamRecorder } from '@claimtrail/audit';
import { Args, Context, Info, Query, Resolver, Subscription } from '@nestjs/graphql';
import type { RecordedEvent } from '@claimtrail/event-store';
import {
  GracefulShutdown,
  identityOf,
  mayReadPhi,
  Roles,
  untilShutdown,
  type AuthContext,
} from '@claimtrail/platform';
import { Kind, type GraphQLResolveInfo, type SelectionNode } from 'graphql';
import { ClaimEventFeed } from '../../application/claim-event-feed.js';
import { claimIdOfStream } from '../../domain/index.js';
import { ClaimEventsArgs } from '../inputs/claim-events.args.js';
import { ClaimLogEvent, ClaimLogEventBatch } from '../types/claim-history.type.js';

/** Whether the subscriber may see patient data; an analyst's stream carries events without it. */
const seesPhi = (context: AuthContext) => mayReadPhi(context.principal);

const toLogEvent = (e: RecordedEvent, context: AuthContext): ClaimLogEvent => ({
  position: e.position,
  claimId: claimIdOfStream(e.streamName)!,
  eventId: e.id,
  type: e.type,
  version: e.version,
  schemaVersion: e.schemaVersion,
  data: seesPhi(context) ? e.data : withoutPhi(e.data),
  metadata: e.metadata,
  recordedAt: e.recordedAt,
});

/**
 * Whether the subscriber asked for the events' data, `depth` levels of fields below the subscription field (0 for
 * claimEvents, 1 for claimEventBatches' events). A fragment counts as asking: it may.
 */
function selectsData(info: GraphQLResolveInfo, depth: number): boolean {
  const asks = (selections: readonly SelectionNode[], level: number): boolean =>
    selections.some((selection) => {
      if (selection.kind !== Kind.FIELD) return true;
      if (level === 0) return selection.name.value === 'data';
      return asks(selection.selectionSet?.selections ?? [], level - 1);
    });
  return info.fieldNodes.some((node) => asks(node.selectionSet?.selections ?? [], depth));
}

/** Notes each delivered event that carries patient data in the PHI access log. */
function noteAccess(event: RecordedEvent, recorder: PhiStreamRecorder, operation: string): void {
  const fields = phiFieldsOf(event.data);
  if (fields.length > 0) recorder.note({ claimId: claimIdOfStream(event.streamName)!, operation, fields });
}

/**
 * Hands each delivered item on after noting its events in the PHI access log. A hand-written iterator rather than
 * an async generator: return() must reach the feed at once, even while it waits for the next live event.
 */
function audited<T extends RecordedEvent | RecordedEvent[]>(
  items: AsyncIterableIterator<T>,
  recorder: PhiStreamRecorder,
  operation: string,
): AsyncIterableIterator<T> {
  return {
    async next() {
      const result = await items.next();
      if (!result.done)
        for (const event of Array.isArray(result.value) ? result.value : [result.value])
          noteAccess(event, recorder, operation);
      return result;
    },
    async return(value?: unknown) {
      await recorder.flush();
      return (await items.return?.(value)) ?? { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      await recorder.flush();
      return (await items.throw?.(error)) ?? { done: true, value: undefined };
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
    private readonly shutdown: GracefulShutdown,
  ) {}

  @Roles('analyst', 'auditor')
  @Query(() => String, {
    nullable: true,
    description:
      'The position of the newest event in the log (null while it is empty): subscribe to claimEvents after it to receive only what comes next.',
  })
  claimLogHead(): Promise<string | undefined> {
    return this.feed.head();
  }

  @Roles('analyst', 'auditor')
  @Subscription(() => ClaimLogEvent, {
    description:
      'Every claim event after `after` in log order, then live ones as they commit. Resume with the last position received (a server shutting down ends the subscription with SHUTTING_DOWN and that position as `lastPosition`). Events whose data carries patient data are recorded in the PHI access log; an analyst receives them without it.',
    resolve: (event: RecordedEvent, _args: unknown, context: AuthContext) => toLogEvent(event, context),
  })
  async claimEvents(
    @Context() context: AuthContext,
    @Info() info: GraphQLResolveInfo,
    @Args() args: ClaimEventsArgs,
  ): Promise<AsyncIterableIterator<RecordedEvent>> {
    const events = await this.feed.open(request(args));
    const delivered =
      seesPhi(context) && selectsData(info, 0)
        ? audited(events, this.recorder(context, info), 'claimEvents')
        : events;
    return untilShutdown(delivered, this.shutdown.signal, (event) => event.position, args.after ?? undefined);
  }

  @Roles('analyst', 'auditor')
  @Subscription(() => ClaimLogEventBatch, {
    description:
      'The same events as claimEvents, several consecutive ones per message (up to 500, as they are read): for consumers that want the whole log fast. Resume with the last lastPosition received.',
    resolve: (events: RecordedEvent[], _args: unknown, context: AuthContext): ClaimLogEventBatch => ({
      events: events.map((event) => toLogEvent(event, context)),
      lastPosition: events[events.length - 1]!.position,
    }),
  })
  async claimEventBatches(
    @Context() context: AuthContext,
    @Info() info: GraphQLResolveInfo,
    @Args() args: ClaimEventsArgs,
  ): Promise<AsyncIterableIterator<RecordedEvent[]>> {
    const batches = await this.feed.openBatches(request(args));
    const delivered =
      seesPhi(context) && selectsData(info, 1)
        ? audited(batches, this.recorder(context, info), 'claimEventBatches')
        : batches;
    return untilShutdown(
      delivered,
      this.shutdown.signal,
      (events) => events[events.length - 1]!.position,
      args.after ?? undefined,
    );
  }

  private recorder(context: AuthContext, info: GraphQLResolveInfo): PhiStreamRecorder {
    return this.phiAccess.streamRecorder({
      actor: identityOf(context).actor,
      channel: 'graphql-ws',
      operationName: info.operation.name?.value,
    });
  }
}

/** GraphQL lets a client send null for an omitted argument; the feed knows only absent. */
const request = ({ after, types, claimId }: ClaimEventsArgs) => ({
  after: after ?? undefined,
  types: types ?? undefined,
  claimId: claimId ?? undefined,
});
