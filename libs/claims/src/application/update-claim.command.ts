import type { ClaimCommand, SubmitClaim } from '../domain/index.js';
import type { CommandContext } from './command-context.js';

type Body<C> = C extends unknown ? Omit<C, 'occurredAt'> : never;

/** Any command on an existing claim: the decider tells them apart, so one message and one handler serve them all. */
export type ClaimChange = Body<Exclude<ClaimCommand, SubmitClaim>>;

export class UpdateClaimCommand {
  constructor(
    readonly claimId: string,
    readonly change: ClaimChange,
    readonly context: CommandContext,
  ) {}
}
