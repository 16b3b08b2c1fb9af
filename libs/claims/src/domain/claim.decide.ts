import type { ClaimCommand } from './claim.commands.js';
import { ClaimError } from './claim.errors.js';
import type { ClaimEvent } from './claim.events.js';
import type { ClaimState } from './claim.state.js';
import { submittedClaim } from './submit-claim.rules.js';

/** Pure: the events a command produces in a state, or a ClaimError. Time and ids arrive in the command. */
export function decide(command: ClaimCommand, state: ClaimState): ClaimEvent[] {
  switch (command.type) {
    case 'SubmitClaim':
      if (state.status !== 'NONE')
        throw new ClaimError('CLAIM_ALREADY_EXISTS', 'A claim with this id was already submitted', 'claimId');
      return [submittedClaim(command)];
  }
}
