import { filingDeadlineOnly, recordOf, type ClaimState, type ExistingClaim } from '../claim.state.js';
import type { ClaimAssigned, FollowUpLogged } from './follow-up.events.js';

// Follow-ups and assignment keep the status and its facts (a pend, a denial), so they spread the state itself.
export function onFollowUpLogged(state: ExistingClaim, data: FollowUpLogged['data']): ClaimState {
  return { ...state, followUps: [...state.followUps, { ...data }] };
}

export function onClaimAssigned(state: ExistingClaim, data: ClaimAssigned['data']): ClaimState {
  return { ...state, assignee: data.assignee };
}

export function onClaimVoided(state: ExistingClaim): ClaimState {
  const claim = recordOf(state);
  return { ...claim, status: 'VOIDED', deadlines: filingDeadlineOnly(claim) };
}
