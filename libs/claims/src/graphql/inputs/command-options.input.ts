import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, Matches } from 'class-validator';
import { Instant } from './input-rules.js';

export const COMMAND_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

@InputType({ isAbstract: true })
export abstract class CommandOptionsInput {
  @Field(() => String, {
    nullable: true,
    description: 'Sending the same commandId again returns the first result and writes nothing.',
  })
  @IsOptional()
  @Matches(COMMAND_ID_PATTERN, { message: 'commandId must be 1-100 letters, digits or . _ : -' })
  commandId?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Business time of the action (ISO-8601 instant with a zone); defaults to now.',
  })
  @IsOptional()
  @Instant()
  occurredAt?: string;
}
