import { Field, InputType } from '@nestjs/graphql';
import { ClaimCommandInput } from './claim-command.input.js';
import { StatusCode, Text } from './input-rules.js';

@InputType()
export class RejectClaimInput extends ClaimCommandInput {
  @Field({ description: '999/277CA rejection category, e.g. A3, A6, A7, A8.' })
  @StatusCode()
  statusCode!: string;

  @Field()
  @Text()
  reason!: string;
}
