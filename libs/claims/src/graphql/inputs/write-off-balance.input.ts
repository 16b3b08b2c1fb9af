import { Field, InputType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { WriteOffReason } from '../types/claim-enums.js';
import { ClaimCommandInput } from './claim-command.input.js';
import { Optional, Text } from './input-rules.js';

@InputType()
export class WriteOffBalanceInput extends ClaimCommandInput {
  @Field(() => WriteOffReason)
  @IsEnum(WriteOffReason)
  reason!: WriteOffReason;

  @Field(() => String, { nullable: true })
  @Optional()
  @Text()
  note?: string;
}
