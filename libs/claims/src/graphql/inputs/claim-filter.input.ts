import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { CentsScalar } from '@claimtrail/platform';
import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, Matches } from 'class-validator';
import { NPI_PATTERN, PAYER_ID_PATTERN } from '../../domain/index.js';
import { ClaimStatus } from '../types/claim.type.js';
import { Cents, LocalDate, Optional, Reference } from './input-rules.js';

export enum ClaimOrderField {
  SUBMISSION_DATE = 'SUBMISSION_DATE',
  BALANCE = 'BALANCE',
  AGE = 'AGE',
  NEXT_DEADLINE = 'NEXT_DEADLINE',
  CREDIT = 'CREDIT',
}

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(ClaimOrderField, {
  name: 'ClaimOrderField',
  description:
    'SUBMISSION_DATE: first submission; BALANCE: insurance + patient balance; AGE: from the first date of service (DESC: oldest first); NEXT_DEADLINE: the nearest open deadline (claims without one last when ascending); CREDIT: the credit balance (money to refund).',
});
registerEnumType(SortDirection, { name: 'SortDirection' });

@InputType()
export class ClaimOrder {
  // Optional for the pipe too: an absent orderBy reaches it as an empty object.
  @Field(() => ClaimOrderField, { defaultValue: ClaimOrderField.SUBMISSION_DATE })
  @IsOptional()
  @IsEnum(ClaimOrderField)
  field!: ClaimOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  @IsOptional()
  @IsEnum(SortDirection)
  direction!: SortDirection;
}

@InputType({ description: 'Every condition given must hold.' })
export class ClaimFilter {
  @Field(() => [ClaimStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(ClaimStatus, { each: true })
  status?: ClaimStatus[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @Matches(PAYER_ID_PATTERN, { each: true, message: 'payerId must be 2-10 upper-case letters or digits' })
  payerId?: string[];

  @Field(() => [String], { nullable: true, description: 'Billing provider NPIs.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @Matches(NPI_PATTERN, { each: true, message: 'providerNpi must be 10 digits' })
  providerNpi?: string[];

  @Field(() => String, { nullable: true, description: 'The biller the claim is assigned to.' })
  @Optional()
  @Reference()
  assignee?: string;

  @Field(() => String, { nullable: true, description: 'First date of service on or after, YYYY-MM-DD.' })
  @Optional()
  @LocalDate()
  serviceDateFrom?: string;

  @Field(() => String, { nullable: true, description: 'First date of service on or before, YYYY-MM-DD.' })
  @Optional()
  @LocalDate()
  serviceDateTo?: string;

  @Field(() => String, { nullable: true, description: 'First submitted on or after, YYYY-MM-DD.' })
  @Optional()
  @LocalDate()
  submittedFrom?: string;

  @Field(() => String, { nullable: true, description: 'First submitted on or before, YYYY-MM-DD.' })
  @Optional()
  @LocalDate()
  submittedTo?: string;

  @Field(() => CentsScalar, { nullable: true, description: 'Insurance balance at least this many cents.' })
  @Optional()
  @Cents()
  minInsuranceBalanceCents?: number;

  @Field(() => CentsScalar, { nullable: true, description: 'Patient balance at least this many cents.' })
  @Optional()
  @Cents()
  minPatientBalanceCents?: number;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only claims with a credit balance (money received beyond what is owed: refund or offset it); false: none.',
  })
  @IsOptional()
  @IsBoolean()
  hasCreditBalance?: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: a deadline (appeal, information due, timely filing while unfiled) from today on; false: none.',
  })
  @IsOptional()
  @IsBoolean()
  hasOpenDeadline?: boolean;
}
