import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SubmitClaim } from '../domain/index.js';
import { PAYER_RULES, type PayerRulesPort } from './payer-rules.port.js';
import { ClaimCommandExecutor, type CommandBody } from './claim-command.executor.js';
import type { CommandResult } from './command-context.js';
import { SubmitClaimCommand } from './submit-claim.command.js';

@CommandHandler(SubmitClaimCommand)
export class SubmitClaimHandler implements ICommandHandler<SubmitClaimCommand, CommandResult> {
  constructor(
    private readonly executor: ClaimCommandExecutor,
    @Inject(PAYER_RULES) private readonly payers: PayerRulesPort,
  ) {}

  async execute({ claim, context }: SubmitClaimCommand): Promise<CommandResult> {
    const payerRules = await this.payers.rulesFor(claim.payerId);
    const body: CommandBody<SubmitClaim> = { type: 'SubmitClaim', ...claim, payerRules };
    return this.executor.execute(claim.claimId, body, context);
  }
}
