import { Field, InputType } from '@nestjs/graphql';
import { CentsScalar } from '../scalars/cents.scalar.js';
import { ClaimCommandInput } from './claim-command.input.js';
import { Cents, LocalDate, Reference } from './input-rules.js';

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
