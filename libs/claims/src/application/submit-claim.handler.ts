import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SubmitClaim } from '../domain/index.js';
import { ClaimCommandExecutor } from './claim-command.executor.js';
import type { CommandResult } from './command-context.js';
import { SubmitClaimCommand } from './submit-claim.command.js';

@CommandHandler(SubmitClaimCommand)
export class SubmitClaimHandler implements ICommandHandler<SubmitClaimCommand, CommandResult> {
  constructor(private readonly executor: ClaimCommandExecutor) {}

  execute({ claim, context }: SubmitClaimCommand): Promise<CommandResult> {
    return this.executor.execute<SubmitClaim>(claim.claimId, { type: 'SubmitClaim', ...claim }, context);
  }
}
