import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CLAIM_ID_PATTERN,
  ICD10_PATTERN,
  LIMITS,
  MODIFIER_PATTERN,
  PATIENT_REF_PATTERN,
  PAYER_ID_PATTERN,
  PROCEDURE_CODE_PATTERN,
} from '../../domain/index.js';
import { CommandOptionsInput } from './command-options.input.js';
import { LocalDate } from './input-rules.js';
import { PatientIdentityInput } from './patient-identity.input.js';
import { CentsScalar } from '@claimtrail/platform';

@InputType()
export class ServiceLineInput {
  @Field({ description: 'CPT or HCPCS code, e.g. 99214 or G0439.' })
  @Matches(PROCEDURE_CODE_PATTERN, { message: 'procedureCode must be a CPT or HCPCS code' })
  procedureCode!: string;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(LIMITS.maxModifiers)
  @Matches(MODIFIER_PATTERN, { each: true, message: 'modifiers must be two letters or digits each' })
  modifiers!: string[];

  @Field(() => Int, { defaultValue: 1 })
  @IsInt()
  @Min(1)
  @Max(LIMITS.maxUnits)
  units!: number;

  @Field(() => CentsScalar)
  @IsInt()
  @Min(0)
  @Max(LIMITS.maxLineChargeCents)
  chargeCents!: number;

  @Field(() => [Int])
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.maxPointers)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(LIMITS.maxDiagnoses, { each: true })
  diagnosisPointers!: number[];

  @Field({ description: 'Date of service, YYYY-MM-DD.' })
  @LocalDate()
  serviceDate!: string;
}

@InputType()
export class SubmitClaimInput extends CommandOptionsInput {
  @Field({ description: "The practice's claim id (patient control number), unique per claim." })
  @Matches(CLAIM_ID_PATTERN, { message: 'claimId must be 1-38 letters, digits, dots, dashes or underscores' })
  claimId!: string;

  @Field({ description: "The practice's patient account reference (PHI)." })
  @IsString()
  @Matches(PATIENT_REF_PATTERN, {
    message: 'patientRef must be 1-50 letters, digits, dots, dashes or underscores',
  })
  patientRef!: string;

  @Field({ description: 'Billing provider NPI (10 digits).' })
  @Matches(/^\d{10}$/, { message: 'providerNpi must be 10 digits' })
  providerNpi!: string;

  @Field({ description: 'Payer id as on the 837, e.g. 87726.' })
  @Matches(PAYER_ID_PATTERN, { message: 'payerId must be 2-10 upper-case letters or digits' })
  payerId!: string;

  @Field({
    nullable: true,
    description: 'Coordination of benefits: the payer the primary payer’s patient share crosses over to.',
  })
  @IsOptional()
  @Matches(PAYER_ID_PATTERN, { message: 'secondaryPayerId must be 2-10 upper-case letters or digits' })
  secondaryPayerId?: string;

  @Field(() => [String], { description: 'ICD-10-CM codes, primary first.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.maxDiagnoses)
  @Matches(ICD10_PATTERN, { each: true, message: 'diagnoses must be ICD-10-CM codes' })
  diagnoses!: string[];

  @Field(() => [ServiceLineInput])
  @ArrayMinSize(1, { message: 'lines must have at least one service line' })
  @ArrayMaxSize(LIMITS.maxLines, { message: `lines must have at most ${LIMITS.maxLines} service lines` })
  @ValidateNested({ each: true })
  @Type(() => ServiceLineInput)
  lines!: ServiceLineInput[];

  @Field(() => PatientIdentityInput, {
    nullable: true,
    description: 'Name, birth date and member id (PHI): stored only sealed with the patient key.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PatientIdentityInput)
  patient?: PatientIdentityInput;
}
