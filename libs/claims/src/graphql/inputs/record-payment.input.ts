import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, Matches, ValidateNested } from 'class-validator';
import { LIMITS, PAYER_ID_PATTERN } from '../../domain/index.js';
import { PayerRank } from '../types/claim-enums.js';
import { ClaimCommandInput } from './claim-command.input.js';
import { ReasonCodesInput } from './reason-codes.input.js';
import { Cents, LineNumber, LocalDate, MAX_AMOUNT_CENTS, Optional, Reference } from './input-rules.js';
import { CentsScalar } from '@claimtrail/platform';

@InputType()
export class AdjustmentInput extends ReasonCodesInput {
  @Field(() => CentsScalar, { description: 'Negative when the payer reverses an earlier adjustment.' })
  @Cents(-MAX_AMOUNT_CENTS)
  amountCents!: number;

  @Field(() => Int, { nullable: true, description: 'The service line adjusted, when not the whole claim.' })
  @Optional()
  @LineNumber()
  lineNumber?: number;
}

@InputType({ description: 'A service line as the remittance adjudicated it (835 SVC).' })
export class LinePaymentInput {
  @Field(() => Int)
  @LineNumber()
  lineNumber!: number;

  @Field(() => CentsScalar)
  @Cents()
  billedCents!: number;

  @Field(() => CentsScalar)
  @Cents()
  paidCents!: number;
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

  @Field(() => PayerRank, {
    nullable: true,
    description: 'PRIMARY unless the claim crossed over to its secondary payer.',
  })
  @Optional()
  @IsEnum(PayerRank)
  payer?: PayerRank;

  @Field({
    nullable: true,
    description:
      'The secondary payer a primary remittance forwarded the claim to (CLP02 19/20): the patient share crosses over.',
  })
  @Optional()
  @Matches(PAYER_ID_PATTERN, { message: 'crossoverPayerId must be 2-10 upper-case letters or digits' })
  crossoverPayerId?: string;

  @Field(() => CentsScalar, {
    nullable: true,
    description:
      "CLP03 as the payer reports it. A payer's first remittance must bill what the claim still has at it (the default); a later one any part of the charge.",
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

  @Field(() => [LinePaymentInput], {
    nullable: true,
    description: 'Line by line (SVC), when the remittance reports lines; paid adds up to at most paidCents.',
  })
  @Optional()
  @ArrayMaxSize(LIMITS.maxLines)
  @ValidateNested({ each: true })
  @Type(() => LinePaymentInput)
  lines?: LinePaymentInput[];

  @Field(() => [AdjustmentInput], { defaultValue: [] })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AdjustmentInput)
  adjustments!: AdjustmentInput[];
}
