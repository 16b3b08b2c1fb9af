import { addMoney, refundedMoney, type Money } from '../claim.money.js';
import {
  filingDeadlineOnly,
  recordOf,
  type ClaimRecord,
  type ClaimState,
  type ExistingClaim,
  type OpenStatus,
  type Payment,
} from '../claim.state.js';
import type { ClaimPaid, CreditResolved, PaymentReversed } from './payment.events.js';

/** Moves the money the remittance decided, remembering what the payment found so that a reversal restores it. */
export function onClaimPaid(state: ExistingClaim, data: ClaimPaid['data']): ClaimState {
  const claim = recordOf(state);
  const payment: Payment = {
    paymentId: data.paymentId,
    paidDate: data.paidDate,
    paidCents: data.paidCents,
    ...(data.allowedCents !== undefined && { allowedCents: data.allowedCents }),
    adjustments: data.adjustments,
    ...(data.lines !== undefined && { lines: data.lines }),
    contractualCents: data.contractualCents,
    otherAdjustmentCents: data.otherAdjustmentCents,
    patientResponsibilityCents: data.patientResponsibilityCents,
    deniedCents: data.deniedCents,
    reversed: false,
    ...(data.payer !== undefined && { payer: data.payer }),
    ...(data.crossedOverCents !== undefined && { crossedOverCents: data.crossedOverCents }),
    statusBefore: state.status as OpenStatus,
    ...(state.status === 'PENDED' && { pendBefore: state.pend }),
    deadlinesBefore: claim.deadlines,
  };
  const appeal =
    data.nextAppealLevel !== undefined && data.appealDeadline !== undefined
      ? { appeal: { level: data.nextAppealLevel, deadline: data.appealDeadline } }
      : {};
  const paid: ClaimRecord = {
    ...claim,
    ...(data.secondaryPayerId !== undefined && { secondaryPayerId: data.secondaryPayerId }),
    // The practice's registration (the submission) is the source of truth; the payer's view only fills a gap.
    ...(claim.patientIdentity === undefined &&
      data.patientIdentity !== undefined && { patientIdentity: data.patientIdentity }),
    payments: [...claim.payments, payment],
    money: addMoney(claim.money, amountsOf(data)),
    adjudicated: true,
    deadlines: { ...filingDeadlineOnly(claim), ...appeal },
  };
  // The patient was billed already: a late or secondary remittance changes the balances, not the billing.
  if (state.status === 'PATIENT_BILLED')
    return { ...paid, status: 'PATIENT_BILLED', statement: state.statement };
  return { ...paid, status: data.outcome };
}

function amountsOf(data: PaymentReversed['data'] | ClaimPaid['data']): Partial<Money> {
  const settled =
    data.paidCents + data.contractualCents + data.otherAdjustmentCents + data.patientResponsibilityCents;
  return {
    paidCents: data.paidCents,
    contractualCents: data.contractualCents,
    otherAdjustmentCents: data.otherAdjustmentCents,
    patientResponsibilityCents: data.patientResponsibilityCents,
    crossedOverCents: data.crossedOverCents ?? 0,
    secondarySettledCents: data.payer === 'SECONDARY' ? settled : 0,
  };
}

/** The money the payment moved taken back, and the status the decider chose; unchanged if there is no such payment. */
export function onPaymentReversed(state: ExistingClaim, data: PaymentReversed['data']): ClaimState {
  const claim = recordOf(state);
  const index = claim.payments.findIndex((p) => p.paymentId === data.paymentId && !p.reversed);
  const payment = claim.payments[index];
  if (!payment) return state;
  const back = data.statusAfter === payment.statusBefore;
  const restored: ClaimRecord = {
    ...claim,
    payments: claim.payments.map((p, i) => (i === index ? { ...p, reversed: true } : p)),
    money: addMoney(claim.money, amountsOf(data), -1),
    deadlines: back ? (payment.deadlinesBefore ?? filingDeadlineOnly(claim)) : claim.deadlines,
  };
  switch (data.statusAfter) {
    case 'SUBMITTED':
    case 'ACCEPTED':
    case 'PAID':
    case 'PARTIALLY_PAID':
      return { ...restored, status: data.statusAfter };
    case 'PATIENT_BILLED': {
      const statement = state.status === 'PATIENT_BILLED' ? state.statement : claim.statements.at(-1);
      return statement
        ? { ...restored, status: 'PATIENT_BILLED', statement }
        : { ...restored, status: 'PARTIALLY_PAID' };
    }
    case 'PENDED':
      return payment.pendBefore ? { ...restored, status: 'PENDED', pend: payment.pendBefore } : state;
    case 'APPEALED': {
      const appeal = claim.appeals.at(-1);
      return appeal ? { ...restored, status: 'APPEALED', appeal } : state;
    }
    default:
      return state;
  }
}

/** A credit paid back or offset: the money received from that side is reduced by it. */
export function onCreditResolved(state: ExistingClaim, data: CreditResolved['data']): ClaimState {
  const { closesClaim, ...refund } = data;
  const claim = recordOf(state);
  const next = {
    money: addMoney(claim.money, refundedMoney(data.side, data.amountCents), -1),
    refunds: [...(claim.refunds ?? []), refund],
  };
  return closesClaim
    ? { ...claim, ...next, status: 'CLOSED', deadlines: filingDeadlineOnly(claim) }
    : { ...state, ...next };
}
