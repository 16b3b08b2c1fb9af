import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: "One read of a claim's patient data (or of this log)." })
export class PhiAccess {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'When it was read, by the server clock.' })
  accessedAt!: Date;

  @Field({
    description:
      "Who read it: the bearer token's subject over GraphQL, CLAIMTRAIL_ACTOR (or the OS user) on the CLI.",
  })
  actor!: string;

  @Field(() => ID, { nullable: true, description: 'The claim read; null for a read across claims.' })
  claimId!: string | null;

  @Field({
    description:
      'The GraphQL root field (claim, claims, claimHistory, claimHistoryPage, claimAsOf, claimAtVersion, claimEvents, claimEventBatches, phiAccessLog) or CLI command (history, replay, export).',
  })
  operation!: string;

  @Field(() => String, { nullable: true, description: 'The GraphQL operation name the client sent.' })
  operationName!: string | null;

  @Field({ description: 'graphql, graphql-ws or cli.' })
  channel!: string;

  @Field(() => [String], {
    description: 'The patient fields read (patientRef, diagnoses), or history for a whole history.',
  })
  fields!: string[];

  @Field(() => String, { nullable: true, description: "The request's x-request-id, to find its log line." })
  requestId!: string | null;
}

@ObjectType()
export class PhiAccessEdge {
  @Field()
  cursor!: string;

  @Field(() => PhiAccess)
  node!: PhiAccess;
}

@ObjectType()
export class PhiAccessPageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType({ description: 'PHI reads in the order they were recorded.' })
export class PhiAccessConnection {
  @Field(() => [PhiAccessEdge])
  edges!: PhiAccessEdge[];

  @Field(() => PhiAccessPageInfo)
  pageInfo!: PhiAccessPageInfo;
}
