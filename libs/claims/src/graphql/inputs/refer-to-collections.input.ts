import { Field, InputType } from '@nestjs/graphql';
import { ClaimCommandInput } from './claim-command.input.js';
import { Optional, Text } from './input-rules.js';

@InputType()
export class ReferToCollectionsInput extends ClaimCommandInput {
  @Field(() => String, { nullable: true, description: 'The collection agency.' })
  @Optional()
  @Text(100)
  agency?: string;
}
