import { Field, InputType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { AppealOutcome } from '../types/claim-enums.js';
import { ClaimCommandInput } from './claim-command.input.js';

@InputType()
export class DecideAppealInput extends ClaimCommandInput {
  @Field(() => AppealOutcome)
  @IsEnum(AppealOutcome)
  outcome!: AppealOutcome;
}
