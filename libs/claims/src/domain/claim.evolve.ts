import type { ClaimEvent } from './claim.events.js';
import type { ClaimState } from './claim.state.js';
import { onAppealDecided, onClaimAppealed, onClaimDenied } from './denial-appeal/denial-appeal.evolve.js';
import { onClaimAssigned, onClaimVoided, onFollowUpLogged } from './follow-up/follow-up.evolve.js';
import {
  onBalanceWrittenOff,
  onPatientBilled,
  onPatientPaymentReceived,
  onPatientReferredToCollections,
} from './patient/patient.evolve.js';
import { onClaimPaid, onCreditResolved, onPaymentReversed } from './payment/payment.evolve.js';
import {
  onAdditionalInfoSubmitted,
  onClaimAcknowledged,
  onClaimPended,
  onClaimRejected,
  onClaimResubmitted,
  onClaimSubmitted,
} from './submission/submission.evolve.js';

/** Total and deterministic: replaying the same events always gives the same state. */
export function evolve(state: ClaimState, event: ClaimEvent): ClaimState {
  if (event.type === 'ClaimSubmitted') return onClaimSubmitted(state, event.data);
  // Every other event changes an existing claim; without one it is ignored, so a replay never fails on it.
  if (state.status === 'NONE') return state;
  switch (event.type) {
    case 'ClaimAcknowledged':
      return onClaimAcknowledged(state, event.data);
    case 'ClaimRejected':
      return onClaimRejected(state, event.data);
    case 'ClaimResubmitted':
      return onClaimResubmitted(state, event.data);
    case 'ClaimPended':
      return onClaimPended(state, event.data);
    case 'AdditionalInfoSubmitted':
      return onAdditionalInfoSubmitted(state);

    case 'ClaimDenied':
      return onClaimDenied(state, event.data);
    case 'ClaimAppealed':
      return onClaimAppealed(state, event.data);
    case 'AppealDecided':
      return onAppealDecided(state, event.data);

    case 'ClaimPaid':
      return onClaimPaid(state, event.data);
    case 'PaymentReversed':
      return onPaymentReversed(state, event.data);
    case 'CreditResolved':
      return onCreditResolved(state, event.data);

    case 'PatientBilled':
      return onPatientBilled(state, event.data);
    case 'PatientPaymentReceived':
      return onPatientPaymentReceived(state, event.data);
    case 'BalanceWrittenOff':
      return onBalanceWrittenOff(state, event.data);
    case 'PatientReferredToCollections':
      return onPatientReferredToCollections(state, event.data);

    case 'FollowUpLogged':
      return onFollowUpLogged(state, event.data);
    case 'ClaimAssigned':
      return onClaimAssigned(state, event.data);
    case 'ClaimVoided':
      return onClaimVoided(state);

    default: {
      // An event type added to an area but handled nowhere makes `event` not `never`: it fails to compile.
      const _exhaustive: never = event;
      // A stored event of a type this code does not know is skipped, so an older build can still replay.
      return state;
    }
  }
}
