import type { SubmitClaim } from '../domain/index.js';
import type { CommandContext } from './command-context.js';
import type { PatientIdentity } from './patient-vault.port.js';

export class SubmitClaimCommand {
  constructor(
    readonly claim: Omit<SubmitClaim, 'type' | 'occurredAt' | 'payerRules' | 'patientIdentity'> & {
      /** In the clear only until the handler seals it. */
      patient?: PatientIdentity;
    },
    readonly context: CommandContext,
  ) {}
}
