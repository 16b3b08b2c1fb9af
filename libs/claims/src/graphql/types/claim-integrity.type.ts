import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'The first place where the stored history no longer matches its hash chains.' })
export class BrokenLink {
  @Field()
  streamName!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Where the event is, or where the log seal put it; null for a missing version never sealed.',
  })
  position?: string;

  @Field({
    description:
      'EVENT_CHANGED, EVENT_MISSING, EVENT_MOVED, EVENT_NOT_SEALED or SEAL_CHANGED (see docs/adr/0005-tamper-evidence.md).',
  })
  reason!: string;
}

@ObjectType({ description: "A claim's history checked against its hash chain and the log seal." })
export class ClaimIntegrity {
  @Field()
  intact!: boolean;

  @Field(() => Int)
  checkedEvents!: number;

  @Field(() => BrokenLink, { nullable: true })
  firstBroken?: BrokenLink;
}
