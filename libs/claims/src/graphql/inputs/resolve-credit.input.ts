import { Field, InputType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { CentsScalar } from '@claimtrail/platform';
import { CreditResolution, CreditSide } from '../types/claim-enums.js';
import { ClaimCommandInput } from './claim-command.input.js';
import { Cents, Optional, Reference } from './input-rules.js';

@InputType({
  description: 'Pay back a credit balance, or record that the payer offset it against another claim.',
})
export class ResolveCreditInput extends ClaimCommandInput {
  @Field()
  @Reference()
  refundId!: string;

  @Field(() => CreditSide)
  @IsEnum(CreditSide)
  side!: CreditSide;

  @Field(() => CreditResolution)
  @IsEnum(CreditResolution)
  method!: CreditResolution;

  @Field(() => CentsScalar)
  @Cents(1)
  amountCents!: number;

  @Field({
    nullable: true,
    description: 'Check number, or the remittance (TRN02) whose PLB withheld the offset.',
  })
  @Optional()
  @Reference()
  reference?: string;
}
