import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsOptional, IsString } from 'class-validator';

/** Where a claim event stream starts and what it keeps; the feed checks the values (ClaimEventFeed.openBatches). */
@ArgsType()
export class ClaimEventsArgs {
  @Field(() => String, { nullable: true, description: 'Exclusive; omitted: from the start.' })
  @IsOptional()
  @IsString()
  after?: string | null;

  @Field(() => [String], { nullable: true, description: 'Only these event types.' })
  @IsOptional()
  @IsString({ each: true })
  types?: string[] | null;

  @Field(() => ID, { nullable: true, description: "Only this claim's events." })
  @IsOptional()
  @IsString()
  claimId?: string | null;
}
