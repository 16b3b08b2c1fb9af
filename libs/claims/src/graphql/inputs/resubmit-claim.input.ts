import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEnum, Matches, ValidateNested } from 'class-validator';
import { ICD10_PATTERN, LIMITS } from '../../domain/index.js';
import { ResubmissionFrequency } from '../types/claim-enums.js';
import { ClaimCommandInput } from './claim-command.input.js';
import { Optional, Text } from './input-rules.js';
import { ServiceLineInput } from './submit-claim.input.js';

@InputType()
export class ResubmitClaimInput extends ClaimCommandInput {
  @Field(() => ResubmissionFrequency)
  @IsEnum(ResubmissionFrequency)
  frequency!: ResubmissionFrequency;

  @Field()
  @Text()
  reason!: string;

  @Field(() => [String], { nullable: true, description: 'Corrected diagnoses, when they changed.' })
  @Optional()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.maxDiagnoses)
  @Matches(ICD10_PATTERN, { each: true, message: 'diagnoses must be ICD-10-CM codes' })
  diagnoses?: string[];

  @Field(() => [ServiceLineInput], {
    nullable: true,
    description: 'Corrected service lines, when they changed.',
  })
  @Optional()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.maxLines)
  @ValidateNested({ each: true })
  @Type(() => ServiceLineInput)
  lines?: ServiceLineInput[];
}
