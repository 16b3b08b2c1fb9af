import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Claim } from './claim.type.js';

@ObjectType()
export class ClaimEdge {
  @Field()
  cursor!: string;

  @Field(() => Claim)
  node!: Claim;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType()
export class ClaimConnection {
  @Field(() => [ClaimEdge])
  edges!: ClaimEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
