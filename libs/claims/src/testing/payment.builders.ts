import {
  addDays,
  MEDICARE_RULES,
  type ClaimPaid,
  type PaymentReversed,
  type RecordPayment,
  type ResolveCredit,
  type ReversePayment,
} from '../domain/index.js';
import { AT, dateOf } from './claim-story.js';

/** The 835 of the story: $1,000.00 billed, $600.00 paid, $250.00 over the fee schedule, $150.00 coinsurance. */
export const recordPayment = (overrides: Partial<RecordPayment> = {}): RecordPayment => ({
  type: 'RecordPayment',
  paymentId: 'PAY-1',
  paidDate: '2026-05-27',
  paidCents: 60_000,
  adjustments: [
    { groupCode: 'CO', carc: '45', rarcs: [], amountCents: 25_000 },
    { groupCode: 'PR', carc: '2', rarcs: [], amountCents: 15_000 },
  ],
  occurredAt: AT.paid,
  ...overrides,
});

export const claimPaid = (overrides: Partial<ClaimPaid['data']> = {}): ClaimPaid => ({
  type: 'ClaimPaid',
  data: {
    paymentId: 'PAY-1',
    paidDate: '2026-05-27',
    billedCents: 100_000,
    paidCents: 60_000,
    adjustments: [
      { groupCode: 'CO', carc: '45', rarcs: [], amountCents: 25_000 },
      { groupCode: 'PR', carc: '2', rarcs: [], amountCents: 15_000 },
    ],
    contractualCents: 25_000,
    otherAdjustmentCents: 0,
    patientResponsibilityCents: 15_000,
    deniedCents: 0,
    outcome: 'PAID',
    firstAdjudication: true,
    ...overrides,
  },
});

/** A remittance that denies line 2 (CO-50, $200.00, stays in AR) and pays the rest. */
export const recordPartialPayment = (overrides: Partial<RecordPayment> = {}): RecordPayment =>
  recordPayment({
    paidCents: 50_000,
    adjustments: [
      { groupCode: 'CO', carc: '45', rarcs: [], amountCents: 20_000 },
      { groupCode: 'PR', carc: '2', rarcs: [], amountCents: 10_000 },
      { groupCode: 'CO', carc: '50', rarcs: ['N115'], amountCents: 20_000, lineNumber: 2 },
    ],
    ...overrides,
  });

export const claimPartiallyPaid = (overrides: Partial<ClaimPaid['data']> = {}): ClaimPaid =>
  claimPaid({
    paidCents: 50_000,
    adjustments: [
      { groupCode: 'CO', carc: '45', rarcs: [], amountCents: 20_000 },
      { groupCode: 'PR', carc: '2', rarcs: [], amountCents: 10_000 },
      { groupCode: 'CO', carc: '50', rarcs: ['N115'], amountCents: 20_000, lineNumber: 2 },
    ],
    contractualCents: 20_000,
    patientResponsibilityCents: 10_000,
    deniedCents: 20_000,
    outcome: 'PARTIALLY_PAID',
    nextAppealLevel: 1,
    appealDeadline: addDays('2026-05-27', MEDICARE_RULES.appealWindowDays[0]!),
    ...overrides,
  });

export const reversePayment = (overrides: Partial<ReversePayment> = {}): ReversePayment => ({
  type: 'ReversePayment',
  paymentId: 'PAY-1',
  reason: 'Payer takeback, claim status 22',
  occurredAt: AT.reversed,
  ...overrides,
});

export const paymentReversed = (overrides: Partial<PaymentReversed['data']> = {}): PaymentReversed => ({
  type: 'PaymentReversed',
  data: {
    paymentId: 'PAY-1',
    reason: 'Payer takeback, claim status 22',
    reversedOn: dateOf(AT.reversed),
    paidCents: 60_000,
    contractualCents: 25_000,
    otherAdjustmentCents: 0,
    patientResponsibilityCents: 15_000,
    statusAfter: 'ACCEPTED',
    ...overrides,
  },
});

export const resolveCredit = (overrides: Partial<ResolveCredit> = {}): ResolveCredit => ({
  type: 'ResolveCredit',
  refundId: 'RF-1',
  side: 'PRIMARY',
  method: 'REFUND',
  amountCents: 10_000,
  occurredAt: AT.reversed,
  ...overrides,
});
