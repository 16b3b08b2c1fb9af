import { Field, InputType } from '@nestjs/graphql';
import { CentsScalar } from '../scalars/cents.scalar.js';
import { ClaimCommandInput } from './claim-command.input.js';
import { Cents, Optional, Reference, Text } from './input-rules.js';

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
