// The front end of the payer: acknowledgement, rejection, resubmission, pends and the information they ask for.
import {
  ACKNOWLEDGED_STATUS_CODES,
  PENDED_STATUS_CODE_PATTERN,
  REJECTED_STATUS_CODES,
} from './claim.codes.js';
import type {
  AcknowledgeClaim,
  PendClaim,
  RejectClaim,
  ResubmitClaim,
  SubmitAdditionalInfo,
} from './claim.commands.js';
import { ClaimError, invalid } from './claim.errors.js';
import type {
  AdditionalInfoSubmitted,
  ClaimAcknowledged,
  ClaimPended,
  ClaimRejected,
  ClaimResubmitted,
} from './claim.events.js';
import { insuranceBalance } from './claim.money.js';
import type { ClaimState } from './claim.state.js';
import { businessDate, checkDate, checkId, checkOneOf, checkText, requireStatus } from './claim.validate.js';
import { checkDiagnoses, checkLines, serviceDateRange } from './submit-claim.rules.js';

export function acknowledged(command: AcknowledgeClaim, state: ClaimState): ClaimAcknowledged {
  const claim = requireStatus(state, command.type, ['SUBMITTED']);
  businessDate(command.occurredAt, claim);
  if (!ACKNOWLEDGED_STATUS_CODES.has(command.statusCode))
    throw invalid('statusCode', 'must be a 277CA acknowledgement category (A1 or A2)');
  return {
    type: 'ClaimAcknowledged',
    data: {
      payerClaimNumber: checkId('payerClaimNumber', command.payerClaimNumber),
      statusCode: command.statusCode,
      acknowledgedAt: command.occurredAt,
    },
  };
}

export function rejected(command: RejectClaim, state: ClaimState): ClaimRejected {
  const claim = requireStatus(state, command.type, ['SUBMITTED']);
  businessDate(command.occurredAt, claim);
  if (!REJECTED_STATUS_CODES.has(command.statusCode))
    throw invalid('statusCode', 'must be a front-end rejection category (A3, A4, A6-A8, or 999 R)');
  return {
    type: 'ClaimRejected',
    data: {
      statusCode: command.statusCode,
      reason: checkText('reason', command.reason),
      rejectedAt: command.occurredAt,
    },
  };
}

/**
 * A rejected claim was never filed, so it goes again as an original (frequency 1) within timely filing; a denied or
 * partly paid claim was adjudicated, so it goes as a replacement (frequency 7) of the same claim.
 */
export function resubmitted(command: ResubmitClaim, state: ClaimState): ClaimResubmitted {
  const claim = requireStatus(state, command.type, ['REJECTED', 'DENIED', 'PARTIALLY_PAID']);
  const today = businessDate(command.occurredAt, claim);
  const frequency = checkOneOf('frequencyCode', command.frequencyCode, ['1', '7'] as const);
  if (claim.status === 'REJECTED') {
    if (frequency !== '1')
      throw invalid('frequencyCode', 'must be 1 (original) for a claim the payer rejected');
    if (today > claim.deadlines.timelyFiling)
      throw new ClaimError('DEADLINE_PASSED', 'The timely-filing deadline for this claim has passed');
  } else if (frequency !== '7') {
    throw invalid('frequencyCode', 'must be 7 (replacement) for a claim the payer adjudicated');
  }
  const reason = checkText('reason', command.reason);
  const diagnoses = command.diagnoses === undefined ? undefined : checkDiagnoses(command.diagnoses);
  const lines =
    command.lines === undefined
      ? undefined
      : checkLines(command.lines, (diagnoses ?? claim.diagnoses).length, today);
  if (diagnoses && !lines && claim.lines.some((l) => l.diagnosisPointers.some((p) => p > diagnoses.length)))
    throw invalid('diagnoses', 'must keep every diagnosis the lines point at');
  const totalChargeCents = lines ? lines.reduce((sum, l) => sum + l.chargeCents, 0) : claim.money.chargeCents;
  const settled = claim.money.chargeCents - insuranceBalance(claim.money);
  if (totalChargeCents < settled)
    throw invalid('lines', 'must charge at least what the payer already settled');
  return {
    type: 'ClaimResubmitted',
    data: {
      frequencyCode: frequency,
      reason,
      resubmittedAt: command.occurredAt,
      ...(diagnoses && { diagnoses }),
      ...(lines && { lines }),
      totalChargeCents,
      ...(lines
        ? serviceDateRange(lines)
        : { serviceDateFrom: claim.serviceDateFrom, serviceDateTo: claim.serviceDateTo }),
    },
  };
}

export function pended(command: PendClaim, state: ClaimState): ClaimPended {
  const claim = requireStatus(state, command.type, ['SUBMITTED', 'ACCEPTED']);
  const pendedOn = businessDate(command.occurredAt, claim);
  if (typeof command.statusCode !== 'string' || !PENDED_STATUS_CODE_PATTERN.test(command.statusCode))
    throw invalid('statusCode', 'must be a 277 pending or information-request category (P0-P5, R0-R16)');
  const requested = checkText('requested', command.requested);
  const infoDueDate = checkDate('infoDueDate', command.infoDueDate);
  if (infoDueDate < pendedOn)
    throw invalid('infoDueDate', 'must not be before the date the claim was pended');
  return {
    type: 'ClaimPended',
    data: { statusCode: command.statusCode, requested, infoDueDate, pendedAt: command.occurredAt },
  };
}

export function additionalInfoSubmitted(
  command: SubmitAdditionalInfo,
  state: ClaimState,
): AdditionalInfoSubmitted {
  const claim = requireStatus(state, command.type, ['PENDED']);
  businessDate(command.occurredAt, claim);
  return {
    type: 'AdditionalInfoSubmitted',
    data: { description: checkText('description', command.description), submittedAt: command.occurredAt },
  };
}
