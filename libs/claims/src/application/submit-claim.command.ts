import type { SubmitClaim } from '../domain/index.js';
import type { CommandContext } from './command-context.js';

export class SubmitClaimCommand {
  constructor(
    readonly claim: Omit<SubmitClaim, 'type' | 'occurredAt' | 'payerRules'>,
    readonly context: CommandContext,
  ) {}
}
