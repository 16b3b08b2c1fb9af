import { Field, InputType } from '@nestjs/graphql';
import { ClaimCommandInput } from './claim-command.input.js';
import { Reference, StatusCode } from './input-rules.js';

@InputType()
export class AcknowledgeClaimInput extends ClaimCommandInput {
  @Field({ description: "The payer's claim control number." })
  @Reference()
  payerClaimNumber!: string;

  @Field({ description: '277CA claim status category, e.g. A1 or A2.' })
  @StatusCode()
  statusCode!: string;
}
