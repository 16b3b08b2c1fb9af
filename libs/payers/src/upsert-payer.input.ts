import { Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { PAYER_ID_PATTERN } from '@claimtrail/claims';

@InputType()
export class UpsertPayerInput {
  @Field()
  @Matches(PAYER_ID_PATTERN, { message: 'payerId must be 2-10 upper-case letters or digits' })
  payerId!: string;

  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  timelyFilingDays?: number;

  @Field(() => [Int], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(730, { each: true })
  appealWindowDays?: number[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  responseDays?: number;
}
