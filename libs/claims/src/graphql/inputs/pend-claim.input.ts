import { Field, InputType } from '@nestjs/graphql';
import { ClaimCommandInput } from './claim-command.input.js';
import { LocalDate, StatusCode, Text } from './input-rules.js';

@InputType()
export class PendClaimInput extends ClaimCommandInput {
  @Field({ description: '277 status category, e.g. P3, P4, R1.' })
  @StatusCode()
  statusCode!: string;

  @Field({ description: 'What the payer asked for (records, itemized bill, ...).' })
  @Text()
  requested!: string;

  @Field({ description: 'Date the information is due, YYYY-MM-DD.' })
  @LocalDate()
  infoDueDate!: string;
}
