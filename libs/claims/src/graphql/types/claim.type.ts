import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CentsScalar } from '../scalars/cents.scalar.js';

export enum ClaimStatus {
  SUBMITTED = 'SUBMITTED',
}

registerEnumType(ClaimStatus, { name: 'ClaimStatus' });

@ObjectType()
export class ServiceLine {
  @Field(() => Int)
  lineNumber!: number;

  @Field({ description: 'CPT or HCPCS code.' })
  procedureCode!: string;

  @Field(() => [String])
  modifiers!: string[];

  @Field(() => Int)
  units!: number;

  @Field(() => CentsScalar)
  chargeCents!: number;

  @Field(() => [Int], { description: "1-based pointers into the claim's diagnoses." })
  diagnosisPointers!: number[];

  @Field({ description: 'Date of service, YYYY-MM-DD.' })
  serviceDate!: string;
}

@ObjectType()
export class Claim {
  @Field(() => ID)
  id!: string;

  @Field(() => ClaimStatus)
  status!: ClaimStatus;

  @Field()
  payerId!: string;

  @Field()
  providerNpi!: string;

  @Field({ description: "The practice's patient reference (PHI)." })
  patientRef!: string;

  @Field({ description: 'First date of service, YYYY-MM-DD.' })
  serviceDate!: string;

  @Field()
  serviceDateTo!: string;

  @Field()
  submittedAt!: Date;

  @Field(() => CentsScalar)
  totalChargeCents!: number;

  @Field(() => [String], { description: 'ICD-10-CM codes (PHI).' })
  diagnoses!: string[];

  @Field(() => [ServiceLine])
  lines!: ServiceLine[];

  @Field(() => Int, { description: 'Stream version this view reflects; pass it as expectedVersion.' })
  version!: number;
}
