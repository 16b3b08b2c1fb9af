import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { SubmitClaimCommand } from '../../application/submit-claim.command.js';
import type { CommandResult as Result } from '../../application/command-context.js';
import { SubmitClaimInput } from '../inputs/submit-claim.input.js';
import { Identity, type RequestIdentity } from '../request-context.js';
import { CommandResult } from '../types/command-result.type.js';

@Resolver()
export class ClaimCommandsResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => CommandResult, { description: 'Submit a new claim to its payer (837).' })
  submitClaim(
    @Args('input') input: SubmitClaimInput,
    @Identity() identity: RequestIdentity,
  ): Promise<Result> {
    const { commandId, occurredAt, ...claim } = input;
    return this.commandBus.execute(new SubmitClaimCommand(claim, { ...identity, commandId, occurredAt }));
  }
}
