// Work on any open claim: follow-ups and assignment leave its status alone; voiding cancels it. All three are
// allowed from every open status and look at nothing but the claim being open.
import { invalid } from '../claim.errors.js';
import { OPEN_STATUSES, type ClaimState } from '../claim.state.js';
import {
  businessDate,
  checkDate,
  checkId,
  checkOneOf,
  checkOptionalText,
  checkText,
  requireStatus,
} from '../claim.validate.js';
import type { AssignClaim, LogFollowUp, VoidClaim } from './follow-up.commands.js';
import {
  FOLLOW_UP_CHANNELS,
  type ClaimAssigned,
  type ClaimVoided,
  type FollowUpLogged,
} from './follow-up.events.js';

export function decideLogFollowUp(command: LogFollowUp, state: ClaimState): FollowUpLogged {
  const claim = requireStatus(state, command.type, OPEN_STATUSES);
  const today = businessDate(command.occurredAt, claim);
  const channel = checkOneOf('channel', command.channel, FOLLOW_UP_CHANNELS);
  const outcome = checkText('outcome', command.outcome);
  const payerReference =
    command.payerReference === undefined ? undefined : checkId('payerReference', command.payerReference);
  const note = checkOptionalText('note', command.note);
  const nextActionDate =
    command.nextActionDate === undefined ? undefined : checkDate('nextActionDate', command.nextActionDate);
  if (nextActionDate !== undefined && nextActionDate < today)
    throw invalid('nextActionDate', 'must not be before the date of the follow-up');
  return {
    type: 'FollowUpLogged',
    data: {
      channel,
      outcome,
      ...(payerReference !== undefined && { payerReference }),
      ...(note !== undefined && { note }),
      ...(nextActionDate !== undefined && { nextActionDate }),
      loggedAt: command.occurredAt,
    },
  };
}

export function decideAssignClaim(command: AssignClaim, state: ClaimState): ClaimAssigned {
  const claim = requireStatus(state, command.type, OPEN_STATUSES);
  businessDate(command.occurredAt, claim);
  return {
    type: 'ClaimAssigned',
    data: { assignee: checkId('assignee', command.assignee), assignedAt: command.occurredAt },
  };
}

export function decideVoidClaim(command: VoidClaim, state: ClaimState): ClaimVoided {
  const claim = requireStatus(state, command.type, OPEN_STATUSES);
  businessDate(command.occurredAt, claim);
  return {
    type: 'ClaimVoided',
    data: { reason: checkText('reason', command.reason), voidedAt: command.occurredAt },
  };
}
