import { Field, InputType } from '@nestjs/graphql';
import { ClaimCommandInput } from './claim-command.input.js';
import { Text } from './input-rules.js';

@InputType()
export class SubmitAdditionalInfoInput extends ClaimCommandInput {
  @Field({ description: 'What was sent to the payer.' })
  @Text()
  description!: string;
}
