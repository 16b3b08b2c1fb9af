import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    'The patient as named on the claim (PHI; reads are recorded). Once the patient is forgotten every field but `redacted` is null.',
})
export class PatientIdentity {
  @Field(() => String, { nullable: true })
  lastName!: string | null;

  @Field(() => String, { nullable: true })
  firstName!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  birthDate!: string | null;

  @Field(() => String, { nullable: true, description: "The payer's member (subscriber) id." })
  memberId!: string | null;

  @Field({ description: "True once the patient was forgotten: the patient's key is destroyed." })
  redacted!: boolean;
}
