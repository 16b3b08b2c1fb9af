// Work on any open claim that leaves its status alone (follow-ups, assignment), and voiding it.
import type { AssignClaim, LogFollowUp, VoidClaim } from './claim.commands.js';
import { invalid } from './claim.errors.js';
import type { ClaimAssigned, ClaimVoided, FollowUpLogged } from './claim.events.js';
import { CLAIM_STATUSES, CLOSED_STATUSES, type ClaimState, type OpenStatus } from './claim.state.js';
import {
  businessDate,
  checkDate,
  checkId,
  checkOneOf,
  checkOptionalText,
  checkText,
  requireStatus,
} from './claim.validate.js';

const OPEN_STATUSES = CLAIM_STATUSES.filter((s): s is OpenStatus => s !== 'NONE' && !CLOSED_STATUSES.has(s));

export function voided(command: VoidClaim, state: ClaimState): ClaimVoided {
  const claim = requireStatus(state, command.type, OPEN_STATUSES);
  businessDate(command.occurredAt, claim);
  return {
    type: 'ClaimVoided',
    data: { reason: checkText('reason', command.reason), voidedAt: command.occurredAt },
  };
}

export function followUpLogged(command: LogFollowUp, state: ClaimState): FollowUpLogged {
  const claim = requireStatus(state, command.type, OPEN_STATUSES);
  const today = businessDate(command.occurredAt, claim);
  const channel = checkOneOf('channel', command.channel, [
    'PHONE',
    'PORTAL',
    'EDI_276',
    'EMAIL',
    'FAX',
    'MAIL',
  ] as const);
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

export function assigned(command: AssignClaim, state: ClaimState): ClaimAssigned {
  const claim = requireStatus(state, command.type, OPEN_STATUSES);
  businessDate(command.occurredAt, claim);
  return {
    type: 'ClaimAssigned',
    data: { assignee: checkId('assignee', command.assignee), assignedAt: command.occurredAt },
  };
}
