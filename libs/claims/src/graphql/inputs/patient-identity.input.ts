import { Field, InputType } from '@nestjs/graphql';
import { Matches } from 'class-validator';
import { LocalDate, Text } from './input-rules.js';

// Lengths as the 837 allows them (NM103 60, NM104 35, NM109 80); control characters are refused for every
// argument by the text input pipe.
@InputType({
  description: 'The patient as named on the claim (PHI): sealed with the patient key before it is stored.',
})
export class PatientIdentityInput {
  @Field()
  @Text(60)
  lastName!: string;

  @Field()
  @Text(35)
  firstName!: string;

  @Field({ description: 'YYYY-MM-DD.' })
  @LocalDate()
  birthDate!: string;

  @Field({ description: "The payer's member (subscriber) id." })
  @Matches(/^[A-Za-z0-9-]{1,80}$/, { message: 'memberId must be 1-80 letters, digits or dashes' })
  memberId!: string;
}
