import { Field, InputType } from '@nestjs/graphql';
import { ClaimCommandInput } from './claim-command.input.js';
import { Cents, LocalDate, Reference } from './input-rules.js';
import { CentsScalar } from '@claimtrail/platform';

@InputType()
export class BillPatientInput extends ClaimCommandInput {
  @Field()
  @Reference()
  statementId!: string;

  @Field(() => CentsScalar)
  @Cents(1)
  amountCents!: number;

  @Field({ description: 'YYYY-MM-DD' })
  @LocalDate()
  dueDate!: string;
}
