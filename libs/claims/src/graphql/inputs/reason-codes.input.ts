import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum } from 'class-validator';
import { LIMITS } from '../../domain/index.js';
import { AdjustmentGroupCode } from '../types/claim-enums.js';
import { Carc, Rarcs } from './input-rules.js';

/** Group code, CARC and RARCs: how a payer explains any amount it did not pay. */
@InputType({ isAbstract: true })
export abstract class ReasonCodesInput {
  @Field(() => AdjustmentGroupCode)
  @IsEnum(AdjustmentGroupCode)
  groupCode!: AdjustmentGroupCode;

  @Field({
    description: 'Claim adjustment reason code, e.g. 45 (fee schedule), 50 (not medically necessary).',
  })
  @Carc()
  carc!: string;

  @Field(() => [String], { defaultValue: [], description: 'Remittance advice remark codes, e.g. N290.' })
  @ArrayMaxSize(LIMITS.maxRarcs)
  @Rarcs()
  rarcs!: string[];
}
