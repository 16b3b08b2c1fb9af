import { addMoney, type Money } from '../claim.money.js';
import {
  filingDeadlineOnly,
  recordOf,
  type ClaimRecord,
  type ClaimState,
  type ExistingClaim,
  type OpenStatus,
  type Payment,
} from '../claim.state.js';
import type { ClaimPaid, PaymentReversed } from './payment.events.js';

/** Moves the money the remittance decided, remembering what the payment found so that a reversal restores it. */
export function onClaimPaid(state: ExistingClaim, data: ClaimPaid['data']): ClaimState {
  const claim = recordOf(state);
  const payment: Payment = {
    paymentId: data.paymentId,
    paidDate: data.paidDate,
    paidCents: data.paidCents,
    ...(data.allowedCents !== undefined && { allowedCents: data.allowedCents }),
    adjustments: data.adjustments,
    contractualCents: data.contractualCents,
    otherAdjustmentCents: data.otherAdjustmentCents,
    patientResponsibilityCents: data.patientResponsibilityCents,
    deniedCents: data.deniedCents,
    reversed: false,
    statusBefore: state.status as OpenStatus,
    ...(state.status === 'PENDED' && { pendBefore: state.pend }),
    deadlinesBefore: claim.deadlines,
  };
  const appeal =
    data.nextAppealLevel !== undefined && data.appealDeadline !== undefined
      ? { appeal: { level: data.nextAppealLevel, deadline: data.appealDeadline } }
      : {};
  return {
    ...claim,
    status: data.outcome,
    payments: [...claim.payments, payment],
    money: addMoney(claim.money, amountsOf(data)),
    adjudicated: true,
    deadlines: { ...filingDeadlineOnly(claim), ...appeal },
  };
}

const amountsOf = (data: PaymentReversed['data'] | ClaimPaid['data']): Partial<Money> => ({
  paidCents: data.paidCents,
  contractualCents: data.contractualCents,
  otherAdjustmentCents: data.otherAdjustmentCents,
  patientResponsibilityCents: data.patientResponsibilityCents,
});

/** Back to the status the payment found, with the money it moved taken back; unchanged if there is no such payment. */
export function onPaymentReversed(state: ExistingClaim, data: PaymentReversed['data']): ClaimState {
  const claim = recordOf(state);
  const index = claim.payments.findIndex((p) => p.paymentId === data.paymentId && !p.reversed);
  const payment = claim.payments[index];
  if (!payment) return state;
  const restored: ClaimRecord = {
    ...claim,
    payments: claim.payments.map((p, i) => (i === index ? { ...p, reversed: true } : p)),
    money: addMoney(claim.money, amountsOf(data), -1),
    deadlines: payment.deadlinesBefore ?? filingDeadlineOnly(claim),
  };
  switch (payment.statusBefore) {
    case 'SUBMITTED':
    case 'ACCEPTED':
      return { ...restored, status: payment.statusBefore };
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
