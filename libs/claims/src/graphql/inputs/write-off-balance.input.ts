import { Field, InputType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { CentsScalar } from '@claimtrail/platform';
import { WriteOffReason, WriteOffSide } from '../types/claim-enums.js';
import { ClaimCommandInput } from './claim-command.input.js';
import { Cents, Optional, Text } from './input-rules.js';

@InputType()
export class WriteOffBalanceInput extends ClaimCommandInput {
  @Field(() => WriteOffReason)
  @IsEnum(WriteOffReason)
  reason!: WriteOffReason;

  @Field(() => String, { nullable: true })
  @Optional()
  @Text()
  note?: string;

  @Field(() => WriteOffSide, {
    nullable: true,
    description:
      'With amountCents: write off that much of one side. Without both: everything left on both sides.',
  })
  @Optional()
  @IsEnum(WriteOffSide)
  side?: WriteOffSide;

  @Field(() => CentsScalar, { nullable: true })
  @Optional()
  @Cents(1)
  amountCents?: number;
}
