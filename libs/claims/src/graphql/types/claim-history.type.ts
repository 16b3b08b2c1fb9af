import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '@claimtrail/platform';

@ObjectType()
export class EventMetadata {
  @Field({ description: 'Who caused the event.' })
  actor!: string;

  @Field({ description: 'Business time: when it happened.' })
  occurredAt!: string;

  @Field(() => String, { nullable: true })
  commandId?: string;

  @Field(() => String, { nullable: true })
  correlationId?: string;

  @Field(() => String, { nullable: true })
  causationId?: string;
}

@ObjectType({ description: "One event of a claim's history, exactly as stored." })
export class ClaimHistoryEntry {
  @Field(() => ID)
  eventId!: string;

  @Field()
  type!: string;

  @Field(() => Int)
  version!: number;

  @Field()
  position!: string;

  @Field(() => Int, { description: 'The schema version the data was stored in.' })
  schemaVersion!: number;

  @Field(() => JsonScalar, { description: 'As stored.' })
  data!: unknown;

  @Field(() => Int, {
    nullable: true,
    description: 'The schema version this server reads the event in; null for a type it does not know.',
  })
  currentSchemaVersion!: number | null;

  @Field(() => JsonScalar, {
    nullable: true,
    description:
      'The data upcast to currentSchemaVersion, as the claim is folded; null when it cannot be read.',
  })
  currentData!: unknown;

  @Field(() => EventMetadata)
  metadata!: EventMetadata;

  @Field({ description: 'When the event store recorded it.' })
  recordedAt!: string;
}

@ObjectType()
export class ClaimHistoryEdge {
  @Field({ description: "The event's version: pass it as `after` for the next page." })
  cursor!: string;

  @Field(() => ClaimHistoryEntry)
  node!: ClaimHistoryEntry;
}

@ObjectType()
export class ClaimHistoryPageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType({ description: "A page of a claim's history, in version order." })
export class ClaimHistoryConnection {
  @Field(() => [ClaimHistoryEdge])
  edges!: ClaimHistoryEdge[];

  @Field(() => ClaimHistoryPageInfo)
  pageInfo!: ClaimHistoryPageInfo;
}

@ObjectType({ description: 'One event of the log, as a subscription delivers it.' })
export class ClaimLogEvent {
  @Field({ description: 'Place in the log: resume with `after` set to the last one received.' })
  position!: string;

  @Field(() => ID)
  claimId!: string;

  @Field(() => ID)
  eventId!: string;

  @Field()
  type!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => Int, { description: 'The schema version the data was stored in.' })
  schemaVersion!: number;

  @Field(() => JsonScalar, { description: 'As stored.' })
  data!: unknown;

  @Field(() => EventMetadata)
  metadata!: EventMetadata;

  @Field()
  recordedAt!: string;
}

@ObjectType({
  description:
    'Consecutive events of the log in one message (what claimEventBatches delivers): the same events as claimEvents, fewer messages.',
})
export class ClaimLogEventBatch {
  @Field(() => [ClaimLogEvent], { description: 'In log order; never empty.' })
  events!: ClaimLogEvent[];

  @Field({ description: 'The last event’s position: resume with `after` set to it.' })
  lastPosition!: string;
}
