import { Field, InputType } from '@nestjs/graphql';
import { ClaimCommandInput } from './claim-command.input.js';
import { Reference, Text } from './input-rules.js';

@InputType({ description: 'A payer takeback (835 claim status 22) of an earlier payment.' })
export class ReversePaymentInput extends ClaimCommandInput {
  @Field()
  @Reference()
  paymentId!: string;

  @Field()
  @Text()
  reason!: string;
}
