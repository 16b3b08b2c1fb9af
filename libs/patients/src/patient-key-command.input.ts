import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, Length, Matches } from 'class-validator';
import { LIMITS, PATIENT_REF_PATTERN } from '@claimtrail/claims';

@InputType({ isAbstract: true })
abstract class PatientKeyCommandInput {
  @Field({ description: "The practice's patient account reference (PHI)." })
  @Matches(PATIENT_REF_PATTERN, {
    message: 'patientRef must be 1-50 letters, digits, dots, dashes or underscores',
  })
  patientRef!: string;

  @Field({
    description:
      'Why, for the audit (a request number, a ticket): never the patient’s name or other identity, which it outlives.',
  })
  @Length(1, LIMITS.maxTextLength, { message: `reason must be 1-${LIMITS.maxTextLength} characters` })
  reason!: string;
}

@InputType()
export class ForgetPatientInput extends PatientKeyCommandInput {}

@InputType()
export class SetPatientLegalHoldInput extends PatientKeyCommandInput {
  @Field({ description: 'True sets the hold, false releases it.' })
  @IsBoolean()
  hold!: boolean;
}
