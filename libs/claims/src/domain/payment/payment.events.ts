import type { AdjustmentGroup } from '../claim.money.js';

export interface Adjustment {
  groupCode: AdjustmentGroup;
  /** Claim adjustment reason code (CARC), a string: some are alphanumeric (A1, B7, P12). */
  carc: string;
  rarcs: string[];
  amountCents: number;
  /** Set when the payer adjusted one service line rather than the claim. */
  lineNumber?: number;
}

export interface ClaimPaid {
  type: 'ClaimPaid';
  data: {
    paymentId: string;
    paidDate: string;
    /** What the payer's remittance said was billed; equals the insurance balance it settles. */
    billedCents: number;
    paidCents: number;
    allowedCents?: number;
    adjustments: Adjustment[];
    /** Totals of the adjustments by effect on the balances, decided once so that replays add the same. */
    contractualCents: number;
    otherAdjustmentCents: number;
    patientResponsibilityCents: number;
    /** Adjustments with a denial reason: recorded, but they stay in AR (they do not reduce the balance). */
    deniedCents: number;
    outcome: 'PAID' | 'PARTIALLY_PAID';
    firstAdjudication: boolean;
    /** On a partial payment, while an appeal level remains: that level and the last day to file it. */
    nextAppealLevel?: number;
    appealDeadline?: string;
  };
}

export interface PaymentReversed {
  type: 'PaymentReversed';
  data: {
    paymentId: string;
    reason: string;
    reversedOn: string;
    /** The reversed payment's amounts, taken back exactly. */
    paidCents: number;
    contractualCents: number;
    otherAdjustmentCents: number;
    patientResponsibilityCents: number;
    statusAfter: string;
  };
}

export type PaymentEvent = ClaimPaid | PaymentReversed;

/** The schema version written for each event today; older versions are upcast on read (claim.upcast.ts). */
export const PAYMENT_EVENT_VERSIONS = {
  ClaimPaid: 1,
  PaymentReversed: 1,
} as const satisfies Record<PaymentEvent['type'], number>;
