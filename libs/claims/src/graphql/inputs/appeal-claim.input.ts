import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';
import { ClaimCommandInput } from './claim-command.input.js';
import { Text } from './input-rules.js';

@InputType()
export class AppealClaimInput extends ClaimCommandInput {
  @Field(() => Int, { description: 'Appeal level: 1 redetermination, 2 reconsideration, 3-5 beyond.' })
  @IsInt()
  @Min(1)
  @Max(5)
  level!: number;

  @Field()
  @Text()
  reason!: string;
}
