import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: "The state of a patient's key: forgotten, under legal hold, or neither." })
export class PatientKeyStatus {
  @Field()
  patientRef!: string;

  @Field({
    description: "True once the patient's key is destroyed: their identity reads as redacted everywhere.",
  })
  forgotten!: boolean;

  @Field(() => Date, { nullable: true })
  forgottenAt!: Date | null;

  @Field(() => String, { nullable: true })
  forgottenBy!: string | null;

  @Field()
  legalHold!: boolean;

  @Field(() => String, { nullable: true })
  legalHoldReason!: string | null;
}
