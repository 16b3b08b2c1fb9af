// Payer money: 835 remittances that must balance, and takebacks that undo one exactly.
import { LIMITS, localDateOf } from '../claim.codes.js';
import { appealWindow } from '../claim.deadlines.js';
import { ClaimError, invalid } from '../claim.errors.js';
import { insuranceBalance, isDenialCarc } from '../claim.money.js';
import type { ClaimState, ExistingClaim } from '../claim.state.js';
import {
  businessDate,
  checkCarc,
  checkCents,
  checkDate,
  checkGroup,
  checkId,
  checkList,
  checkRarcs,
  checkText,
  refuse,
  requireStatus,
} from '../claim.validate.js';
import type { AdjustmentInput, RecordPayment, ReversePayment } from './payment.commands.js';
import type { Adjustment, ClaimPaid, PaymentReversed } from './payment.events.js';

type Effects = Pick<
  ClaimPaid['data'],
  'contractualCents' | 'otherAdjustmentCents' | 'patientResponsibilityCents' | 'deniedCents'
>;

/** How each adjustment moves the balances: patient share, denial (stays in AR), contractual, or other. */
function adjustmentEffects(adjustments: readonly Adjustment[]): Effects {
  const effects: Effects = {
    contractualCents: 0,
    otherAdjustmentCents: 0,
    patientResponsibilityCents: 0,
    deniedCents: 0,
  };
  for (const a of adjustments) {
    if (a.groupCode === 'PR') effects.patientResponsibilityCents += a.amountCents;
    else if (isDenialCarc(a.carc)) effects.deniedCents += a.amountCents;
    else if (a.groupCode === 'CO') effects.contractualCents += a.amountCents;
    else effects.otherAdjustmentCents += a.amountCents;
  }
  return effects;
}

export function decideRecordPayment(command: RecordPayment, state: ClaimState): ClaimPaid {
  const claim = requireStatus(state, command.type, ['SUBMITTED', 'ACCEPTED', 'PENDED', 'APPEALED']);
  if (claim.status === 'APPEALED' && claim.appeal.outcome === undefined)
    throw refuse(command.type, 'the appeal has not been decided');
  const today = businessDate(command.occurredAt, claim);
  const paymentId = checkId('paymentId', command.paymentId);
  if (claim.payments.some((p) => p.paymentId === paymentId))
    throw invalid('paymentId', 'must not repeat a payment already recorded on this claim');
  const paidDate = checkDate('paidDate', command.paidDate);
  if (paidDate < localDateOf(claim.submittedAt))
    throw invalid('paidDate', 'must not be before the claim was submitted');
  if (paidDate > today) throw invalid('paidDate', 'must not be after the date the payment is recorded');

  const billedCents = insuranceBalance(claim.money);
  if (command.billedCents !== undefined && command.billedCents !== billedCents)
    throw invalid('billedCents', 'must equal the amount still billed to the payer');
  const paidCents = checkCents('paidCents', command.paidCents, 0, billedCents);
  const allowedCents =
    command.allowedCents === undefined
      ? undefined
      : checkCents('allowedCents', command.allowedCents, 0, billedCents);
  const adjustments = checkAdjustments(command.adjustments, claim);
  const adjusted = adjustments.reduce((sum, a) => sum + a.amountCents, 0);
  if (billedCents - paidCents !== adjusted) {
    throw new ClaimError(
      'REMITTANCE_UNBALANCED',
      'adjustments must add up to the billed amount minus the paid amount',
      'adjustments',
    );
  }
  const effects = adjustmentEffects(adjustments);
  if (paidCents === 0 && effects.deniedCents > 0)
    throw invalid(
      'paidCents',
      'must be above zero when the remittance denies: use denyClaim for a zero-pay denial',
    );
  const underpaid =
    allowedCents !== undefined && paidCents < allowedCents - effects.patientResponsibilityCents;
  const outcome = effects.deniedCents > 0 || underpaid ? 'PARTIALLY_PAID' : 'PAID';
  const appeal = outcome === 'PARTIALLY_PAID' ? nextAppeal(claim, paidDate) : undefined;
  return {
    type: 'ClaimPaid',
    data: {
      paymentId,
      paidDate,
      billedCents,
      paidCents,
      ...(allowedCents !== undefined && { allowedCents }),
      adjustments,
      ...effects,
      outcome,
      firstAdjudication: !claim.adjudicated,
      ...(appeal && { nextAppealLevel: appeal.level, appealDeadline: appeal.deadline }),
    },
  };
}

/** A partial payment can be appealed: at level 1, or past the level whose decision led to it. */
function nextAppeal(claim: ExistingClaim, paidDate: string) {
  if (claim.status !== 'APPEALED') return appealWindow(claim.payerRules, 1, paidDate);
  return appealWindow(claim.payerRules, claim.appeal.level + 1, claim.appeal.decidedOn ?? paidDate);
}

function checkAdjustments(input: AdjustmentInput[], claim: ExistingClaim): Adjustment[] {
  return checkList<AdjustmentInput>('adjustments', input, LIMITS.maxAdjustments).map((a, i) => {
    const at = `adjustments[${i}]`;
    if (a.lineNumber !== undefined && !claim.lines.some((l) => l.lineNumber === a.lineNumber))
      throw invalid(`${at}.lineNumber`, 'must be a line number of the claim');
    return {
      groupCode: checkGroup(`${at}.groupCode`, a.groupCode),
      carc: checkCarc(`${at}.carc`, a.carc),
      rarcs: checkRarcs(`${at}.rarcs`, a.rarcs ?? []),
      amountCents: checkCents(`${at}.amountCents`, a.amountCents, 0),
      ...(a.lineNumber !== undefined && { lineNumber: a.lineNumber }),
    };
  });
}

export function decideReversePayment(command: ReversePayment, state: ClaimState): PaymentReversed {
  const claim = requireStatus(state, command.type, ['PAID', 'PARTIALLY_PAID']);
  const reversedOn = businessDate(command.occurredAt, claim);
  const paymentId = checkId('paymentId', command.paymentId);
  const latest = claim.payments.filter((p) => !p.reversed).at(-1);
  if (!latest || latest.paymentId !== paymentId)
    throw invalid('paymentId', 'must be the latest payment on this claim not yet reversed');
  return {
    type: 'PaymentReversed',
    data: {
      paymentId,
      reason: checkText('reason', command.reason),
      reversedOn,
      paidCents: latest.paidCents,
      contractualCents: latest.contractualCents,
      otherAdjustmentCents: latest.otherAdjustmentCents,
      patientResponsibilityCents: latest.patientResponsibilityCents,
      statusAfter: latest.statusBefore,
    },
  };
}
