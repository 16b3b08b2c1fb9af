import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, ValidateNested } from 'class-validator';
import { LIMITS } from '../../domain/index.js';
import { AdjustmentGroupCode } from '../types/claim-enums.js';
import { ClaimCommandInput } from './claim-command.input.js';
import { ReasonCodesInput } from './reason-codes.input.js';
import { Carc, Cents, LineNumber, Rarcs } from './input-rules.js';
import { CentsScalar } from '@claimtrail/platform';

@InputType()
export class LineDenialInput extends ReasonCodesInput {
  @Field(() => Int)
  @LineNumber()
  lineNumber!: number;

  @Field(() => CentsScalar)
  @Cents()
  deniedAmountCents!: number;
}

@InputType()
export class DenyClaimInput extends ClaimCommandInput {
  @Field(() => AdjustmentGroupCode)
  @IsEnum(AdjustmentGroupCode)
  groupCode!: AdjustmentGroupCode;

  @Field({ description: 'Claim adjustment reason code, e.g. 50 (not medically necessary).' })
  @Carc()
  carc!: string;

  @Field(() => [String], { defaultValue: [], description: 'Remittance advice remark codes, e.g. N290.' })
  @ArrayMaxSize(LIMITS.maxRarcs)
  @Rarcs()
  rarcs!: string[];

  @Field(() => CentsScalar)
  @Cents()
  deniedAmountCents!: number;

  @Field(() => [LineDenialInput], { defaultValue: [] })
  @ArrayMaxSize(LIMITS.maxLines)
  @ValidateNested({ each: true })
  @Type(() => LineDenialInput)
  lines!: LineDenialInput[];
}
