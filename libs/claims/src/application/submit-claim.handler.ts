import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SubmitClaim } from '../domain/index.js';
import { PayerRulesService } from '../payers/payer-rules.service.js';
import { ClaimCommandExecutor, type CommandBody } from './claim-command.executor.js';
import type { CommandResult } from './command-context.js';
import { SubmitClaimCommand } from './submit-claim.command.js';

@CommandHandler(SubmitClaimCommand)
export class SubmitClaimHandler implements ICommandHandler<SubmitClaimCommand, CommandResult> {
  constructor(
    private readonly executor: ClaimCommandExecutor,
    private readonly payers: PayerRulesService,
  ) {}

  async execute({ claim, context }: SubmitClaimCommand): Promise<CommandResult> {
    const payerRules = await this.payers.rulesFor(claim.payerId);
    const body: CommandBody<SubmitClaim> = { type: 'SubmitClaim', ...claim, payerRules };
    return this.executor.execute(claim.claimId, body, context);
  }
}
