import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'What a command appended: pass position to a query to read your own write.' })
export class CommandResult {
  @Field(() => ID)
  claimId!: string;

  @Field(() => Int, { description: "Version of the claim's stream after the command (0 = first event)." })
  version!: number;

  @Field({ description: 'Position of the last appended event in the global log.' })
  position!: string;
}
