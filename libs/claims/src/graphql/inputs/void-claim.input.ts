import { Field, InputType } from '@nestjs/graphql';
import { ClaimCommandInput } from './claim-command.input.js';
import { Text } from './input-rules.js';

@InputType({ description: 'Cancel the claim at the payer (frequency 8).' })
export class VoidClaimInput extends ClaimCommandInput {
  @Field()
  @Text()
  reason!: string;
}
