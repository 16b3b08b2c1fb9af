import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SubmitClaim } from '../domain/index.js';
import { PAYER_RULES, type PayerRulesPort } from './payer-rules.port.js';
import { ClaimCommandExecutor, type CommandBody } from './claim-command.executor.js';
import type { CommandResult } from './command-context.js';
import { PATIENT_VAULT, type PatientVaultPort } from './patient-vault.port.js';
import { SubmitClaimCommand } from './submit-claim.command.js';

@CommandHandler(SubmitClaimCommand)
export class SubmitClaimHandler implements ICommandHandler<SubmitClaimCommand, CommandResult> {
  constructor(
    private readonly executor: ClaimCommandExecutor,
    @Inject(PAYER_RULES) private readonly payers: PayerRulesPort,
    @Inject(PATIENT_VAULT) private readonly vault: PatientVaultPort,
  ) {}

  async execute({ claim, context }: SubmitClaimCommand): Promise<CommandResult> {
    const { patient, ...rest } = claim;
    const [payerRules, patientIdentity] = await Promise.all([
      this.payers.rulesFor(claim.payerId),
      patient === undefined ? undefined : this.vault.seal(claim.patientRef, patient),
    ]);
    const body: CommandBody<SubmitClaim> = {
      type: 'SubmitClaim',
      ...rest,
      payerRules,
      ...(patientIdentity !== undefined && { patientIdentity }),
    };
    return this.executor.execute(claim.claimId, body, context);
  }
}
