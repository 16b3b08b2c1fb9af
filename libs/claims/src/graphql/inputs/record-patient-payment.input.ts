import { Field, InputType } from '@nestjs/graphql';
import { ClaimCommandInput } from './claim-command.input.js';
import { Cents, Optional, Reference, Text } from './input-rules.js';
import { CentsScalar } from '@claimtrail/platform';

@InputType()
export class RecordPatientPaymentInput extends ClaimCommandInput {
  @Field()
  @Reference()
  paymentId!: string;

  @Field(() => CentsScalar)
  @Cents(1)
  amountCents!: number;

  @Field(() => String, { nullable: true, description: 'Card, check, cash, ...' })
  @Optional()
  @Text(50)
  method?: string;
}
