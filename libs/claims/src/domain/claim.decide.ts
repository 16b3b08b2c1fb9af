import { INSTANT_RULE, isValidInstant } from './claim.codes.js';
import type { ClaimCommand } from './claim.commands.js';
import { ClaimError, invalid } from './claim.errors.js';
import type { ClaimEvent } from './claim.events.js';
import type { ClaimState } from './claim.state.js';
import { appealDecided, appealed, denied } from './denial-appeal.rules.js';
import { assigned, followUpLogged, voided } from './follow-up.rules.js';
import { patientBilled, patientPaid, writtenOff } from './patient.rules.js';
import { paid, paymentReversed } from './payment.rules.js';
import { submittedClaim } from './submit-claim.rules.js';
import { acknowledged, additionalInfoSubmitted, pended, rejected, resubmitted } from './submission.rules.js';

/** Pure: the events a command produces in a state, or a ClaimError. Time and ids arrive in the command. */
export function decide(command: ClaimCommand, state: ClaimState): ClaimEvent[] {
  if (!isValidInstant(command.occurredAt)) throw invalid('occurredAt', INSTANT_RULE);
  switch (command.type) {
    case 'SubmitClaim':
      if (state.status !== 'NONE')
        throw new ClaimError('CLAIM_ALREADY_EXISTS', 'A claim with this id was already submitted', 'claimId');
      return [submittedClaim(command)];
    case 'AcknowledgeClaim':
      return [acknowledged(command, state)];
    case 'RejectClaim':
      return [rejected(command, state)];
    case 'ResubmitClaim':
      return [resubmitted(command, state)];
    case 'PendClaim':
      return [pended(command, state)];
    case 'SubmitAdditionalInfo':
      return [additionalInfoSubmitted(command, state)];
    case 'DenyClaim':
      return [denied(command, state)];
    case 'AppealClaim':
      return [appealed(command, state)];
    case 'DecideAppeal':
      return [appealDecided(command, state)];
    case 'RecordPayment':
      return [paid(command, state)];
    case 'ReversePayment':
      return [paymentReversed(command, state)];
    case 'BillPatient':
      return [patientBilled(command, state)];
    case 'RecordPatientPayment':
      return [patientPaid(command, state)];
    case 'WriteOffBalance':
      return [writtenOff(command, state)];
    case 'VoidClaim':
      return [voided(command, state)];
    case 'LogFollowUp':
      return [followUpLogged(command, state)];
    case 'AssignClaim':
      return [assigned(command, state)];
    default:
      throw invalid('type', 'must be a known claim command');
  }
}
