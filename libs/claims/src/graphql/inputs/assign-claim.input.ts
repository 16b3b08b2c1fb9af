import { Field, InputType } from '@nestjs/graphql';
import { ClaimCommandInput } from './claim-command.input.js';
import { Reference } from './input-rules.js';

@InputType()
export class AssignClaimInput extends ClaimCommandInput {
  @Field({ description: 'User id of the biller who works the claim.' })
  @Reference()
  assignee!: string;
}
