import { Field, InputType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { FollowUpChannel } from '../types/claim-enums.js';
import { ClaimCommandInput } from './claim-command.input.js';
import { LocalDate, Optional, Reference, Text } from './input-rules.js';

@InputType()
export class LogFollowUpInput extends ClaimCommandInput {
  @Field(() => FollowUpChannel)
  @IsEnum(FollowUpChannel)
  channel!: FollowUpChannel;

  @Field({ description: 'What the payer said or what happened.' })
  @Text()
  outcome!: string;

  @Field(() => String, { nullable: true, description: 'Call reference or ticket number from the payer.' })
  @Optional()
  @Reference()
  payerReference?: string;

  @Field(() => String, { nullable: true })
  @Optional()
  @Text()
  note?: string;

  @Field(() => String, { nullable: true, description: 'When to look again, YYYY-MM-DD.' })
  @Optional()
  @LocalDate()
  nextActionDate?: string;
}
