import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ClaimCommandExecutor } from './claim-command.executor.js';
import type { CommandResult } from './command-context.js';
import { UpdateClaimCommand } from './update-claim.command.js';

@CommandHandler(UpdateClaimCommand)
export class UpdateClaimHandler implements ICommandHandler<UpdateClaimCommand, CommandResult> {
  constructor(private readonly executor: ClaimCommandExecutor) {}

  execute({ claimId, change, context }: UpdateClaimCommand): Promise<CommandResult> {
    return this.executor.execute(claimId, change, context);
  }
}
