import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CLAIM_ID_PATTERN } from '../../domain/index.js';
import { CommandOptionsInput } from './command-options.input.js';

@InputType({ isAbstract: true })
export abstract class ClaimCommandInput extends CommandOptionsInput {
  @Field(() => ID)
  @Matches(CLAIM_ID_PATTERN, { message: 'claimId must be 1-38 letters, digits, dots, dashes or underscores' })
  claimId!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The version you last read; another version is a CONFLICT.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  expectedVersion?: number;
}
