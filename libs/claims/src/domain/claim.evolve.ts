import type { ClaimEvent } from './claim.events.js';
import type { ClaimState } from './claim.state.js';

/** Total and deterministic: replaying the same events always gives the same state. */
export function evolve(state: ClaimState, event: ClaimEvent): ClaimState {
  switch (event.type) {
    case 'ClaimSubmitted': {
      const {
        claimId,
        payerId,
        providerNpi,
        serviceDateFrom,
        serviceDateTo,
        lines,
        totalChargeCents,
        submittedAt,
      } = event.data;
      return {
        status: 'SUBMITTED',
        claimId,
        payerId,
        providerNpi,
        serviceDateFrom,
        serviceDateTo,
        lines,
        totalChargeCents,
        submittedAt,
      };
    }
    default:
      return state;
  }
}
