import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsOptional, Matches } from 'class-validator';
import { PAYER_ID_PATTERN } from '../../domain/index.js';
import { ClaimStatus } from '../types/claim.type.js';

@InputType()
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
}
