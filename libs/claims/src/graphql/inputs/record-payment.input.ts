import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { LIMITS } from '../../domain/index.js';
import { ClaimCommandInput } from './claim-command.input.js';
import { ReasonCodesInput } from './reason-codes.input.js';
import { Cents, LocalDate, Optional, Reference } from './input-rules.js';
import { CentsScalar } from '@claimtrail/platform';

@InputType()
export class AdjustmentInput extends ReasonCodesInput {
  @Field(() => CentsScalar)
  @Cents()
  amountCents!: number;

  @Field(() => Int, { nullable: true, description: 'The service line adjusted, when not the whole claim.' })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.maxLines)
  lineNumber?: number;
}

@InputType({
  description: 'An 835 remittance for the claim: billed − paid must equal the sum of the adjustments.',
})
export class RecordPaymentInput extends ClaimCommandInput {
  @Field({ description: 'Payment id or EFT/check trace number (TRN02).' })
  @Reference()
  paymentId!: string;

  @Field({ description: 'YYYY-MM-DD' })
  @LocalDate()
  paidDate!: string;

  @Field(() => CentsScalar, {
    nullable: true,
    description: 'CLP03 as the payer reports it; checked against the claim.',
  })
  @Optional()
  @Cents()
  billedCents?: number;

  @Field(() => CentsScalar)
  @Cents()
  paidCents!: number;

  @Field(() => CentsScalar, { nullable: true })
  @Optional()
  @Cents()
  allowedCents?: number;

  @Field(() => [AdjustmentInput], { defaultValue: [] })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AdjustmentInput)
  adjustments!: AdjustmentInput[];
}
