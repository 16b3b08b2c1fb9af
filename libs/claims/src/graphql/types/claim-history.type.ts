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

  @Field(() => Int)
  schemaVersion!: number;

  @Field(() => JsonScalar)
  data!: unknown;

  @Field(() => EventMetadata)
  metadata!: EventMetadata;

  @Field({ description: 'When the event store recorded it.' })
  recordedAt!: string;
}
