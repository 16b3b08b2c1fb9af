// Payer money: 835 remittances that must balance, and takebacks that undo one exactly.
import { LIMITS, localDateOf, PRIOR_PAYER_CARC } from '../claim.codes.js';
import { appealWindow } from '../claim.deadlines.js';
import { ClaimError, invalid } from '../claim.errors.js';
import { isSealedValue } from '../claim.sealed.js';
import {
  addMoney,
  CREDIT_SIDES,
  creditBalance,
  insuranceBalance,
  isDenialCarc,
  PAYER_RANKS,
  patientBalance,
  payerBalance,
  refundedMoney,
  type PayerRank,
} from '../claim.money.js';
import type { ClaimState, ClaimStatus, ExistingClaim, Payment } from '../claim.state.js';
import {
  businessDate,
  checkCarc,
  checkCents,
  checkDate,
  checkGroup,
  checkId,
  checkList,
  checkOneOf,
  checkPayerId,
  checkRarcs,
  checkText,
  refuse,
  requireStatus,
} from '../claim.validate.js';
import type {
  AdjustmentInput,
  LinePaymentInput,
  RecordPayment,
  ResolveCredit,
  ReversePayment,
} from './payment.commands.js';
import {
  CREDIT_RESOLUTIONS,
  type Adjustment,
  type ClaimPaid,
  type CreditResolved,
  type LinePayment,
  type PaymentReversed,
} from './payment.events.js';

type Effects = Pick<
  ClaimPaid['data'],
  'contractualCents' | 'otherAdjustmentCents' | 'patientResponsibilityCents' | 'deniedCents'
>;

/**
 * How each adjustment moves the balances: patient share, denial (stays in AR), contractual, or other. CARC 23 (the
 * prior payer's adjudication, on a secondary's remittance) moves nothing: that money was posted from the primary's.
 */
function adjustmentEffects(adjustments: readonly Adjustment[], payer: PayerRank): Effects {
  const effects: Effects = {
    contractualCents: 0,
    otherAdjustmentCents: 0,
    patientResponsibilityCents: 0,
    deniedCents: 0,
  };
  for (const a of adjustments) {
    if (payer === 'SECONDARY' && a.carc === PRIOR_PAYER_CARC) continue;
    if (a.groupCode === 'PR') effects.patientResponsibilityCents += a.amountCents;
    else if (isDenialCarc(a.carc)) effects.deniedCents += a.amountCents;
    else if (a.groupCode === 'CO') effects.contractualCents += a.amountCents;
    else effects.otherAdjustmentCents += a.amountCents;
  }
  return effects;
}

/**
 * Adjustments explain why a payer did not pay; they cannot take its balance below zero, so only money received makes a
 * credit. A first remittance balances against what the payer owes and is never limited; a duplicate one is.
 */
function limitToBalance(effects: Effects, owedAfterPayment: number): Effects {
  let room = owedAfterPayment;
  const take = (amount: number): number => {
    const applied = amount <= 0 ? amount : Math.max(0, Math.min(amount, room));
    room -= applied;
    return applied;
  };
  const patientResponsibilityCents = take(effects.patientResponsibilityCents);
  const contractualCents = take(effects.contractualCents);
  const otherAdjustmentCents = take(effects.otherAdjustmentCents);
  return { ...effects, patientResponsibilityCents, contractualCents, otherAdjustmentCents };
}

const RECORDABLE = [
  'SUBMITTED',
  'ACCEPTED',
  'PENDED',
  'APPEALED',
  'PAID',
  'PARTIALLY_PAID',
  'PATIENT_BILLED',
] as const;

export function decideRecordPayment(command: RecordPayment, state: ClaimState): ClaimPaid {
  const claim = requireStatus(state, command.type, RECORDABLE);
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
  const payer = command.payer === undefined ? 'PRIMARY' : checkOneOf('payer', command.payer, PAYER_RANKS);
  const secondaryPayerId = checkCrossover(command, claim, payer);
  if (command.patientIdentity !== undefined && !isSealedValue(command.patientIdentity))
    throw invalid('patientIdentity', 'must be sealed with the patient key');

  const owed = payerBalance(claim.money, payer);
  const firstFromPayer = !claim.payments.some((p) => !p.reversed && (p.payer ?? 'PRIMARY') === payer);
  // A secondary's remittance bills the whole charge, with the primary's part as CARC 23: only the primary's first
  // one is held to what the claim still has at the payer.
  const firstFromPrimary = firstFromPayer && payer === 'PRIMARY';
  const paidCents = checkCents('paidCents', command.paidCents, 0);
  const adjustments = checkAdjustments(command.adjustments, claim);
  const lines = command.lines === undefined ? undefined : checkLinePayments(command.lines, claim, paidCents);
  const adjusted = adjustments.reduce((sum, a) => sum + a.amountCents, 0);
  const { billedCents, recovered, overpaid } = balanceOf(command, claim, {
    owed: Math.max(0, owed),
    heldToOwed: firstFromPrimary,
    settled: paidCents + adjusted,
    adjustments,
  });
  const allowedCents =
    command.allowedCents === undefined
      ? undefined
      : checkCents('allowedCents', command.allowedCents, 0, Math.max(billedCents, paidCents));
  const limited = limitToBalance(adjustmentEffects(adjustments, payer), owed - paidCents + recovered);
  const effects = { ...limited, contractualCents: limited.contractualCents - recovered };
  if (paidCents === 0 && effects.deniedCents > 0 && firstFromPrimary)
    throw invalid(
      'paidCents',
      'must be above zero when the remittance denies: use denyClaim for a zero-pay denial',
    );
  const crossesOver = payer === 'PRIMARY' && (secondaryPayerId ?? claim.secondaryPayerId) !== undefined;
  const owedAfter =
    owed -
    paidCents -
    effects.contractualCents -
    effects.otherAdjustmentCents -
    effects.patientResponsibilityCents;
  const underpaid =
    allowedCents !== undefined && paidCents < allowedCents - effects.patientResponsibilityCents;
  const outcome = effects.deniedCents > 0 || underpaid || owedAfter > 0 ? 'PARTIALLY_PAID' : 'PAID';
  const appeal = outcome === 'PARTIALLY_PAID' ? nextAppeal(claim, paidDate) : undefined;
  return {
    type: 'ClaimPaid',
    data: {
      paymentId,
      paidDate,
      ...(payer === 'SECONDARY' && { payer }),
      ...(secondaryPayerId !== undefined && { secondaryPayerId }),
      billedCents,
      paidCents,
      ...(allowedCents !== undefined && { allowedCents }),
      adjustments,
      ...(lines !== undefined && { lines }),
      ...(recovered > 0 && { appealRecoveredCents: recovered }),
      ...(overpaid > 0 && { overpaidCents: overpaid }),
      ...effects,
      ...(crossesOver && {
        patientResponsibilityCents: 0,
        crossedOverCents: effects.patientResponsibilityCents,
      }),
      outcome,
      firstAdjudication: !claim.adjudicated,
      ...(appeal && { nextAppealLevel: appeal.level, appealDeadline: appeal.deadline }),
      ...(command.patientIdentity !== undefined && { patientIdentity: command.patientIdentity }),
    },
  };
}

/**
 * What the remittance billed (CLP03), and how it balances: billed − paid = Σ adjustments. Left out, a payer's first
 * remittance bills what the claim still has at it, and a later one (late lines, a duplicate) bills what it settles.
 * Two payments beyond what they bill balance without a CAS of their own:
 * - an overturned underpayment appeal's extra payment: the payer owed more than its contractual adjustment left, so
 *   it takes back that much of the claim's contractual adjustment (recovered), as a CAS reversal would;
 * - an overpayment on the first remittance (more paid than owed, nothing adjusted up): the excess is a credit.
 */
function balanceOf(
  command: RecordPayment,
  claim: ExistingClaim,
  remittance: { owed: number; heldToOwed: boolean; settled: number; adjustments: readonly Adjustment[] },
): { billedCents: number; recovered: number; overpaid: number } {
  const { owed, heldToOwed, settled } = remittance;
  const favourable =
    claim.status === 'APPEALED' &&
    (claim.appeal.outcome === 'OVERTURNED' || claim.appeal.outcome === 'PARTIALLY_OVERTURNED');
  let billedCents: number;
  let recovered = 0;
  let overpaid = 0;
  if (command.billedCents !== undefined) {
    if (heldToOwed && command.billedCents !== owed)
      throw invalid('billedCents', 'must equal the amount still billed to the payer');
    billedCents = checkCents('billedCents', command.billedCents, 0, claim.money.chargeCents);
  } else if (heldToOwed || favourable) {
    billedCents = owed;
    const surplus = settled - owed;
    if (surplus > 0 && favourable && command.payer !== 'SECONDARY' && surplus <= claim.money.contractualCents)
      recovered = surplus;
    else if (surplus > 0 && heldToOwed && remittance.adjustments.every((a) => a.amountCents <= 0))
      overpaid = surplus;
  } else billedCents = Math.max(0, settled);
  if (billedCents + recovered + overpaid !== settled) {
    throw new ClaimError(
      'REMITTANCE_UNBALANCED',
      'adjustments must add up to the billed amount minus the paid amount',
      'adjustments',
    );
  }
  return { billedCents, recovered, overpaid };
}

/** The secondary payer a primary remittance forwards to, when the claim did not name one yet. */
function checkCrossover(command: RecordPayment, claim: ExistingClaim, payer: PayerRank): string | undefined {
  if (payer === 'SECONDARY') {
    if (claim.secondaryPayerId === undefined)
      throw refuse(command.type, 'the claim has no secondary payer: a primary remittance must cross it over');
    if (command.crossoverPayerId !== undefined)
      throw invalid('crossoverPayerId', 'must be left out on a secondary remittance');
    return undefined;
  }
  if (command.crossoverPayerId === undefined) return undefined;
  const id = checkPayerId('crossoverPayerId', command.crossoverPayerId);
  if (id === claim.payerId) throw invalid('crossoverPayerId', 'must not be the primary payer');
  if (claim.secondaryPayerId !== undefined && id !== claim.secondaryPayerId)
    throw invalid('crossoverPayerId', "must be the claim's secondary payer");
  return claim.secondaryPayerId === undefined ? id : undefined;
}

/** A partial payment can be appealed: at the level after the last appeal decided, counted from its decision. */
function nextAppeal(claim: ExistingClaim, paidDate: string) {
  if (claim.status !== 'APPEALED') {
    const last = claim.appeals.at(-1);
    return appealWindow(claim.payerRules, (last?.level ?? 0) + 1, paidDate);
  }
  return appealWindow(claim.payerRules, claim.appeal.level + 1, claim.appeal.decidedOn ?? paidDate);
}

/** Each line once, a line of the claim, its amounts whole cents; paid line by line adds up to at most the payment. */
function checkLinePayments(
  input: LinePaymentInput[],
  claim: ExistingClaim,
  paidCents: number,
): LinePayment[] {
  const seen = new Set<number>();
  const lines = checkList<LinePaymentInput>('lines', input, LIMITS.maxLines).map((line, i) => {
    const at = `lines[${i}]`;
    if (!claim.lines.some((l) => l.lineNumber === line.lineNumber) || seen.has(line.lineNumber))
      throw invalid(`${at}.lineNumber`, 'must be a line number of the claim, once');
    seen.add(line.lineNumber);
    return {
      lineNumber: line.lineNumber,
      billedCents: checkCents(`${at}.billedCents`, line.billedCents, 0),
      paidCents: checkCents(`${at}.paidCents`, line.paidCents, 0),
    };
  });
  if (lines.reduce((sum, l) => sum + l.paidCents, 0) > paidCents)
    throw invalid('lines', 'must not pay more line by line than the payment');
  return lines;
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
      amountCents: checkCents(`${at}.amountCents`, a.amountCents, -LIMITS.maxClaimCents),
      ...(a.lineNumber !== undefined && { lineNumber: a.lineNumber }),
    };
  });
}

/**
 * A takeback (835 claim status 22) of any payment not yet reversed, whatever happened since: every balance is restored
 * exactly, and money the patient paid on a share that was taken back becomes the patient's credit.
 */
export function decideReversePayment(command: ReversePayment, state: ClaimState): PaymentReversed {
  const claim = requireStatus(state, command.type, [
    'PAID',
    'PARTIALLY_PAID',
    'PATIENT_BILLED',
    'WRITTEN_OFF',
    'CLOSED',
  ]);
  const reversedOn = businessDate(command.occurredAt, claim);
  const paymentId = checkId('paymentId', command.paymentId);
  const active = claim.payments.filter((p) => !p.reversed);
  if (active.length === 0) throw refuse(command.type, 'no payment on this claim is left to take back');
  const payment = active.find((p) => p.paymentId === paymentId);
  if (!payment) throw invalid('paymentId', 'must be a payment on this claim not yet reversed');
  if (payment.payer === undefined && (payment.crossedOverCents ?? 0) > 0) {
    const secondaryPaid = active.some((p) => p.payer === 'SECONDARY');
    if (secondaryPaid)
      throw refuse(
        command.type,
        "the secondary payer's remittance on the crossed-over share must be reversed first",
      );
  }
  return {
    type: 'PaymentReversed',
    data: {
      paymentId,
      reason: checkText('reason', command.reason),
      reversedOn,
      paidCents: payment.paidCents,
      contractualCents: payment.contractualCents,
      otherAdjustmentCents: payment.otherAdjustmentCents,
      patientResponsibilityCents: payment.patientResponsibilityCents,
      ...(payment.crossedOverCents !== undefined && { crossedOverCents: payment.crossedOverCents }),
      ...(payment.payer !== undefined && { payer: payment.payer }),
      statusAfter: statusAfterTakeback(claim, payment, active),
    },
  };
}

/**
 * The latest payment taken back from a paid claim returns it to where it was before; any other takeback leaves the
 * payer owing again: patient billing goes on, and a claim that was closed or another payment still stands is reopened.
 */
function statusAfterTakeback(claim: ExistingClaim, payment: Payment, active: Payment[]): ClaimStatus {
  const others = active.length > 1;
  if (claim.status === 'PATIENT_BILLED') return 'PATIENT_BILLED';
  if ((claim.status === 'PAID' || claim.status === 'PARTIALLY_PAID') && active.at(-1) === payment)
    return payment.statusBefore;
  if (others) return 'PARTIALLY_PAID';
  return payment.statusBefore;
}

export function decideResolveCredit(command: ResolveCredit, state: ClaimState): CreditResolved {
  const claim = requireStatus(state, command.type, [...RECORDABLE, 'DENIED', 'WRITTEN_OFF', 'CLOSED']);
  const resolvedOn = businessDate(command.occurredAt, claim);
  const refundId = checkId('refundId', command.refundId);
  if ((claim.refunds ?? []).some((r) => r.refundId === refundId))
    throw invalid('refundId', 'must not repeat a refund already recorded on this claim');
  const side = checkOneOf('side', command.side, CREDIT_SIDES);
  const method = checkOneOf('method', command.method, CREDIT_RESOLUTIONS);
  if (method === 'OFFSET' && side === 'PATIENT')
    throw invalid('method', 'must be REFUND for a patient credit: only a payer offsets');
  const credit = creditBalance(claim.money, side);
  if (credit === 0) throw refuse(command.type, 'there is no credit balance on that side');
  const amountCents = checkCents('amountCents', command.amountCents, 1, credit);
  const reference = command.reference === undefined ? undefined : checkId('reference', command.reference);
  const after = addMoney(claim.money, refundedMoney(side, amountCents), -1);
  return {
    type: 'CreditResolved',
    data: {
      refundId,
      side,
      method,
      amountCents,
      ...(reference !== undefined && { reference }),
      resolvedOn,
      closesClaim:
        claim.status === 'PATIENT_BILLED' && insuranceBalance(after) === 0 && patientBalance(after) === 0,
    },
  };
}
