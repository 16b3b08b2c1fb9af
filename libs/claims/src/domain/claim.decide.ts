import { INSTANT_RULE, isValidInstant } from './claim.codes.js';
import type { ClaimCommand } from './claim.commands.js';
import { invalid } from './claim.errors.js';
import type { ClaimEvent } from './claim.events.js';
import type { ClaimState } from './claim.state.js';
import {
  decideAppealClaim,
  decideDecideAppeal,
  decideDenyClaim,
} from './denial-appeal/denial-appeal.decide.js';
import { decideAssignClaim, decideLogFollowUp, decideVoidClaim } from './follow-up/follow-up.decide.js';
import {
  decideBillPatient,
  decideRecordPatientPayment,
  decideReferToCollections,
  decideWriteOffBalance,
} from './patient/patient.decide.js';
import { decideRecordPayment, decideResolveCredit, decideReversePayment } from './payment/payment.decide.js';
import {
  decideAcknowledgeClaim,
  decidePendClaim,
  decideRejectClaim,
  decideResubmitClaim,
  decideSubmitAdditionalInfo,
  decideSubmitClaim,
} from './submission/submission.decide.js';

/** Pure: the events a command produces in a state, or a ClaimError. Time and ids arrive in the command. */
export function decide(command: ClaimCommand, state: ClaimState): ClaimEvent[] {
  if (!isValidInstant(command.occurredAt)) throw invalid('occurredAt', INSTANT_RULE);
  switch (command.type) {
    case 'SubmitClaim':
      return [decideSubmitClaim(command, state)];
    case 'AcknowledgeClaim':
      return [decideAcknowledgeClaim(command, state)];
    case 'RejectClaim':
      return [decideRejectClaim(command, state)];
    case 'ResubmitClaim':
      return [decideResubmitClaim(command, state)];
    case 'PendClaim':
      return [decidePendClaim(command, state)];
    case 'SubmitAdditionalInfo':
      return [decideSubmitAdditionalInfo(command, state)];

    case 'DenyClaim':
      return [decideDenyClaim(command, state)];
    case 'AppealClaim':
      return [decideAppealClaim(command, state)];
    case 'DecideAppeal':
      return [decideDecideAppeal(command, state)];

    case 'RecordPayment':
      return [decideRecordPayment(command, state)];
    case 'ReversePayment':
      return [decideReversePayment(command, state)];
    case 'ResolveCredit':
      return [decideResolveCredit(command, state)];

    case 'BillPatient':
      return [decideBillPatient(command, state)];
    case 'RecordPatientPayment':
      return [decideRecordPatientPayment(command, state)];
    case 'WriteOffBalance':
      return [decideWriteOffBalance(command, state)];
    case 'ReferToCollections':
      return [decideReferToCollections(command, state)];

    case 'LogFollowUp':
      return [decideLogFollowUp(command, state)];
    case 'AssignClaim':
      return [decideAssignClaim(command, state)];
    case 'VoidClaim':
      return [decideVoidClaim(command, state)];

    default: {
      // A command type added to an area but handled nowhere makes `command` not `never`: it fails to compile.
      const _exhaustive: never = command;
      // Commands also come from outside the type system (JSON, tools): refuse an unknown type instead of crashing.
      throw invalid('type', 'must be a known claim command');
    }
  }
}
